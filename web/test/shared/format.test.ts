import { describe, expect, it } from "vitest";
import {
  formatAmount,
  formatBps,
  formatBytes,
  formatCount,
  formatDuration,
  formatPercent,
  formatTimestamp,
  idToName,
  nameToId,
  shortAddress,
} from "../../src/shared/format.ts";

describe("shortAddress", () => {
  it("keeps the first 6 and last 4 characters of an address", () => {
    expect(shortAddress("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266")).toBe("0xf39F…2266");
  });
  it("leaves short strings alone", () => {
    expect(shortAddress("0x1234")).toBe("0x1234");
  });
});

describe("idToName / nameToId", () => {
  it("round-trips ASCII names padded to 32 bytes", () => {
    const id = nameToId("mnist-eval");
    expect(id).toHaveLength(66);
    expect(id.endsWith("00")).toBe(true);
    expect(idToName(id)).toBe("mnist-eval");
  });
  it("shows non-ASCII ids as hex instead of garbling them", () => {
    const id = `0x${"ff".repeat(32)}` as const;
    expect(idToName(id)).toBe(id);
  });
  it("refuses names longer than 32 bytes", () => {
    expect(() => nameToId("x".repeat(33))).toThrow();
  });
});

describe("formatAmount", () => {
  it("groups thousands and keeps two decimals", () => {
    expect(formatAmount(1_234_567_891n * 10n ** 15n)).toBe("1,234,567.89");
  });
  it("drops trailing zeros and the dot for whole amounts", () => {
    expect(formatAmount(20_000n * 10n ** 18n)).toBe("20,000");
    expect(formatAmount(15n * 10n ** 17n)).toBe("1.5");
  });
  it("keeps significant digits of tiny amounts instead of showing 0", () => {
    expect(formatAmount(1234n * 10n ** 11n)).toBe("0.00012"); // 0.0001234: two significant digits
    expect(formatAmount(1n)).toBe("0.000000000000000001");
  });
  it("shows zero as 0 and negatives with a sign", () => {
    expect(formatAmount(0n)).toBe("0");
    expect(formatAmount(-25n * 10n ** 17n)).toBe("-2.5");
  });
  it("honours other decimals", () => {
    expect(formatAmount(1_500_000n, 6)).toBe("1.5");
  });
});

describe("percentages", () => {
  it("formats basis points with two decimals", () => {
    expect(formatBps(9715)).toBe("97.15%");
    expect(formatBps(10_000)).toBe("100.00%");
  });
  it("formats fractions", () => {
    expect(formatPercent(0.4775)).toBe("47.8%");
    expect(formatPercent(0.5, 0)).toBe("50%");
  });
});

describe("formatDuration", () => {
  it("shows at most two units", () => {
    expect(formatDuration(93_784)).toBe("1d 2h");
    expect(formatDuration(3_600)).toBe("1h");
    expect(formatDuration(61)).toBe("1m 1s");
  });
  it("clamps negatives to 0s and rounds", () => {
    expect(formatDuration(-5)).toBe("0s");
    expect(formatDuration(0.4)).toBe("0s");
    expect(formatDuration(59.6)).toBe("1m");
  });
});

describe("formatTimestamp / formatCount", () => {
  it("accepts seconds as number or bigint identically", () => {
    expect(formatTimestamp(1_700_000_000n)).toBe(formatTimestamp(1_700_000_000));
    expect(formatTimestamp(1_700_000_000)).toMatch(/2023/);
  });
  it("pluralises", () => {
    expect(formatCount(1, "version")).toBe("1 version");
    expect(formatCount(3, "version")).toBe("3 versions");
    expect(formatCount(2, "child", "children")).toBe("2 children");
    expect(formatCount(1234, "vote")).toBe(`${(1234).toLocaleString()} votes`);
  });
});

describe("formatBytes", () => {
  it("uses decimal units with the precision a file list shows", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(1000)).toBe("1.0 kB");
    expect(formatBytes(4096)).toBe("4.1 kB");
    expect(formatBytes(999_949)).toBe("999.9 kB");
    expect(formatBytes(1_000_000)).toBe("1.00 MB");
    expect(formatBytes(8_012_345)).toBe("8.01 MB");
  });
});
