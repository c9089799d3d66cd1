import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../../scripts/ml/prng.ts";
import {
  agreement,
  argmaxRow,
  argmaxRows,
  disagreementNote,
  TOLERANCE,
} from "../../src/features/evaluation/agreement.ts";

const rows = 2;
const k = 3;
const reference = [Float32Array.from([0.1, 0.7, 0.2, 0.5, 0.3, 0.2])];

describe("backend agreement with the CPU reference", () => {
  it("accepts identical answers and differences within the tolerance", () => {
    expect(agreement([reference[0].slice()], reference, rows, k).agrees).toBe(true);
    const close = reference[0].map((v) => v + TOLERANCE / 2);
    expect(agreement([close], reference, rows, k)).toMatchObject({ agrees: true, argmaxAgrees: true });
  });

  it("refuses a logit off by more than the tolerance, even with the same predictions", () => {
    const off = reference[0].slice();
    off[0] += 1e-3;
    const verdict = agreement([off], reference, rows, k);
    expect(verdict).toMatchObject({ agrees: false, argmaxAgrees: true });
    expect(verdict.maxDifference).toBeCloseTo(1e-3, 6);
    expect(disagreementNote(verdict)).toMatch(/^disagrees with the CPU backend \(max \|Δlogit\| 1\.00e-3\)$/);
  });

  it("refuses different predictions and NaN logits", () => {
    const flipped = Float32Array.from([0.1, 0.2, 0.7, 0.5, 0.3, 0.2]);
    const verdict = agreement([flipped], reference, rows, k);
    expect(verdict).toMatchObject({ agrees: false, argmaxAgrees: false });
    expect(disagreementNote(verdict)).toContain("different predictions");
    const nan = reference[0].slice();
    nan[4] = NaN;
    expect(agreement([nan], reference, rows, k).agrees).toBe(false);
  });

  it("checks every model against its own reference and refuses malformed outputs", () => {
    const second = [Float32Array.from([1, 0, 0, 0, 1, 0])];
    expect(agreement([reference[0], second[0]], [reference[0], second[0]], rows, k).agrees).toBe(true);
    expect(agreement([reference[0], reference[0]], [reference[0], second[0]], rows, k).agrees).toBe(false);
    expect(() => agreement([reference[0]], [], rows, k)).toThrow();
    expect(() => agreement([reference[0].subarray(0, 3)], reference, rows, k)).toThrow();
  });

  it("takes the first of equal maxima as the argmax", () => {
    expect(argmaxRow(Float32Array.from([1, 3, 3, 0, 0, 0]), 0, k)).toBe(1);
    expect(argmaxRow(Float32Array.from([1, 3, 3, 0, 0, 9]), 1, k)).toBe(2);
  });

  it("test_ArgmaxRows_IsArgmaxRowOnEveryRow_TiesAndNaNsIncluded", () => {
    const random = mulberry32(7);
    for (const k of [1, 2, 3, 10]) {
      const n = 500;
      // Few distinct values, so rows have ties; some NaNs, first in a row too.
      const values = Float32Array.from({ length: n * k }, () =>
        random() < 0.05 ? NaN : Math.floor(random() * 4) - 1.5,
      );
      const rows = argmaxRows(values, n, k);
      expect(Array.from(rows)).toEqual(Array.from({ length: n }, (_, row) => argmaxRow(values, row, k)));
    }
  });
});
