import { describe, expect, it } from "vitest";
import { zeroAddress, type Address } from "viem";
import {
  assetSymbol,
  grantPhase,
  grantSchedule,
  newestFirst,
  releasableAt,
  releaseAvailability,
  vestedAt,
  vestedFraction,
  type GrantTerms,
} from "../../src/features/treasury/treasuryMath.ts";

const DAY = 86_400;
const grant: GrantTerms = {
  amount: 20_000n * 10n ** 18n,
  released: 0n,
  start: 1_000,
  cliff: 30 * DAY,
  duration: 365 * DAY,
  canceled: false,
};

describe("vestedAt mirrors Treasury._vested", () => {
  it("is zero before the cliff, even one second before", () => {
    expect(vestedAt(grant, 0)).toBe(0n);
    expect(vestedAt(grant, grant.start + grant.cliff - 1)).toBe(0n);
  });
  it("is linear from the start once the cliff has passed (floor division)", () => {
    const at = grant.start + grant.cliff;
    expect(vestedAt(grant, at)).toBe((grant.amount * BigInt(30 * DAY)) / BigInt(365 * DAY));
    expect(vestedAt(grant, grant.start + 100 * DAY + 7)).toBe(
      (grant.amount * BigInt(100 * DAY + 7)) / BigInt(365 * DAY),
    );
  });
  it("is the whole amount from the end on", () => {
    expect(vestedAt(grant, grant.start + grant.duration)).toBe(grant.amount);
    expect(vestedAt(grant, grant.start + 10 * grant.duration)).toBe(grant.amount);
  });
  it("is frozen at the amount a canceled grant kept", () => {
    expect(vestedAt({ ...grant, canceled: true, amount: 5n }, 0)).toBe(5n);
  });
});

describe("releasableAt", () => {
  it("subtracts what was released and never goes negative", () => {
    const mid = grant.start + grant.duration / 2;
    const vested = vestedAt(grant, mid);
    expect(releasableAt({ ...grant, released: 1n }, mid)).toBe(vested - 1n);
    expect(releasableAt({ ...grant, released: grant.amount }, mid)).toBe(0n);
  });
});

describe("grantPhase and schedule", () => {
  it("moves through before-cliff, vesting, fully vested and completed", () => {
    expect(grantPhase(grant, grant.start)).toBe("before-cliff");
    expect(grantPhase(grant, grant.start + grant.cliff)).toBe("vesting");
    expect(grantPhase(grant, grant.start + grant.duration)).toBe("fully-vested");
    expect(grantPhase({ ...grant, released: grant.amount }, grant.start + grant.duration)).toBe("completed");
  });
  it("reports canceled until the kept part is all released", () => {
    expect(grantPhase({ ...grant, canceled: true, amount: 10n, released: 3n }, 0)).toBe("canceled");
    expect(grantPhase({ ...grant, canceled: true, amount: 10n, released: 10n }, 0)).toBe("completed");
  });
  it("gives the cliff and end dates", () => {
    expect(grantSchedule(grant)).toEqual({
      startsAt: 1_000,
      cliffEndsAt: 1_000 + 30 * DAY,
      fullyVestedAt: 1_000 + 365 * DAY,
    });
  });
  it("gives the vested share for the progress bar", () => {
    expect(vestedFraction(grant, 0)).toBe(0);
    expect(vestedFraction(grant, grant.start + grant.duration)).toBe(1);
    expect(vestedFraction(grant, grant.start + grant.duration / 2)).toBeCloseTo(0.5, 3);
    expect(vestedFraction({ ...grant, amount: 0n }, 0)).toBe(0);
  });
});

describe("releaseAvailability", () => {
  const beneficiary = "0x1CBd3b2770909D4e10f157cABC84C7264073C9Ec" as Address;
  it("offers the button only to the beneficiary, whatever the address case", () => {
    expect(releaseAvailability(beneficiary, undefined, 5n)).toBe("not-beneficiary");
    expect(releaseAvailability(beneficiary, zeroAddress, 5n)).toBe("not-beneficiary");
    expect(releaseAvailability(beneficiary, beneficiary.toLowerCase() as Address, 5n)).toBe("ready");
    expect(releaseAvailability(beneficiary, beneficiary, 0n)).toBe("nothing-yet");
  });
});

describe("assets and ordering", () => {
  const token = "0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9" as Address;
  it("names ETH, the governance token and other tokens", () => {
    expect(assetSymbol(zeroAddress, token, "MDAO")).toBe("ETH");
    expect(assetSymbol(token.toLowerCase() as Address, token, "MDAO")).toBe("MDAO");
    expect(assetSymbol("0x0000000000000000000000000000000000000001", token, "MDAO")).toBe("tokens");
  });
  it("lists newest first by block then log index", () => {
    const items = [
      { blockNumber: 1n, logIndex: 0 },
      { blockNumber: 3n, logIndex: 1 },
      { blockNumber: 3n, logIndex: 4 },
    ];
    expect(newestFirst(items).map((i) => `${i.blockNumber}:${i.logIndex}`)).toEqual(["3:4", "3:1", "1:0"]);
  });
});
