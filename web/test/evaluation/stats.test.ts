import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../../scripts/ml/prng.ts";
import {
  binomialProbabilities,
  bootstrapDistribution,
  checkClaim,
  compareModels,
  mcnemarExact,
  pairedBootstrapInterval,
  wilsonInterval,
} from "../../src/features/evaluation/stats.ts";

describe("McNemar's exact test", () => {
  it("matches hand-computed binomial tails", () => {
    // b=0, c=5: 2 * (1/2)^5 = 0.0625
    expect(mcnemarExact(0, 5)).toBeCloseTo(0.0625, 12);
    // b=1, c=9: 2 * (1 + 10) / 1024 = 0.021484375
    expect(mcnemarExact(1, 9)).toBeCloseTo(0.021484375, 12);
    expect(mcnemarExact(4, 4)).toBe(1);
    expect(mcnemarExact(0, 0)).toBe(1);
  });
  it("stays finite for thousands of discordant pairs", () => {
    const p = mcnemarExact(900, 1100);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-4);
  });
});

describe("Wilson interval", () => {
  it("matches the textbook value for 8 of 10", () => {
    const [low, high] = wilsonInterval(8, 10);
    expect(low).toBeCloseTo(0.4902, 4);
    expect(high).toBeCloseTo(0.9433, 4);
  });
  it("is [0, 1] for no samples and stays inside [0, 1] at the edges", () => {
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
    expect(wilsonInterval(10, 10)[1]).toBeLessThanOrEqual(1);
    expect(wilsonInterval(0, 10)[0]).toBeGreaterThanOrEqual(0);
  });
});

describe("paired bootstrap", () => {
  it("is deterministic and brackets the observed difference", () => {
    const random = mulberry32(7);
    const candidate = Uint8Array.from({ length: 400 }, () => (random() < 0.9 ? 1 : 0));
    const active = Uint8Array.from({ length: 400 }, () => (random() < 0.7 ? 1 : 0));
    const a = pairedBootstrapInterval(candidate, active);
    expect(pairedBootstrapInterval(candidate, active)).toEqual(a);
    const observed = (candidate.reduce((s, x) => s + x, 0) - active.reduce((s, x) => s + x, 0)) / 400;
    expect(a[0]).toBeLessThan(observed);
    expect(a[1]).toBeGreaterThan(observed);
  });
  it("is exactly zero-width when both models are right on the same samples", () => {
    const same = Uint8Array.from([1, 0, 1, 1]);
    expect(pairedBootstrapInterval(same, same)).toEqual([0, 0]);
    expect(() => pairedBootstrapInterval([], [])).toThrow();
  });
});

describe("verdicts and claims", () => {
  it("calls a clearly better candidate better, a clearly worse one worse, and a tie no significant difference", () => {
    const n = 200;
    const allRight = new Uint8Array(n).fill(1);
    const halfRight = Uint8Array.from({ length: n }, (_, i) => (i % 2 ? 1 : 0));
    expect(compareModels(allRight, halfRight).verdict).toBe("better");
    expect(compareModels(halfRight, allRight).verdict).toBe("worse");
    const tie = compareModels(
      halfRight,
      Uint8Array.from({ length: n }, (_, i) => (i % 2 ? 0 : 1)),
    );
    expect(tie.verdict).toBe("no significant difference");
    expect(tie.difference).toBe(0);
  });
  it("flags a claim above the measurement's interval and accepts one inside it", () => {
    expect(checkClaim(9900, 955, 2000).supported).toBe(false);
    expect(checkClaim(9715, 1943, 2000).supported).toBe(true);
    expect(checkClaim(9715, 1943, 2000).measured).toBeCloseTo(0.9715, 10);
  });
});

