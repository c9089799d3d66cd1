import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  accuracy,
  accuracyBps,
  argmaxRows,
  classificationMetrics,
  confusionMatrix,
  macroF1,
  perClassMetrics,
  ratioToBps,
  sampleCount,
  toBps,
} from "../../scripts/lib/metrics.ts";

const close = (a: number, b: number, eps = 1e-12): void => assert.ok(Math.abs(a - b) <= eps, `${a} != ${b}`);

describe("confusionMatrix", () => {
  it("counts [true][predicted]", () => {
    // true:  0 0 0 1 1 2 2 2 2
    // pred:  0 0 1 1 2 2 2 0 2
    const cm = confusionMatrix([0, 0, 0, 1, 1, 2, 2, 2, 2], [0, 0, 1, 1, 2, 2, 2, 0, 2], 3);
    assert.deepEqual(cm, [
      [2, 1, 0],
      [0, 1, 1],
      [1, 0, 3],
    ]);
    assert.equal(sampleCount(cm), 9);
  });
  it("accepts typed arrays and includes absent classes", () => {
    assert.deepEqual(confusionMatrix(new Uint8Array([1, 1]), new Int32Array([1, 0]), 3), [
      [0, 0, 0],
      [1, 1, 0],
      [0, 0, 0],
    ]);
  });
  it("handles zero samples", () => {
    assert.deepEqual(confusionMatrix([], [], 2), [
      [0, 0],
      [0, 0],
    ]);
  });
  it("rejects bad input", () => {
    assert.throws(() => confusionMatrix([0, 1], [0], 2), /lengths differ: 2 vs 1/);
    assert.throws(() => confusionMatrix([0, 2], [0, 1], 2), /yTrue\[1\] = 2 is not a class index/);
    assert.throws(() => confusionMatrix([0], [-1], 2), /yPred\[0\] = -1/);
    assert.throws(() => confusionMatrix([0.5], [0], 2), /yTrue\[0\] = 0.5/);
    assert.throws(() => confusionMatrix([0], [0], 0), /numClasses must be a positive integer/);
  });
});

describe("accuracy", () => {
  it("is the diagonal fraction", () => {
    const cm = [
      [2, 1, 0],
      [0, 1, 1],
      [1, 0, 3],
    ];
    close(accuracy(cm), 6 / 9);
    assert.equal(accuracyBps(cm), 6667); // 6666.67 rounds up
  });
  it("is 1 for perfect and 0 for all wrong predictions", () => {
    assert.equal(
      accuracy([
        [5, 0],
        [0, 5],
      ]),
      1,
    );
    assert.equal(
      accuracy([
        [0, 5],
        [5, 0],
      ]),
      0,
    );
  });
  it("is undefined for zero samples", () => {
    assert.throws(
      () =>
        accuracy([
          [0, 0],
          [0, 0],
        ]),
      /zero samples/,
    );
    assert.throws(() => accuracyBps([[0]]), /zero samples/);
  });
  it("rejects malformed matrices", () => {
    assert.throws(() => accuracy([]), /at least one class/);
    assert.throws(() => accuracy([[1, 2], [3]]), /square/);
    assert.throws(
      () =>
        accuracy([
          [1, -1],
          [0, 1],
        ]),
      /non-negative integers/,
    );
    assert.throws(
      () =>
        accuracy([
          [1.5, 0],
          [0, 1],
        ]),
      /non-negative integers/,
    );
  });
});

describe("per-class precision / recall / F1", () => {
  it("matches hand computation", () => {
    // class 0: TP 2, FP 1 (col 0: 2+0+1=3), FN 1 (row 0: 3) -> P 2/3, R 2/3, F1 2/3
    // class 1: TP 1, FP 1 (col 1: 1+1+0=2), FN 1 (row 1: 2) -> P 1/2, R 1/2, F1 1/2
    // class 2: TP 3, FP 1 (col 2: 0+1+3=4), FN 1 (row 2: 4) -> P 3/4, R 3/4, F1 3/4
    const per = perClassMetrics([
      [2, 1, 0],
      [0, 1, 1],
      [1, 0, 3],
    ]);
    const expected = [
      { p: 2 / 3, r: 2 / 3, f1: 2 / 3, s: 3 },
      { p: 1 / 2, r: 1 / 2, f1: 1 / 2, s: 2 },
      { p: 3 / 4, r: 3 / 4, f1: 3 / 4, s: 4 },
    ];
    per.forEach((c, i) => {
      close(c.precision, expected[i].p);
      close(c.recall, expected[i].r);
      close(c.f1, expected[i].f1);
      assert.equal(c.support, expected[i].s);
    });
  });

  it("handles asymmetric precision and recall", () => {
    // class 0: TP 8, FP 4, FN 2 -> P 8/12, R 8/10, F1 = 2PR/(P+R) = 16/22
    // class 1: TP 6, FP 2, FN 4 -> P 6/8,  R 6/10, F1 = 12/18
    const cm = [
      [8, 2],
      [4, 6],
    ];
    const [c0, c1] = perClassMetrics(cm);
    close(c0.precision, 8 / 12);
    close(c0.recall, 0.8);
    close(c0.f1, 16 / 22);
    close(c0.f1, (2 * (8 / 12) * 0.8) / (8 / 12 + 0.8));
    close(c1.precision, 0.75);
    close(c1.recall, 0.6);
    close(c1.f1, 12 / 18);
    close(macroF1(cm), (16 / 22 + 12 / 18) / 2);
    close(accuracy(cm), 0.7);
  });

  it("uses 0 for undefined ratios (zero_division = 0)", () => {
    // class 2 never occurs and is never predicted; class 1 is never predicted
    const cm = [
      [3, 0, 0],
      [2, 0, 0],
      [0, 0, 0],
    ];
    const [c0, c1, c2] = perClassMetrics(cm);
    close(c0.precision, 3 / 5);
    assert.equal(c0.recall, 1);
    close(c0.f1, 6 / 8);
    assert.deepEqual(c1, { precision: 0, recall: 0, f1: 0, support: 2 });
    assert.deepEqual(c2, { precision: 0, recall: 0, f1: 0, support: 0 });
    close(macroF1(cm), 6 / 8 / 3);
  });

  it("predicted-only class has recall 0 and support 0", () => {
    const [, c1] = perClassMetrics([
      [1, 1],
      [0, 0],
    ]);
    assert.deepEqual(c1, { precision: 0, recall: 0, f1: 0, support: 0 });
  });
});

