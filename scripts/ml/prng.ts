/**
 * Seeded randomness for the pipeline (splits, subsets, per-epoch shuffles), independent of Math.random and of tfjs.
 * mulberry32: a 32-bit state PRNG returning floats in [0, 1) with 2^-32 resolution. Deterministic across engines.
 */

export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** In-place Fisher–Yates shuffle: for i = n-1 down to 1, swap a[i] with a[floor(rng() * (i + 1))]. */
export function shuffleInPlace<T>(a: T[], rng: Rng): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}

/** A shuffled [0, 1, ..., n-1]. */
export function permutation(n: number, rng: Rng): number[] {
  return shuffleInPlace(
    Array.from({ length: n }, (_, i) => i),
    rng,
  );
}

/**
 * Stratified split of sample indices 0..labels.length-1 into eval and train parts.
 * - Eval size per class: largest-remainder apportionment of round(N * evalFraction) proportional to class sizes
 *   (ties broken by lower class index), so the total is exact and every class keeps its proportion.
 * - Within each class (classes in increasing order) the class's indices, in source order, are shuffled with `rng`;
 *   the first k go to eval, the rest to train.
 * - Finally the eval part, then the train part, are each shuffled with the same `rng` stream.
 */
export function stratifiedSplit(
  labels: ArrayLike<number>,
  numClasses: number,
  evalFraction: number,
  rng: Rng,
): { train: number[]; eval: number[]; evalPerClass: number[] } {
  const byClass: number[][] = Array.from({ length: numClasses }, () => []);
  for (let i = 0; i < labels.length; i++) byClass[labels[i]].push(i);
  const totalEval = Math.round(labels.length * evalFraction);
  const quotas = byClass.map((idx) => (idx.length * totalEval) / labels.length);
  const evalPerClass = quotas.map(Math.floor);
  let remaining = totalEval - evalPerClass.reduce((a, b) => a + b, 0);
  const order = quotas
    .map((q, c) => ({ c, r: q - Math.floor(q) }))
    .sort((a, b) => b.r - a.r || a.c - b.c)
    .map((o) => o.c);
  for (const c of order) {
    if (remaining === 0) break;
    evalPerClass[c]++;
    remaining--;
  }
  const train: number[] = [];
  const evalPart: number[] = [];
  byClass.forEach((idx, c) => {
    shuffleInPlace(idx, rng);
    evalPart.push(...idx.slice(0, evalPerClass[c]));
    train.push(...idx.slice(evalPerClass[c]));
  });
  shuffleInPlace(evalPart, rng);
  shuffleInPlace(train, rng);
  return { train, eval: evalPart, evalPerClass };
}
