/**
 * Loss and gradients of the digits CNN, computed in plain JavaScript.
 *
 * Why: on the tfjs CPU backend (the only one available in Node here; tfjs-node cannot be installed) the backward
 * kernels of conv2d and maxPool are generic index-by-index loops, which made one training epoch of this small CNN
 * take several minutes. These hand-written loops compute exactly the same function and gradients (checked against
 * tfjs autodiff in test/ts-unit/cnn-trainer.test.ts) about 50x faster. Everything else stays tfjs: the weights are
 * initialised by the seeded tfjs initialisers of the Conv2D/Dense layers, updated by tfjs's Adam
 * (`optimizer.applyGradients`), and the trained weights are set back into the standard tfjs layers model, which is
 * what is saved and evaluated.
 *
 * Network (NHWC, "valid" padding, stride 1, tfjs weight layouts):
 *   input [28, 28, 1] → Conv2D 8@3x3 + ReLU → [26, 26, 8] → MaxPool 2x2 → [13, 13, 8]
 *   → Conv2D 16@3x3 + ReLU → [11, 11, 16] → MaxPool 2x2 (last row/column dropped) → [5, 5, 16]
 *   → Flatten [400] → Dense 10 (+ softmax) ; loss = mean categorical cross-entropy.
 * Parameters, in the layers model's getWeights() order:
 *   conv1 kernel [3,3,1,8], conv1 bias [8], conv2 kernel [3,3,8,16], conv2 bias [16], dense kernel [400,10], dense bias [10].
 */

export const CNN = {
  side: 28,
  k: 3,
  c1: 8,
  c2: 16,
  classes: 10,
} as const;

const S0 = CNN.side; // 28
const S1 = S0 - CNN.k + 1; // 26 after conv1
const P1 = Math.floor(S1 / 2); // 13 after pool1
const S2 = P1 - CNN.k + 1; // 11 after conv2
const P2 = Math.floor(S2 / 2); // 5 after pool2
const FLAT = P2 * P2 * CNN.c2; // 400

export const CNN_PARAM_SHAPES: number[][] = [
  [CNN.k, CNN.k, 1, CNN.c1],
  [CNN.c1],
  [CNN.k, CNN.k, CNN.c1, CNN.c2],
  [CNN.c2],
  [FLAT, CNN.classes],
  [CNN.classes],
];

/** Valid 3x3 convolution + bias + ReLU of one [h, w, cin] image into out [h-2, w-2, cout]. */
function convForward(
  x: Float32Array | Float64Array,
  h: number,
  w: number,
  cin: number,
  kernel: Float32Array,
  bias: Float32Array,
  cout: number,
  out: Float64Array,
): void {
  const k = CNN.k;
  const oh = h - k + 1;
  const ow = w - k + 1;
  for (let r = 0; r < oh; r++) {
    for (let c = 0; c < ow; c++) {
      const o0 = (r * ow + c) * cout;
      for (let o = 0; o < cout; o++) out[o0 + o] = bias[o];
      for (let kh = 0; kh < k; kh++) {
        for (let kw = 0; kw < k; kw++) {
          const x0 = ((r + kh) * w + (c + kw)) * cin;
          const k0 = (kh * k + kw) * cin * cout;
          for (let i = 0; i < cin; i++) {
            const xv = x[x0 + i];
            if (xv === 0) continue;
            const ki = k0 + i * cout;
            for (let o = 0; o < cout; o++) out[o0 + o] += xv * kernel[ki + o];
          }
        }
      }
      for (let o = 0; o < cout; o++) if (out[o0 + o] < 0) out[o0 + o] = 0;
    }
  }
}

/** 2x2 stride-2 max pooling of [h, w, c] into out [floor(h/2), floor(w/2), c], recording the argmax input index. */
function poolForward(x: Float64Array, h: number, w: number, ch: number, out: Float64Array, arg: Int32Array): void {
  const ph = Math.floor(h / 2);
  const pw = Math.floor(w / 2);
  for (let r = 0; r < ph; r++) {
    for (let c = 0; c < pw; c++) {
      for (let o = 0; o < ch; o++) {
        let best = -Infinity;
        let bestIdx = -1;
        for (let dr = 0; dr < 2; dr++) {
          for (let dc = 0; dc < 2; dc++) {
            const idx = ((2 * r + dr) * w + (2 * c + dc)) * ch + o;
            if (x[idx] > best) {
              best = x[idx];
              bestIdx = idx;
            }
          }
        }
        const p = (r * pw + c) * ch + o;
        out[p] = best;
        arg[p] = bestIdx;
      }
    }
  }
}

/**
 * Backward of conv+ReLU: given dOut (w.r.t. the ReLU output) and the forward output (for the ReLU mask),
 * accumulates kernel and bias gradients and, if dx is given, the input gradient.
 */
