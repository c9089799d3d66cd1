import { describe, expect, it } from "vitest";
import { keccak256, stringToBytes, zeroAddress, type Address } from "viem";
import {
  descriptionHash,
  guardianPowers,
  isCancellable,
  proposalStateName,
  proposalTitle,
  validateReason,
} from "../../src/features/guardian/guardianLogic.ts";

describe("validateReason", () => {
  it("refuses an empty or blank reason", () => {
    expect(validateReason("")).toMatchObject({ ok: false, message: expect.stringMatching(/required/) });
    expect(validateReason(" \n\t ")).toMatchObject({ ok: false });
  });
  it("accepts a reason, trimmed", () => {
    expect(validateReason("  Misclassifies 7s  ")).toEqual({ ok: true, reason: "Misclassifies 7s" });
  });
});

describe("cancellable proposals", () => {
  it("allows Pending, Active, Succeeded and Queued only", () => {
    const allowed = [0, 1, 2, 3, 4, 5, 6, 7].filter(isCancellable).map(proposalStateName);
    expect(allowed).toEqual(["Pending", "Active", "Succeeded", "Queued"]);
    expect(proposalStateName(42)).toBe("Unknown");
  });
  it("hashes the exact description bytes, as the Governor does", () => {
    const description = "# Provide liquidity\n\nMove 150,000 MDAO — now.";
    expect(descriptionHash(description)).toBe(keccak256(stringToBytes(description)));
    expect(descriptionHash(description)).not.toBe(descriptionHash(`${description} `));
  });
  it("titles a proposal by its first non-empty line without heading marks", () => {
    expect(proposalTitle("# Upgrade digits to v3\n\nBody")).toBe("Upgrade digits to v3");
    expect(proposalTitle("\n\nPlain title")).toBe("Plain title");
    expect(proposalTitle("")).toBe("Untitled proposal");
  });
});

describe("guardianPowers", () => {
  const guardian = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" as Address;
  it("gives powers only to the matching connected account", () => {
    expect(guardianPowers(undefined, guardian, guardian)).toEqual({ canPause: false, canCancel: false });
    expect(guardianPowers(guardian.toLowerCase() as Address, guardian, guardian)).toEqual({
      canPause: true,
      canCancel: true,
    });
    expect(guardianPowers(guardian, guardian, zeroAddress)).toEqual({ canPause: true, canCancel: false });
  });
  it("never treats the zero address as a guardian", () => {
    expect(guardianPowers(zeroAddress, zeroAddress, zeroAddress)).toEqual({ canPause: false, canCancel: false });
  });
});
