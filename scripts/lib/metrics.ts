/**
 * Classification metrics shared by the Node pipeline and the browser evaluator. Pure functions, no dependencies.
 *
 * Conventions (the same as scikit-learn with `zero_division=0` and `labels=range(numClasses)`):
 * - the confusion matrix is indexed `[trueClass][predictedClass]`;
 * - precision of a class nobody predicted, recall of a class absent from the labels and F1 of a class with
 *   precision + recall = 0 are 0;
 * - macro-F1 is the unweighted mean of the per-class F1 over all `numClasses` classes, including classes absent
 *   from the evaluation set;
 * - F1 is computed as 2·TP / (2·TP + FP + FN), which equals 2PR / (P + R) whenever that is defined.
 */

export type ConfusionMatrix = number[][];

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  /** Number of samples whose true label is this class. */
  support: number;
}

export interface ClassificationMetrics {
  samples: number;
  accuracy: number;
  macroF1: number;
  perClass: ClassMetrics[];
  confusionMatrix: ConfusionMatrix;
}

function checkNumClasses(numClasses: number): void {
  if (!Number.isInteger(numClasses) || numClasses < 1) {
    throw new Error(`numClasses must be a positive integer, got ${numClasses}`);
  }
}

function checkLabel(label: number, numClasses: number, what: string, index: number): void {
  if (!Number.isInteger(label) || label < 0 || label >= numClasses) {
    throw new Error(`${what}[${index}] = ${label} is not a class index in [0, ${numClasses})`);
  }
}

/** Counts `[true][predicted]` pairs. Throws on length mismatch or labels outside [0, numClasses). */
export function confusionMatrix(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  numClasses: number,
): ConfusionMatrix {
  checkNumClasses(numClasses);
  if (yTrue.length !== yPred.length) {
    throw new Error(`yTrue and yPred lengths differ: ${yTrue.length} vs ${yPred.length}`);
  }
  const cm: ConfusionMatrix = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  for (let i = 0; i < yTrue.length; i++) {
    checkLabel(yTrue[i], numClasses, "yTrue", i);
    checkLabel(yPred[i], numClasses, "yPred", i);
    cm[yTrue[i]][yPred[i]]++;
  }
  return cm;
}

function checkMatrix(cm: ConfusionMatrix): number {
  const n = cm.length;
  if (n < 1) throw new Error("confusion matrix must have at least one class");
  for (const row of cm) {
    if (!Array.isArray(row) || row.length !== n) throw new Error("confusion matrix must be square");
    for (const v of row) {
      if (!Number.isInteger(v) || v < 0)
        throw new Error(`confusion matrix entries must be non-negative integers, got ${v}`);
    }
  }
  return n;
}

/** Total number of samples counted in the matrix. */
export function sampleCount(cm: ConfusionMatrix): number {
  checkMatrix(cm);
  let total = 0;
  for (const row of cm) for (const v of row) total += v;
  return total;
}

/** Fraction of samples on the diagonal. Throws on an empty matrix (accuracy of nothing is undefined). */
export function accuracy(cm: ConfusionMatrix): number {
  const total = sampleCount(cm);
  if (total === 0) throw new Error("accuracy is undefined for zero samples");
  let correct = 0;
  for (let i = 0; i < cm.length; i++) correct += cm[i][i];
  return correct / total;
}

/** Precision, recall, F1 and support of every class. */
export function perClassMetrics(cm: ConfusionMatrix): ClassMetrics[] {
  const n = checkMatrix(cm);
  const out: ClassMetrics[] = [];
  for (let c = 0; c < n; c++) {
    const tp = cm[c][c];
    let support = 0; // row sum: TP + FN
    let predicted = 0; // column sum: TP + FP
    for (let k = 0; k < n; k++) {
      support += cm[c][k];
      predicted += cm[k][c];
    }
    const fp = predicted - tp;
    const fn = support - tp;
    out.push({
      precision: predicted === 0 ? 0 : tp / predicted,
      recall: support === 0 ? 0 : tp / support,
      f1: 2 * tp + fp + fn === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn),
      support,
    });
  }
  return out;
}

/** Unweighted mean of per-class F1 over all classes. */
export function macroF1(cm: ConfusionMatrix): number {
  const per = perClassMetrics(cm);
  let sum = 0;
  for (const c of per) sum += c.f1;
  return sum / per.length;
}

/** All metrics from labels and predictions. */
export function classificationMetrics(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  numClasses: number,
): ClassificationMetrics {
  const cm = confusionMatrix(yTrue, yPred, numClasses);
  return {
    samples: yTrue.length,
    accuracy: accuracy(cm),
    macroF1: macroF1(cm),
    perClass: perClassMetrics(cm),
    confusionMatrix: cm,
  };
}

/**
 * numerator / denominator in basis points, rounded half up with exact integer arithmetic (no floating-point
 * surprises at .5 boundaries). Both must be non-negative integers, denominator > 0, numerator <= denominator.
 */
export function ratioToBps(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || numerator < 0 || denominator <= 0) {
    throw new Error(`expected non-negative integers with a positive denominator, got ${numerator}/${denominator}`);
  }
  if (numerator > denominator) throw new Error(`ratio ${numerator}/${denominator} exceeds 1`);
  if (numerator * 20000 + denominator > Number.MAX_SAFE_INTEGER) throw new Error("ratio too large for exact rounding");
  const a = numerator * 20000 + denominator; // 10000·n/d + 1/2 = a / b
  const b = 2 * denominator;
  return (a - (a % b)) / b; // exact floor: % and the division of a multiple of b are exact on safe integers
}

/** Accuracy in basis points, rounded half up exactly from the integer counts of the matrix. */
export function accuracyBps(cm: ConfusionMatrix): number {
  const total = sampleCount(cm);
  if (total === 0) throw new Error("accuracy is undefined for zero samples");
  let correct = 0;
  for (let i = 0; i < cm.length; i++) correct += cm[i][i];
  return ratioToBps(correct, total);
}

/** A fraction in [0, 1] as basis points (0..10000), Math.round(fraction * 10000): the unit of on-chain claims.
 *  Prefer ratioToBps / accuracyBps where the fraction comes from integer counts. */
export function toBps(fraction: number): number {
  if (!Number.isFinite(fraction) || fraction < 0 || fraction > 1) {
    throw new Error(`expected a fraction in [0, 1], got ${fraction}`);
  }
  return Math.round(fraction * 10000);
}

/** Index of the largest value in each row of a row-major `rows × cols` score matrix (first index wins ties). */
export function argmaxRows(scores: ArrayLike<number>, cols: number): number[] {
  if (!Number.isInteger(cols) || cols < 1) throw new Error(`cols must be a positive integer, got ${cols}`);
  if (scores.length % cols !== 0) throw new Error(`score count ${scores.length} is not a multiple of ${cols}`);
  const rows = scores.length / cols;
  const out = new Array<number>(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    let bestValue = scores[r * cols];
    for (let c = 1; c < cols; c++) {
      const v = scores[r * cols + c];
      if (v > bestValue || (Number.isNaN(bestValue) && !Number.isNaN(v))) {
        best = c;
        bestValue = v;
      }
    }
    out[r] = best;
  }
  return out;
}
