import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { CNN_PARAM_SHAPES, cnnLogits, cnnLossAndGrads } from "../../scripts/ml/cnn-trainer.ts";

// The hand-written CNN gradients must equal tfjs autodiff of the same network built from tfjs ops.
describe("cnn-trainer: hand-written gradients vs tfjs autodiff", () => {
  it("matches loss, logits and all six gradients", async () => {
    await tf.setBackend("cpu");
    const batch = 3;
    const params = CNN_PARAM_SHAPES.map((shape, i) =>
      tf.tidy(() => tf.randomUniform(shape, -0.3, 0.3, "float32", 1000 + i).dataSync() as Float32Array),
    );
    // sparse-ish images in [0, 1] like MNIST
    const x = tf.tidy(() => tf.relu(tf.randomUniform([batch * 784], -1, 1, "float32", 7)).dataSync() as Float32Array);
    const labels = [3, 0, 9];

    const tfLoss = (...w: tf.Tensor[]): tf.Scalar => {
      const [k1, b1, k2, b2, kd, bd] = w;
      const input = tf.tensor4d(x, [batch, 28, 28, 1]);
      const a1 = tf.relu(tf.conv2d(input, k1 as tf.Tensor4D, 1, "valid").add(b1)) as tf.Tensor4D;
      const p1 = tf.maxPool(a1, 2, 2, "valid");
      const a2 = tf.relu(tf.conv2d(p1, k2 as tf.Tensor4D, 1, "valid").add(b2)) as tf.Tensor4D;
      const p2 = tf.maxPool(a2, 2, 2, "valid");
      const logits = p2
        .reshape([batch, 400])
        .matMul(kd as tf.Tensor2D)
        .add(bd);
      const y = tf.oneHot(tf.tensor1d(labels, "int32"), 10).toFloat();
      return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
    };
    const tensors = params.map((p, i) => tf.tensor(p, CNN_PARAM_SHAPES[i]));
    const { value, grads } = tf.valueAndGrads(tfLoss)(tensors);
    const expectedLoss = value.dataSync()[0];
    const expectedGrads = grads.map((g) => g.dataSync());

    const ours = cnnLossAndGrads(params, x, labels, batch);
    assert.ok(Math.abs(ours.loss - expectedLoss) < 1e-5, `loss ${ours.loss} vs ${expectedLoss}`);
    ours.grads.forEach((g, i) => {
      assert.equal(g.length, expectedGrads[i].length);
      let maxDiff = 0;
      let maxAbs = 0;
      for (let j = 0; j < g.length; j++) {
        maxDiff = Math.max(maxDiff, Math.abs(g[j] - expectedGrads[i][j]));
        maxAbs = Math.max(maxAbs, Math.abs(expectedGrads[i][j]));
      }
      assert.ok(maxAbs > 0, `gradient ${i} is identically zero: the check would be vacuous`);
      assert.ok(maxDiff <= 1e-5 + 1e-4 * maxAbs, `gradient ${i}: max |diff| ${maxDiff} (max |g| ${maxAbs})`);
    });

    // logits: compare softmax probabilities with the tfjs layers Conv2D/MaxPooling2D model given the same weights
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, activation: "relu" }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: "relu" }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 10, activation: "softmax" }),
      ],
    });
    model.setWeights(tensors);
    const probs = (model.predict(tf.tensor4d(x, [batch, 28, 28, 1])) as tf.Tensor).dataSync();
    const logits = cnnLogits(params, x, batch);
    for (let s = 0; s < batch; s++) {
      const z = Array.from(logits.subarray(s * 10, s * 10 + 10));
      const m = Math.max(...z);
      const sum = z.reduce((a, v) => a + Math.exp(v - m), 0);
      z.forEach((v, o) => assert.ok(Math.abs(Math.exp(v - m) / sum - probs[s * 10 + o]) < 1e-5));
    }
    model.dispose();
    tf.dispose([value, ...grads, ...tensors]);
  });

  it("rejects wrongly sized parameters", () => {
    const params = CNN_PARAM_SHAPES.map((s) => new Float32Array(s.reduce((a, b) => a * b, 1)));
    params[4] = new Float32Array(10);
    assert.throws(() => cnnLogits(params, new Float32Array(784), 1), /parameter 4 has 10 values, expected 4000/);
  });
});
