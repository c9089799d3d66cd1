import { describe, expect, it } from "vitest";
import { deriveDevAccounts } from "../../src/features/devtools/devAccounts.ts";
import {
  MAX_ADVANCE_SECONDS,
  TIME_PRESETS,
  clockDrift,
  describeDrift,
  parseDuration,
} from "../../src/features/devtools/timeTravel.ts";

describe("time presets", () => {
  it("offers 1 hour, 1 day and 3 days", () => {
    expect(TIME_PRESETS.map((p) => [p.label, p.seconds])).toEqual([
      ["1 hour", 3_600],
      ["1 day", 86_400],
      ["3 days", 259_200],
    ]);
  });
});

describe("parseDuration", () => {
  it("reads plain seconds and s/m/h/d units, also combined", () => {
    expect(parseDuration("90")).toEqual({ ok: true, seconds: 90 });
    expect(parseDuration("45m")).toEqual({ ok: true, seconds: 2_700 });
    expect(parseDuration(" 2H ")).toEqual({ ok: true, seconds: 7_200 });
    expect(parseDuration("1d 12h")).toEqual({ ok: true, seconds: 129_600 });
  });
  it("refuses empty, unknown units, zero and more than a year", () => {
    expect(parseDuration("")).toMatchObject({ ok: false });
    expect(parseDuration("3w")).toMatchObject({ ok: false, message: expect.stringContaining("3w") });
    expect(parseDuration("-1h")).toMatchObject({ ok: false });
    expect(parseDuration("0")).toMatchObject({ ok: false });
    expect(parseDuration(`${MAX_ADVANCE_SECONDS + 1}`)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/one year/),
    });
  });
});

describe("clock drift", () => {
  it("is positive when the chain runs ahead", () => {
    expect(clockDrift(1_000 + 86_400, 1_000)).toBe(86_400);
    expect(describeDrift(86_400 + 3_600)).toBe("1d 1h ahead of the wall clock");
    expect(describeDrift(-120)).toBe("2m behind the wall clock");
    expect(describeDrift(30)).toBe("in step with the wall clock");
  });
});

describe("seeded accounts", () => {
  it("derives the roles' addresses from the public test mnemonic, addresses only", () => {
    const accounts = deriveDevAccounts();
    expect(accounts).toHaveLength(15);
    const byRole = Object.fromEntries(accounts.map((a) => [a.role, a.address]));
    expect(byRole.Deployer).toBe("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    expect(byRole.Guardian).toBe("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    expect(byRole.Maintainer).toBe("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
    expect(byRole["Holder 10"]).toBe("0xFABB0ac9d68B0B445fB7357272Ff202C5651694a");
    expect(byRole["Data contributor"]).toBe("0x1CBd3b2770909D4e10f157cABC84C7264073C9Ec");
    expect(Object.keys(accounts[0]).sort()).toEqual(["address", "index", "role"]);
  });
});
