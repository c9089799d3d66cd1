import { describe, expect, it } from "vitest";
import { decodeFunctionData, getAddress, parseEther, stringToHex, zeroAddress, type Address } from "viem";
import { abis } from "../../src/contracts/abis.ts";
import {
  grantAction,
  parameterAction,
  parseDuration,
  payoutAction,
  proposalDescription,
  rawCallAction,
  unpauseAction,
  type Contracts,
} from "../../src/features/proposing/actionBuilders.ts";

const contracts = {
  token: "0x00000000000000000000000000000000000000a1",
  treasury: "0x00000000000000000000000000000000000000a2",
  modelRegistry: "0x00000000000000000000000000000000000000a3",
  datasetRegistry: "0x00000000000000000000000000000000000000a4",
  killSwitch: "0x00000000000000000000000000000000000000a5",
  governor: "0x00000000000000000000000000000000000000a6",
  timelock: "0x00000000000000000000000000000000000000a7",
} as const satisfies Contracts;
const contributor: Address = "0x1CBd3b2770909D4e10f157cABC84C7264073C9Ec";

describe("action builders", () => {
  it("builds a payout that decodes back to what was typed", () => {
    const action = payoutAction({ asset: "MDAO", recipient: contributor, amount: "1500.5", memo: " data " }, contracts);
    expect(action.target).toBe(contracts.treasury);
    const decoded = decodeFunctionData({ abi: abis.treasury, data: action.calldata });
    expect(decoded.functionName).toBe("payout");
    expect(decoded.args).toEqual([getAddress(contracts.token), contributor, parseEther("1500.5"), "data"]);
  });
  it("refuses bad amounts and addresses in words", () => {
    expect(() => payoutAction({ asset: "ETH", recipient: contributor, amount: "-1", memo: "" }, contracts)).toThrow(
      /positive number/,
    );
    expect(() => payoutAction({ asset: "ETH", recipient: contributor, amount: "0", memo: "" }, contracts)).toThrow(
      /more than zero/,
    );
    expect(() => payoutAction({ asset: "ETH", recipient: "0x1234", amount: "1", memo: "" }, contracts)).toThrow(
      /not an address/,
    );
    expect(() => payoutAction({ asset: "ETH", recipient: zeroAddress, amount: "1", memo: "" }, contracts)).toThrow(
      /zero address/,
    );
  });
  it("builds a grant schedule in seconds and refuses a cliff longer than the duration", () => {
    const action = grantAction(
      {
        asset: "ETH",
        beneficiary: contributor,
        amount: "3",
        startDate: "2027-01-01",
        cliffDays: "30",
        durationDays: "365",
        memo: "",
      },
      contracts,
    );
    const decoded = decodeFunctionData({ abi: abis.treasury, data: action.calldata });
    expect(decoded.args).toEqual([
      contributor,
      zeroAddress,
      parseEther("3"),
      1798761600,
      30 * 86_400,
      365 * 86_400,
      "",
    ]);
    expect(() =>
      grantAction(
        {
          asset: "ETH",
          beneficiary: contributor,
          amount: "3",
          startDate: "2027-01-01",
          cliffDays: "400",
          durationDays: "365",
          memo: "",
        },
        contracts,
      ),
    ).toThrow(/cliff cannot be longer/);
  });
  it("unpauses one model or everything, and requires a reason", () => {
    const one = decodeFunctionData({
      abi: abis.killSwitch,
      data: unpauseAction({ model: "digits", reason: "fixed" }, contracts).calldata,
    });
    expect(one).toEqual({ functionName: "unpauseModel", args: [stringToHex("digits", { size: 32 }), "fixed"] });
    const all = decodeFunctionData({
      abi: abis.killSwitch,
      data: unpauseAction({ model: "", reason: "fixed" }, contracts).calldata,
    });
    expect(all.functionName).toBe("unpause");
    expect(() => unpauseAction({ model: "", reason: "  " }, contracts)).toThrow(/reason is required/i);
  });
  it("encodes a custom call from a signature and JSON arguments, or takes raw calldata", () => {
    const call = rawCallAction({
      target: contracts.governor,
      value: "",
      signature: "setVotingPeriod(uint32)",
      args: "[604800]",
    });
    expect(decodeFunctionData({ abi: abis.governor, data: call.calldata })).toEqual({
      functionName: "setVotingPeriod",
      args: [604800],
    });
    expect(rawCallAction({ target: contributor, value: "0.5", signature: "", args: "" })).toEqual({
      target: contributor,
      value: parseEther("0.5"),
      calldata: "0x",
    });
    expect(() => rawCallAction({ target: contributor, value: "", signature: "not a function(", args: "" })).toThrow(
      /must look like/,
    );
    expect(() => rawCallAction({ target: contributor, value: "", signature: "f(uint256)", args: "{" })).toThrow(
      /JSON array/,
    );
    expect(() => rawCallAction({ target: contributor, value: "", signature: "f(uint256)", args: '["x"]' })).toThrow(
      /do not fit f/,
    );
  });
  it("changes a governance setting on the contract that holds it, in the unit it is typed in", () => {
    const period = parameterAction({ parameter: "Voting period", value: "5d" }, contracts);
    expect(period.target).toBe(contracts.governor);
    expect(decodeFunctionData({ abi: abis.governor, data: period.calldata })).toMatchObject({
      functionName: "setVotingPeriod",
      args: [5 * 86_400],
    });
    const delay = parameterAction({ parameter: "Timelock delay", value: "2h" }, contracts);
    expect(delay.target).toBe(contracts.timelock);
    expect(decodeFunctionData({ abi: abis.timelock, data: delay.calldata }).args).toEqual([7_200n]);
    const threshold = parameterAction({ parameter: "Proposal threshold", value: "2500" }, contracts);
    expect(decodeFunctionData({ abi: abis.governor, data: threshold.calldata }).args).toEqual([parseEther("2500")]);
    const quorum = parameterAction({ parameter: "Quorum", value: "6%" }, contracts);
    expect(decodeFunctionData({ abi: abis.governor, data: quorum.calldata })).toMatchObject({
      functionName: "updateQuorumNumerator",
      args: [6n],
    });
  });
  it("refuses a setting value it cannot read, in words", () => {
    expect(() => parseDuration("three days")).toThrow("90s, 30m, 12h, 3d or 1w");
    expect(parseDuration("90")).toBe(90);
    expect(parseDuration("1w")).toBe(604_800);
    expect(() => parameterAction({ parameter: "Voting period", value: "0d" }, contracts)).toThrow("longer than zero");
    expect(() => parameterAction({ parameter: "Quorum", value: "150" }, contracts)).toThrow("from 1 to 100");
    expect(() => parameterAction({ parameter: "Proposal threshold", value: "-1" }, contracts)).toThrow("in MDAO");
    expect(() => parameterAction({ parameter: "Fee", value: "1" }, contracts)).toThrow("Choose the setting");
  });
  it("puts the title first as a Markdown heading", () => {
    expect(proposalDescription("Pay the labeller", "Body")).toBe("# Pay the labeller\n\nBody");
    expect(() => proposalDescription(" ", "Body")).toThrow(/title is required/i);
  });
});
