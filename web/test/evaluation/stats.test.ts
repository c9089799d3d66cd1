import { describe, expect, it } from "vitest";
import {
  checkClaim,
  compareModels,
  mcnemarExact,
  mulberry32,
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
  it("is reproducible for a seed and brackets the observed difference", () => {
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

describe("paired bootstrap draws", () => {
  it("are mulberry32(seed)'s, in order: the interval equals a plain resampling with that generator", () => {
    const random = mulberry32(11);
    const candidate = Uint8Array.from({ length: 997 }, () => (random() < 0.8 ? 1 : 0));
    const active = Uint8Array.from({ length: 997 }, () => (random() < 0.75 ? 1 : 0));
    const plain = (seed: number, resamples: number): [number, number] => {
      const draw = mulberry32(seed);
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
      return [estimates[Math.floor(0.025 * (resamples - 1))], estimates[Math.ceil(0.975 * (resamples - 1))]];
    };
    expect(pairedBootstrapInterval(candidate, active)).toEqual(plain(20250101, 1000));
    expect(pairedBootstrapInterval(candidate, active, { seed: 5, resamples: 201 })).toEqual(plain(5, 201));
  });
});
