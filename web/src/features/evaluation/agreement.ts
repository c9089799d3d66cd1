// A backend is trusted only when it answers like the CPU backend on the probe batch: the same argmax on every row and
// every logit within TOLERANCE. Pure, so the check is the same wherever the two sets of answers meet.

/** Samples whose raw outputs the evaluation report carries, for anyone to recompute elsewhere. */
export const PROBE_SAMPLES = 64;
/**
 * Samples every backend is checked on against the CPU backend (the first ones of the set): a kernel that computes
 * wrong shows on any input, and the CPU backend's pure-JavaScript kernels are slow — on a two-core device the check
 * shares the cores with inference, so every row of it delays the verdict.
 */
export const CHECK_SAMPLES = 16;
export const TOLERANCE = 1e-4;

export function argmaxRow(values: Float32Array, row: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) if (values[row * k + j] > values[row * k + best]) best = j;
  return best;
}

/**
 * Every row's argmax, exactly as `argmaxRow` gives it (the first of equal maxima), in one pass that keeps the row's
 * best value at hand: the verdict's path runs it on every output after the last batch.
 */
export function argmaxRows(outputs: Float32Array, n: number, k: number): Uint8Array {
  const predictions = new Uint8Array(n);
  for (let row = 0, at = 0; row < n; row++, at += k) {
    let best = 0;
    let top = outputs[at];
    for (let j = 1; j < k; j++) {
      const value = outputs[at + j];
      if (value > top) {
        top = value;
        best = j;
      }
    }
    predictions[row] = best;
  }
  return predictions;
}

export type Agreement = { agrees: boolean; maxDifference: number; argmaxAgrees: boolean };

/** Compares each model's outputs with the CPU reference for the same model, `rows` samples of `k` classes. */
export function agreement(outputs: Float32Array[], reference: Float32Array[], rows: number, k: number): Agreement {
  if (outputs.length !== reference.length) throw new Error("one reference per model is needed");
  let maxDifference = 0;
  let argmaxAgrees = true;
  for (const [index, out] of outputs.entries()) {
    const ref = reference[index];
    if (out.length !== rows * k || ref.length !== rows * k) throw new Error("probe outputs have the wrong length");
    for (let i = 0; i < out.length; i++) {
      const difference = Math.abs(out[i] - ref[i]);
      // NaN never compares, so a NaN logit must count as a disagreement explicitly.
      if (!(difference <= maxDifference)) maxDifference = Number.isNaN(difference) ? Infinity : difference;
    }
    for (let row = 0; row < rows; row++) if (argmaxRow(out, row, k) !== argmaxRow(ref, row, k)) argmaxAgrees = false;
  }
  return { agrees: argmaxAgrees && maxDifference <= TOLERANCE, maxDifference, argmaxAgrees };
}

export function disagreementNote({ maxDifference, argmaxAgrees }: Agreement): string {
  return `disagrees with the CPU backend (max |Δlogit| ${maxDifference.toExponential(2)}${argmaxAgrees ? "" : ", different predictions"})`;
}
