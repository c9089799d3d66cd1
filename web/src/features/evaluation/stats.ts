// Is the candidate really better than the active model on the same samples, and does the proposer's claim hold?
// McNemar's exact test on the discordant pairs, the paired bootstrap interval for the accuracy difference (computed
// exactly), and a Wilson interval for each accuracy. Pure, unit-tested against hand-computed cases.

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

/**
 * 95% paired bootstrap interval of accuracy(candidate) − accuracy(active), resampling samples with replacement —
 * computed exactly, not by drawing resamples.
 *
 * A resample's difference depends only on how many of its n draws land on samples only the candidate got right (b of
 * n) and on samples only the active model got right (c of n): (b', c', rest) is Multinomial(n; b/n, c/n, …), so the
 * difference (b' − c')/n has the distribution the infinitely many resamples would show. With s = b' + c' ~
 * Binomial(n, (b + c)/n) and b' | s ~ Binomial(s, b/(b + c)), its probabilities are sums of products of binomial
 * terms; the interval is that distribution's 2.5 % and 97.5 % quantiles. No resampling noise and no seed, in a few
 * milliseconds for 10,000 samples (drawing 1,000 resamples took 20–35).
 */
export function pairedBootstrapInterval(
  candidateCorrect: ArrayLike<number>,
  activeCorrect: ArrayLike<number>,
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
  const { from, probabilities } = bootstrapDistribution(n, candidateOnly, activeOnly);
  const quantile = (level: number) => {
    let cumulative = 0;
    for (let i = 0; i < probabilities.length; i++) {
      cumulative += probabilities[i];
      if (cumulative >= level - 1e-12) return (from + i) / n;
    }
    return (from + probabilities.length - 1) / n;
  };
  return [quantile(0.025), quantile(0.975)];
}

/** Terms below this share of the largest are left out (together far below the 1e-9 a quantile needs here). */
const NEGLIGIBLE = 1e-13;

/**
 * The Binomial(n, p) probabilities that are not negligible: P(k) for k = from, from + 1, … (they sum to 1 but for
 * less than 1e-15). Each term comes from its neighbour's (P(k + 1) / P(k) = (n − k) / (k + 1) · p / (1 − p)),
 * outward from the mode, where they only shrink: multiplications, where a log-factorial and an `exp` per term took
 * most of a verdict's statistics.
 */
export function binomialProbabilities(n: number, p: number): { from: number; probabilities: Float64Array } {
  if (p <= 0) return { from: 0, probabilities: Float64Array.of(1) };
  if (p >= 1) return { from: n, probabilities: Float64Array.of(1) };
  const odds = p / (1 - p);
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const up = (k: number) => ((n - k) / (k + 1)) * odds; // P(k + 1) / P(k)
  let from = mode;
  for (let relative = 1; from > 0; from--) {
    relative /= up(from - 1);
    if (relative < NEGLIGIBLE) break;
  }
  let to = mode;
  for (let relative = 1; to < n; to++) {
    relative *= up(to);
    if (relative < NEGLIGIBLE) break;
  }
  const probabilities = new Float64Array(to - from + 1);
  probabilities[mode - from] = 1;
  for (let k = mode - 1; k >= from; k--) probabilities[k - from] = probabilities[k + 1 - from] / up(k);
  for (let k = mode + 1; k <= to; k++) probabilities[k - from] = probabilities[k - 1 - from] * up(k - 1);
  let total = 0;
  for (let i = 0; i < probabilities.length; i++) total += probabilities[i];
  for (let i = 0; i < probabilities.length; i++) probabilities[i] /= total;
  return { from, probabilities };
}

/**
 * The exact distribution of b' − c' over bootstrap resamples of n paired samples, of which `candidateOnly` (b) only
 * the candidate and `activeOnly` (c) only the active model got right: P(b' − c' = from + i) = probabilities[i].
 */
export function bootstrapDistribution(
  n: number,
  candidateOnly: number,
  activeOnly: number,
): { from: number; probabilities: Float64Array } {
  const discordant = candidateOnly + activeOnly;
  if (discordant === 0) return { from: 0, probabilities: Float64Array.of(1) };
  const share = candidateOnly / discordant;
  const drawnDiscordant = binomialProbabilities(n, discordant / n);
  const last = drawnDiscordant.from + drawnDiscordant.probabilities.length - 1;
  // b' − c' = 2b' − s lies in [−last, last].
  const probabilities = new Float64Array(2 * last + 1);
  for (let i = 0; i < drawnDiscordant.probabilities.length; i++) {
    const s = drawnDiscordant.from + i;
    const split = binomialProbabilities(s, share);
    for (let j = 0; j < split.probabilities.length; j++)
      probabilities[2 * (split.from + j) - s + last] += drawnDiscordant.probabilities[i] * split.probabilities[j];
  }
  return { from: -last, probabilities };
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