describe("the exact paired bootstrap distribution", () => {
  it("equals resampling the indices one by one (all 4^4 resamples enumerated)", () => {
    // Samples 0..3: only the candidate right on 0, only the active model on 2, both on 1 and 3.
    const candidate = [1, 1, 0, 1];
    const active = [0, 1, 1, 1];
    const exact = new Map<number, number>();
    for (let code = 0; code < 256; code++) {
      let sum = 0;
      for (let draw = 0, rest = code; draw < 4; draw++, rest >>= 2) sum += candidate[rest & 3] - active[rest & 3];
      exact.set(sum, (exact.get(sum) ?? 0) + 1 / 256);
    }
    const { from, probabilities } = bootstrapDistribution(4, 1, 1);
    const computed = new Map<number, number>();
    probabilities.forEach((probability, i) => probability > 0 && computed.set(from + i, probability));
    expect([...computed.keys()].sort()).toEqual([...exact.keys()].sort());
    for (const [value, probability] of exact) expect(computed.get(value)).toBeCloseTo(probability, 12);
  });

  it("gives the interval a plain resampling of the indices gives, within the resampling noise", () => {
    const random = mulberry32(11);
    const candidate = Uint8Array.from({ length: 997 }, () => (random() < 0.8 ? 1 : 0));
    const active = Uint8Array.from({ length: 997 }, () => (random() < 0.75 ? 1 : 0));
    const draw = mulberry32(5);
    const resamples = 4000;
    const estimates: number[] = [];
    for (let r = 0; r < resamples; r++) {
      let sum = 0;
      for (let i = 0; i < candidate.length; i++) {
        const j = Math.floor(draw() * candidate.length);
        sum += candidate[j] - active[j];
      }
      estimates.push(sum / candidate.length);
    }
    estimates.sort((a, b) => a - b);
    const plain = [estimates[Math.floor(0.025 * (resamples - 1))], estimates[Math.ceil(0.975 * (resamples - 1))]];
    const exact = pairedBootstrapInterval(candidate, active);
    // The interval is about ±0.05 wide; a 4,000-resample run's endpoints are within a few thousandths of the exact ones.
    expect(Math.abs(exact[0] - plain[0])).toBeLessThan(0.006);
    expect(Math.abs(exact[1] - plain[1])).toBeLessThan(0.006);
  });

  it("has total probability 1 and the multinomial's mean and variance for 10,000 samples", () => {
    const [n, b, c] = [10_000, 300, 25];
    const { from, probabilities } = bootstrapDistribution(n, b, c);
    let total = 0;
    let mean = 0;
    let squares = 0;
    probabilities.forEach((p, i) => {
      total += p;
      mean += p * (from + i);
      squares += p * (from + i) ** 2;
    });
    expect(total).toBeCloseTo(1, 12);
    // b' − c' for Multinomial(n; b/n, c/n, …): mean b − c, variance n(p_b + p_c − (p_b − p_c)^2).
    expect(mean).toBeCloseTo(b - c, 6);
    const [pb, pc] = [b / n, c / n];
    expect(squares - mean * mean).toBeCloseTo(n * (pb + pc - (pb - pc) ** 2), 4);
  });
});

describe("binomial probabilities", () => {
  it("match the closed form and sum to 1", () => {
    const { from, probabilities } = binomialProbabilities(5, 0.3);
    const closed = [0.16807, 0.36015, 0.3087, 0.1323, 0.02835, 0.00243];
    expect(from).toBe(0);
    expect(probabilities.length).toBe(6);
    closed.forEach((p, k) => expect(probabilities[k]).toBeCloseTo(p, 12));
  });
  it("keep only the non-negligible terms of a large n, around the mean", () => {
    const { from, probabilities } = binomialProbabilities(10_000, 0.03);
    expect(from).toBeGreaterThan(100);
    expect(from + probabilities.length - 1).toBeLessThan(600);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
  it("equal n! / (k! (n − k)!) p^k (1 − p)^(n − k) to 1e-9 for a large n, far into the tails", () => {
    const n = 10_000;
    const p = 0.052;
    const logFactorial = [0];
    for (let k = 1; k <= n; k++) logFactorial[k] = logFactorial[k - 1] + Math.log(k);
    const exact = (k: number) =>
      Math.exp(logFactorial[n] - logFactorial[k] - logFactorial[n - k] + k * Math.log(p) + (n - k) * Math.log1p(-p));
    const { from, probabilities } = binomialProbabilities(n, p);
    for (const k of [from, 400, 480, 520, 521, 560, 640, from + probabilities.length - 1])
      expect(Math.abs(probabilities[k - from] / exact(k) - 1)).toBeLessThan(1e-9);
  });

  it("are all at 0 or n at the edges", () => {
    expect(binomialProbabilities(12, 0)).toEqual({ from: 0, probabilities: Float64Array.of(1) });
    expect(binomialProbabilities(12, 1)).toEqual({ from: 12, probabilities: Float64Array.of(1) });
  });
});
