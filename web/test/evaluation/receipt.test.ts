import { describe, expect, it } from "vitest";
import { formatReceipt, parseReceipt, summarizeReceipts, type Receipt } from "../../src/features/evaluation/receipt.ts";

const receipt: Receipt = {
  model: "digits",
  version: 2,
  cid: "bafybeicandidate",
  dataset: "bafybeidataset",
  samples: 2000,
  backend: "wasm",
  candidateAccuracy: 0.9715,
  activeAccuracy: 0.928,
  tool: "modeldao/0.1.0",
};

describe("receipts", () => {
  it("round-trips through a vote reason with a human sentence first", () => {
    const reason = formatReceipt(receipt);
    expect(reason.split("\n")[0]).toBe(
      "I evaluated digits v2 in my browser on 2,000 whitelisted samples (wasm): 97.15% accuracy vs 92.80% for the active version.",
    );
    expect(parseReceipt(reason)).toEqual(receipt);
    expect(parseReceipt(`I agree.\n${reason.split("\n")[1]}\nthanks`)).toEqual(receipt);
  });

  it("returns null, never throws, for garbage and out-of-range fields", () => {
    const line = (json: string) => `x\nmodeldao-eval:v1 ${json}`;
    for (const reason of [
      undefined,
      42,
      "",
      "no receipt here",
      line("{not json"),
      line("[]"),
      line("null"),
      line(JSON.stringify({ ...receipt, candidateAccuracy: 1.5 })),
      line(JSON.stringify({ ...receipt, version: -1 })),
      line(JSON.stringify({ ...receipt, backend: "gpu-magic" })),
      line(JSON.stringify({ ...receipt, samples: 0 })),
      line(JSON.stringify({ ...receipt, cid: "" })),
      line(JSON.stringify({ ...receipt, model: "x".repeat(100) })),
      "x".repeat(20_000),
    ])
      expect(parseReceipt(reason)).toBeNull();
  });

  it("summarises receipts for this candidate, marks ones that disagree with mine, and sets aside other candidates", () => {
    const votes = [
      { voter: "0xa", support: 1, reason: formatReceipt(receipt) },
      { voter: "0xb", support: 1, reason: formatReceipt({ ...receipt, candidateAccuracy: 0.9785 }) },
      { voter: "0xc", support: 0, reason: formatReceipt({ ...receipt, cid: "bafybeiother" }) },
      { voter: "0xd", support: 1, reason: "modeldao-eval:v1 {broken" },
      { voter: "0xe", support: 2, reason: "no receipt" },
    ];
    const summary = summarizeReceipts(
      votes,
      { cid: "bafybeicandidate", model: "digits", version: 2 },
      {
        candidate: 0.9715,
        active: 0.928,
      },
    );
    expect(summary.matching.map((entry) => [entry.voter, entry.disagrees])).toEqual([
      ["0xa", false],
      ["0xb", true],
    ]);
    expect(summary.otherCandidate.map((entry) => entry.voter)).toEqual(["0xc"]);
    expect(summary.candidateRange).toEqual([0.9715, 0.9785]);
  });
});