describe("macroF1", () => {
  it("is the unweighted mean of per-class F1", () => {
    close(
      macroF1([
        [2, 1, 0],
        [0, 1, 1],
        [1, 0, 3],
      ]),
      (2 / 3 + 1 / 2 + 3 / 4) / 3,
    );
  });
  it("differs from accuracy on imbalanced data", () => {
    // 90 of class 0 all right, 10 of class 1 all predicted 0: accuracy 0.9, macro-F1 = (F1_0 + 0) / 2
    const cm = [
      [90, 0],
      [10, 0],
    ];
    close(accuracy(cm), 0.9);
    close(macroF1(cm), 180 / 190 / 2); // F1_0 = 2*90 / (2*90 + FP 10 + FN 0) = 180/190, F1_1 = 0
  });
  it("is 1 for a perfect classifier", () => {
    assert.equal(
      macroF1([
        [4, 0],
        [0, 1],
      ]),
      1,
    );
  });
});

describe("classificationMetrics", () => {
  it("bundles everything", () => {
    const m = classificationMetrics([0, 1, 1, 0], [0, 1, 0, 0], 2);
    assert.equal(m.samples, 4);
    assert.deepEqual(m.confusionMatrix, [
      [2, 0],
      [1, 1],
    ]);
    assert.equal(m.accuracy, 0.75);
    // class 0: P 2/3 R 1 F1 4/5 ; class 1: P 1 R 1/2 F1 2/3
    close(m.macroF1, (0.8 + 2 / 3) / 2);
    close(m.perClass[0].precision, 2 / 3);
    assert.equal(m.perClass[1].recall, 0.5);
  });
});

describe("basis points", () => {
  it("ratioToBps rounds half up exactly", () => {
    assert.equal(ratioToBps(1, 3), 3333);
    assert.equal(ratioToBps(2, 3), 6667);
    assert.equal(ratioToBps(1, 20000), 1); // exactly 0.5 bps -> 1
    assert.equal(ratioToBps(1, 20001), 0);
    assert.equal(ratioToBps(19999, 20000), 10000); // 9999.5 -> 10000
    assert.equal(ratioToBps(0, 7), 0);
    assert.equal(ratioToBps(7, 7), 10000);
    assert.equal(ratioToBps(1857, 2000), 9285);
    assert.equal(ratioToBps(37889, 40000), 9472); // 9472.25
  });
  it("ratioToBps rejects invalid input", () => {
    assert.throws(() => ratioToBps(1, 0), /positive denominator/);
    assert.throws(() => ratioToBps(3, 2), /exceeds 1/);
    assert.throws(() => ratioToBps(0.5, 2), /integers/);
  });
  it("toBps rounds fractions", () => {
    assert.equal(toBps(0), 0);
    assert.equal(toBps(1), 10000);
    assert.equal(toBps(0.12344), 1234);
    assert.equal(toBps(0.12346), 1235);
    assert.throws(() => toBps(1.01), /fraction in \[0, 1\]/);
    assert.throws(() => toBps(Number.NaN), /fraction/);
  });
});

describe("argmaxRows", () => {
  it("picks the largest score per row, first index on ties", () => {
    assert.deepEqual(argmaxRows([0.1, 0.7, 0.2, 0.5, 0.5, 0, 0, 0, 1], 3), [1, 0, 2]);
    assert.deepEqual(argmaxRows(new Float32Array([3, -1, -2, -0.5]), 2), [0, 1]);
  });
  it("ignores NaN in favour of numbers", () => {
    assert.deepEqual(argmaxRows([Number.NaN, 0.2, 0.1], 3), [1]);
  });
  it("rejects ragged input", () => {
    assert.throws(() => argmaxRows([1, 2, 3], 2), /not a multiple of 2/);
    assert.throws(() => argmaxRows([1], 0), /positive integer/);
  });
});
