import { describe, expect, it } from "vitest";
import { hashTypedData, recoverTypedDataAddress, zeroAddress, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import {
  delegateCandidates,
  delegationTypedData,
  domainFromEip712,
  explainVotingPower,
  rankDelegates,
  shareOf,
  signatureExpiry,
  splitSignature,
  validateDelegatee,
  type Eip712DomainResult,
} from "../../src/features/delegation/delegationLogic.ts";

const me = "0xFABB0ac9d68B0B445fB7357272Ff202C5651694a" as Address;
const other = "0x90F79bf6EB2c4f870365E785982E1f101E93b906" as Address;
const fmt = (value: bigint) => `${value} MDAO`;

describe("explainVotingPower", () => {
  it("explains that tokens never delegated do not count, even to oneself", () => {
    const result = explainVotingPower({ account: me, balance: 1000n, votes: 0n, delegate: zeroAddress }, fmt);
    expect(result.kind).toBe("never-delegated");
    expect(result.zeroPower).toBe(true);
    expect(result.message).toMatch(/never delegated/);
    expect(result.message).toMatch(/even to yourself/);
  });
  it("explains zero power after delegating to someone else, naming them", () => {
    const result = explainVotingPower({ account: me, balance: 1000n, votes: 0n, delegate: other }, fmt);
    expect(result).toMatchObject({ kind: "delegated-to-other", zeroPower: true });
    expect(result.message).toContain(other);
  });
  it("credits delegations received on top of one's own tokens", () => {
    const result = explainVotingPower({ account: me, balance: 100n, votes: 250n, delegate: me }, fmt);
    expect(result).toMatchObject({ kind: "self-delegated", zeroPower: false });
    expect(result.message).toContain("150 MDAO");
  });
  it("matches the delegate to the account case-insensitively", () => {
    const result = explainVotingPower(
      { account: me, balance: 100n, votes: 100n, delegate: me.toLowerCase() as Address },
      fmt,
    );
    expect(result.kind).toBe("self-delegated");
  });
  it("covers receiving delegations without tokens, and holding nothing at all", () => {
    expect(explainVotingPower({ account: me, balance: 0n, votes: 7n, delegate: zeroAddress }, fmt).kind).toBe(
      "receives-delegations",
    );
    expect(explainVotingPower({ account: me, balance: 0n, votes: 0n, delegate: zeroAddress }, fmt)).toMatchObject({
      kind: "no-tokens",
      zeroPower: true,
    });
  });
});

describe("validateDelegatee", () => {
  it("requires an address", () => {
    expect(validateDelegatee("  ")).toMatchObject({ ok: false, message: expect.stringMatching(/Enter/) });
  });
  it("rejects non-addresses, bad checksums and the zero address", () => {
    expect(validateDelegatee("0x1234")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not an Ethereum address/),
    });
    expect(validateDelegatee("0xFabb0ac9d68B0B445fB7357272Ff202C5651694a")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/checksum/),
    });
    expect(validateDelegatee(zeroAddress)).toMatchObject({ ok: false, message: expect.stringMatching(/zero address/) });
  });
  it("accepts lowercase or checksummed input and returns the checksummed address", () => {
    expect(validateDelegatee(` ${me.toLowerCase()} `)).toEqual({ ok: true, address: me });
    expect(validateDelegatee(me)).toEqual({ ok: true, address: me });
  });
});

describe("delegation by signature", () => {
  const token = "0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9" as Address;
  const domainResult: Eip712DomainResult = ["0x0f", "ModelDAO", "1", 31337n, token, `0x${"0".repeat(64)}` as Hex, []];

  it("builds the domain from the fields the contract declares", () => {
    expect(domainFromEip712(domainResult)).toEqual({
      name: "ModelDAO",
      version: "1",
      chainId: 31337,
      verifyingContract: token,
    });
    expect(domainFromEip712(["0x05", "N", "2", 1n, token, `0x${"0".repeat(64)}` as Hex, []])).toEqual({
      name: "N",
      chainId: 1,
    });
  });

  it("produces a message the signer recovers from, split into v, r, s", async () => {
    const signer = privateKeyToAccount("0xa267530f49f8280200edf313ee7af6b827f2a8bce2897751d06a843f644967b1");
    const typed = delegationTypedData(domainFromEip712(domainResult), {
      delegatee: signer.address,
      nonce: 0n,
      expiry: 2_000n,
    });
    expect(typed.primaryType).toBe("Delegation");
    expect(typed.types.Delegation.map((f) => f.name)).toEqual(["delegatee", "nonce", "expiry"]);
    const signature = await signer.signTypedData(typed);
    expect(await recoverTypedDataAddress({ ...typed, signature })).toBe(signer.address);
    const { v, r, s } = splitSignature(signature);
    expect([27, 28]).toContain(v);
    expect(signature.startsWith(r)).toBe(true);
    expect(signature.slice(66, 130)).toBe(s.slice(2));
    expect(hashTypedData(typed)).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it("turns a y-parity signature into v = 27 + parity", () => {
    const r = `0x${"1".repeat(64)}`;
    const s = `0x${"2".repeat(64)}`;
    expect(splitSignature(`${r}${s.slice(2)}01` as Hex).v).toBe(28);
    expect(splitSignature(`${r}${s.slice(2)}1b` as Hex).v).toBe(27);
  });

  it("expires an hour after the chain's time, not the wall clock's", () => {
    expect(signatureExpiry(5_000)).toBe(8_600n);
    expect(signatureExpiry(5_000, 60)).toBe(5_060n);
  });
});

describe("top delegates", () => {
  it("keeps each delegate once, in first-seen order", () => {
    expect(
      delegateCandidates([{ delegate: me }, { delegate: other }, { delegate: me.toLowerCase() as Address }]),
    ).toEqual([me.toLowerCase(), other]);
  });
  it("ranks by voting power, drops zero and caps the list", () => {
    const ranked = rankDelegates(
      [
        { address: me, votes: 5n },
        { address: other, votes: 50n },
        { address: zeroAddress, votes: 0n },
        { address: "0x0000000000000000000000000000000000000002", votes: 5n },
      ],
      2,
    );
    expect(ranked.map((r) => r.votes)).toEqual([50n, 5n]);
    expect(ranked[1].address).toBe("0x0000000000000000000000000000000000000002");
  });
  it("computes the share of supply", () => {
    expect(shareOf(325n, 1000n)).toBe(0.325);
    expect(shareOf(1n, 0n)).toBe(0);
  });
});
