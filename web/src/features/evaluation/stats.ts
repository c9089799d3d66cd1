// Is the candidate really better than the active model on the same samples, and does the proposer's claim hold?
// McNemar's exact test on the discordant pairs, a seeded paired bootstrap interval for the accuracy difference, and a
// Wilson interval for each accuracy. Pure, unit-tested against hand-computed cases.

/** Two-sided exact McNemar p-value: b = candidate right & active wrong, c = the reverse. */
export function mcnemarExact(b: number, c: number): number {
  const n = b + c;
  if (n === 0) return 1;
  const k = Math.min(b, c);
  // P(X <= k) for X ~ Binomial(n, 1/2), summed in log space so large n does not underflow.
  let logTerm = -n * Math.LN2; // log C(n,0) / 2^n
  let cumulative = Math.exp(logTerm);
  for (let i = 1; i <= k; i++) {
    logTerm += Math.log(n - i + 1) - Math.log(i);
    cumulative += Math.exp(logTerm);
  }
  return Math.min(1, 2 * cumulative);
}

/** Wilson score interval for a proportion (z = 1.96 for 95%). */
export function wilsonInterval(successes: number, n: number, z = 1.959963984540054): [number, number] {
  if (n === 0) return [0, 1];
  const p = successes / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** mulberry32: small, fast, seeded; the interval is reproducible for the same predictions. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * An exact Binomial(n, p) draw: successes are counted by their geometric gaps, so a draw costs about n·min(p, 1 − p)
 * uniforms rather than n.
 */
export function binomialDraw(n: number, p: number, random: () => number): number {
  if (n === 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomialDraw(n, 1 - p, random);
  const logFailure = Math.log1p(-p);
  let successes = 0;
  // The trial of the next success, 1-based; the gap is Geometric(p) on {1, 2, …} by inversion (1 − U is in (0, 1]).
  for (let trial = 0; ; successes++) {
    trial += Math.floor(Math.log(1 - random()) / logFailure) + 1;
    if (trial > n) return successes;
  }
}

/**
 * 95% paired bootstrap interval of accuracy(candidate) − accuracy(active), resampling samples with replacement.
 *
 * A resample's difference depends only on how many of its n draws land on samples only the candidate got right (b of
 * n) and on samples only the active model got right (c of n): (b', c', rest) is Multinomial(n; b/n, c/n, …). Drawing
 * those two counts directly (b' + c' ~ Binomial(n, (b + c)/n), then b' ~ Binomial(b' + c', b/(b + c))) gives exactly the
 * distribution of resampling the n indices one by one, at a cost of about b + c uniforms per resample instead of n.
 */
export function pairedBootstrapInterval(
  candidateCorrect: ArrayLike<number>,
  activeCorrect: ArrayLike<number>,
  { resamples = 1000, seed = 20250101 } = {},
): [number, number] {
  const n = candidateCorrect.length;
  if (n === 0 || activeCorrect.length !== n)
    throw new Error("paired bootstrap needs two equally long, non-empty lists");
  let candidateOnly = 0;
  let activeOnly = 0;
  for (let i = 0; i < n; i++) {
    if (candidateCorrect[i] && !activeCorrect[i]) candidateOnly++;
    else if (!candidateCorrect[i] && activeCorrect[i]) activeOnly++;
  }
  const estimates = bootstrapDifferences(n, candidateOnly, activeOnly, { resamples, seed });
  return [estimates[Math.floor(0.025 * (resamples - 1))], estimates[Math.ceil(0.975 * (resamples - 1))]];
}

/**
 * The sorted accuracy differences of `resamples` bootstrap resamples of n paired samples, of which `candidateOnly`
 * only the candidate and `activeOnly` only the active model got right.
 */
export function bootstrapDifferences(
  n: number,
  candidateOnly: number,
  activeOnly: number,
  { resamples = 1000, seed = 20250101 } = {},
): Float64Array {
  const discordant = candidateOnly + activeOnly;
  const random = mulberry32(seed);
  const estimates = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    const drawnDiscordant = binomialDraw(n, discordant / n, random);
    const drawnCandidateOnly = discordant ? binomialDraw(drawnDiscordant, candidateOnly / discordant, random) : 0;
    estimates[r] = (2 * drawnCandidateOnly - drawnDiscordant) / n;
  }
  return estimates.sort();
}

export type Verdict = "better" | "worse" | "no significant difference";

export type Comparison = {
  difference: number;
  interval: [number, number];
  pValue: number;
  candidateOnlyCorrect: number;
  activeOnlyCorrect: number;
  verdict: Verdict;
};

/** Compares two models' per-sample correctness on the same samples (1 = right, 0 = wrong). */
export function compareModels(candidateCorrect: Uint8Array, activeCorrect: Uint8Array, alpha = 0.05): Comparison {
  let b = 0;
  let c = 0;
  let candidateTotal = 0;
  let activeTotal = 0;
  for (let i = 0; i < candidateCorrect.length; i++) {
    candidateTotal += candidateCorrect[i];
    activeTotal += activeCorrect[i];
    if (candidateCorrect[i] && !activeCorrect[i]) b++;
    if (!candidateCorrect[i] && activeCorrect[i]) c++;
  }
  const n = candidateCorrect.length;
  const pValue = mcnemarExact(b, c);
  const difference = (candidateTotal - activeTotal) / n;
  const interval = pairedBootstrapInterval(candidateCorrect, activeCorrect);
  const verdict: Verdict = pValue >= alpha ? "no significant difference" : difference > 0 ? "better" : "worse";
  return { difference, interval, pValue, candidateOnlyCorrect: b, activeOnlyCorrect: c, verdict };
}

export type ClaimCheck = { claimed: number; measured: number; interval: [number, number]; supported: boolean };

/** A claim is unsupported when it lies above the measurement's 95% interval. */
export function checkClaim(claimedBps: number, correct: number, n: number): ClaimCheck {
  const interval = wilsonInterval(correct, n);
  const claimed = claimedBps / 10_000;
  return { claimed, measured: correct / n, interval, supported: claimed <= interval[1] };
}