function convBackward(
  x: Float32Array | Float64Array,
  h: number,
  w: number,
  cin: number,
  kernel: Float32Array,
  cout: number,
  out: Float64Array,
  dOut: Float64Array,
  dKernel: Float64Array,
  dBias: Float64Array,
  dx: Float64Array | null,
): void {
  const k = CNN.k;
  const oh = h - k + 1;
  const ow = w - k + 1;
  for (let r = 0; r < oh; r++) {
    for (let c = 0; c < ow; c++) {
      const o0 = (r * ow + c) * cout;
      let any = false;
      for (let o = 0; o < cout; o++) {
        if (out[o0 + o] <= 0)
          dOut[o0 + o] = 0; // ReLU mask (gradient 0 at 0, like tfjs)
        else if (dOut[o0 + o] !== 0) any = true;
      }
      if (!any) continue;
      for (let o = 0; o < cout; o++) dBias[o] += dOut[o0 + o];
      for (let kh = 0; kh < k; kh++) {
        for (let kw = 0; kw < k; kw++) {
          const x0 = ((r + kh) * w + (c + kw)) * cin;
          const k0 = (kh * k + kw) * cin * cout;
          for (let i = 0; i < cin; i++) {
            const xv = x[x0 + i];
            const ki = k0 + i * cout;
            let acc = 0;
            for (let o = 0; o < cout; o++) {
              const g = dOut[o0 + o];
              dKernel[ki + o] += xv * g;
              acc += kernel[ki + o] * g;
            }
            if (dx) dx[x0 + i] += acc;
          }
        }
      }
    }
  }
}

export interface CnnStep {
  /** Mean cross-entropy over the batch. */
  loss: number;
  /** Gradients of the mean loss, in parameter order and tfjs layouts. */
  grads: Float32Array[];
}

/** Logits [batch, 10] of the CNN for `batch` images (row-major [batch, 784], preprocessed). */
export function cnnLogits(params: Float32Array[], x: Float32Array, batch: number): Float64Array {
  return run(params, x, batch, null).logits;
}

/** Mean softmax cross-entropy loss and its gradients for a batch of images and integer labels. */
export function cnnLossAndGrads(
  params: Float32Array[],
  x: Float32Array,
  labels: ArrayLike<number>,
  batch: number,
): CnnStep {
  const r = run(params, x, batch, labels);
  return { loss: r.loss, grads: r.grads.map((g) => Float32Array.from(g)) };
}

function run(
  params: Float32Array[],
  x: Float32Array,
  batch: number,
  labels: ArrayLike<number> | null,
): { logits: Float64Array; loss: number; grads: Float64Array[] } {
  params.forEach((p, i) => {
    const size = CNN_PARAM_SHAPES[i].reduce((a, b) => a * b, 1);
    if (p.length !== size) throw new Error(`CNN parameter ${i} has ${p.length} values, expected ${size}`);
  });
  if (params.length !== CNN_PARAM_SHAPES.length) throw new Error("CNN expects 6 parameter arrays");
  if (x.length !== batch * S0 * S0) throw new Error(`expected ${batch} images of ${S0 * S0} values`);
  const [k1, b1, k2, b2, wd, bd] = params;
  const { c1, c2, classes } = CNN;
  const grads = params.map((p) => new Float64Array(p.length));
  const [gk1, gb1, gk2, gb2, gwd, gbd] = grads;
  const a1 = new Float64Array(S1 * S1 * c1);
  const p1 = new Float64Array(P1 * P1 * c1);
  const arg1 = new Int32Array(p1.length);
  const a2 = new Float64Array(S2 * S2 * c2);
  const p2 = new Float64Array(FLAT);
  const arg2 = new Int32Array(FLAT);
  const logits = new Float64Array(batch * classes);
  const dl = new Float64Array(classes);
  const dp2 = new Float64Array(FLAT);
  const da2 = new Float64Array(a2.length);
  const dp1 = new Float64Array(p1.length);
  const da1 = new Float64Array(a1.length);
  let loss = 0;
  for (let s = 0; s < batch; s++) {
    const img = x.subarray(s * S0 * S0, (s + 1) * S0 * S0);
    convForward(img, S0, S0, 1, k1, b1, c1, a1);
    poolForward(a1, S1, S1, c1, p1, arg1);
    convForward(p1, P1, P1, c1, k2, b2, c2, a2);
    poolForward(a2, S2, S2, c2, p2, arg2);
    const z = logits.subarray(s * classes, (s + 1) * classes);
    for (let o = 0; o < classes; o++) z[o] = bd[o];
    for (let i = 0; i < FLAT; i++) {
      const v = p2[i];
      if (v === 0) continue;
      for (let o = 0; o < classes; o++) z[o] += v * wd[i * classes + o];
    }
    if (!labels) continue;

    // softmax cross-entropy and d(mean loss)/d(logits)
    let max = -Infinity;
    for (let o = 0; o < classes; o++) max = Math.max(max, z[o]);
    let sum = 0;
    for (let o = 0; o < classes; o++) sum += Math.exp(z[o] - max);
    const y = labels[s];
    loss += Math.log(sum) - (z[y] - max);
    for (let o = 0; o < classes; o++) dl[o] = (Math.exp(z[o] - max) / sum - (o === y ? 1 : 0)) / batch;

    // dense
    for (let o = 0; o < classes; o++) gbd[o] += dl[o];
    for (let i = 0; i < FLAT; i++) {
      let acc = 0;
      for (let o = 0; o < classes; o++) {
        gwd[i * classes + o] += p2[i] * dl[o];
        acc += wd[i * classes + o] * dl[o];
      }
      dp2[i] = acc;
    }
    // pool2 → conv2
    da2.fill(0);
    for (let i = 0; i < FLAT; i++) da2[arg2[i]] += dp2[i];
    dp1.fill(0);
    convBackward(p1, P1, P1, c1, k2, c2, a2, da2, gk2, gb2, dp1);
    // pool1 → conv1 (no input gradient needed)
    da1.fill(0);
    for (let i = 0; i < p1.length; i++) da1[arg1[i]] += dp1[i];
    convBackward(img, S0, S0, 1, k1, c1, a1, da1, gk1, gb1, null);
  }
  return { logits, loss: loss / batch, grads };
}
