import { describe, expect, it } from "vitest";
import { BaseError, encodeErrorResult, HttpRequestError, stringToHex, UserRejectedRequestError } from "viem";
import { abis } from "../../src/contracts/abis.ts";
import { decodeRevertData, describeError, isUserRejection } from "../../src/shared/chain/errors.ts";
import { blockRanges } from "../../src/shared/chain/logs.ts";

describe("contract errors in words", () => {
  it("decodes a registry custom error from raw revert data", () => {
    const data = encodeErrorResult({
      abi: abis.modelRegistry,
      errorName: "ModelRegistryDatasetNotWhitelisted",
      args: [stringToHex("scraped-web", { size: 32 })],
    });
    expect(decodeRevertData(data)).toBe("Dataset `scraped-web` is not on the whitelist.");
  });
  it("explains the proposal threshold with both numbers", () => {
    const data = encodeErrorResult({
      abi: abis.governor,
      errorName: "GovernorInsufficientProposerVotes",
      args: ["0x00000000000000000000000000000000000000b1", 10n ** 18n, 1000n * 10n ** 18n],
    });
    expect(decodeRevertData(data)).toMatch(/\(1 MDAO\) is below the proposal threshold \(1,000 MDAO\)/);
  });
  it("falls back to the error's name for an error it has no words for", () => {
    const data = encodeErrorResult({ abi: abis.treasury, errorName: "TreasuryZeroRecipient" });
    expect(decodeRevertData(data)).toBe("The contract refused: TreasuryZeroRecipient().");
    expect(decodeRevertData("0x12345678")).toBeNull();
  });
  it("recognises a rejected signature and an unreachable node", () => {
    const rejected = new UserRejectedRequestError(new Error("User rejected the request."));
    expect(isUserRejection(rejected)).toBe(true);
    expect(describeError(rejected)).toBe("You rejected the request in your wallet. Nothing was sent.");
    expect(isUserRejection({ code: 4001 })).toBe(true);
    const down = new BaseError("request failed", { cause: new HttpRequestError({ url: "http://127.0.0.1:1" }) });
    expect(describeError(down)).toMatch(/chain node did not answer/);
  });
});

describe("bounded log ranges", () => {
  it("splits a span into chunks that cover it exactly once", () => {
    expect(blockRanges(0n, 25n, 10n)).toEqual([
      [0n, 9n],
      [10n, 19n],
      [20n, 25n],
    ]);
    expect(blockRanges(5n, 5n, 10n)).toEqual([[5n, 5n]]);
    expect(blockRanges(6n, 5n, 10n)).toEqual([]);
    expect(() => blockRanges(0n, 1n, 0n)).toThrow();
  });
});
