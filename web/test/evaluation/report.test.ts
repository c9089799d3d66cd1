import { describe, expect, it } from "vitest";
import type { EvaluationResult } from "../../src/features/evaluation/evaluate.ts";
import { evaluationReport, REPORT_FORMAT, reportFileName } from "../../src/features/evaluation/report.ts";

const ref = (cid: string) => ({ cid, manifestDigest: `0x${cid.padEnd(64, "0")}` as const });
const outcome = (version: number, predictions: number[], outputs: number[]) => ({
  label: `digits v${version}`,
  version,
  metrics: { samples: 3, accuracy: 2 / 3, macroF1: 0.5, perClass: [], confusionMatrix: [] },
  predictions: Uint8Array.from(predictions),
  probeOutputs: Float32Array.from(outputs),
  timing: { parseMs: 1, warmupMs: 1, inferenceMs: 1, samplesPerSecond: 3000, msPerSample: 0.3 },
});

// A three-sample, two-class evaluation with the probe covering two samples.
const result = {
  target: {
    model: "digits",
    candidate: { ...ref("cand"), version: 2, claimedAccuracyBps: 9000, claimedMacroF1Bps: 8000 },
    active: { ...ref("act"), version: 1 },
    dataset: { ...ref("data"), name: "mnist-eval", license: "MIT" },
  },
  dataset: { samples: 3, classes: ["0", "1"] },
  backend: "wasm",
  batchSize: 128,
  tensorsLeft: 0,
  probes: [{ name: "wasm", ok: true, note: "" }],
  candidate: outcome(2, [0, 1, 1], [0.9, 0.1, 0.2, 0.8]),
  active: outcome(1, [0, 0, 1], [0.6, 0.4, 0.7, 0.3]),
  comparison: null,
  claim: { claimed: 0.9, measured: 2 / 3, interval: [0.2, 0.9], supported: true },
} as unknown as EvaluationResult;

describe("evaluation report", () => {
  it("names what was measured and how, with every prediction and the probe outputs as rows", () => {
    const report = evaluationReport(result, new Date("2026-12-01T00:00:00Z"));
    expect(report.format).toBe(REPORT_FORMAT);
    expect(report.measuredAt).toBe("2026-12-01T00:00:00.000Z");
    expect(report.dataset).toMatchObject({ id: "mnist-eval", cid: "data", samples: 3, classes: ["0", "1"] });
    expect(report.candidate).toMatchObject({ version: 2, cid: "cand", claimedAccuracyBps: 9000 });
    expect(report.candidate.predictions).toEqual([0, 1, 1]);
    expect(report.candidate.probeOutputs).toEqual([
      [Math.fround(0.9), Math.fround(0.1)],
      [Math.fround(0.2), Math.fround(0.8)],
    ]);
    expect(report.active!.probeOutputs[1]).toEqual([Math.fround(0.7), Math.fround(0.3)]);
    expect(report.backendChecks).toEqual([{ name: "wasm", agreesWithCpu: true, note: "" }]);
    expect([report.batchSize, report.tensorsLeft]).toEqual([128, 0]);
  });
  it("survives a JSON round trip and is named after the model, versions and dataset", () => {
    const report = evaluationReport(result);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(reportFileName(report)).toBe("digits-v2-vs-v1-mnist-eval-evaluation.json");
  });
});
