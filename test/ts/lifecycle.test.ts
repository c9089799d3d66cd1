import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { encodeFunctionData, parseEther } from "viem";
import { deployDao, passProposal, selfDelegateAll } from "../helpers/dao.js";

describe("Governance lifecycle through the deployed module", async () => {
  const dao = await deployDao(await network.create());
  await selfDelegateAll(dao);

  it("pays from the treasury only after a proposal passes, queues and executes", async () => {
    const recipient = dao.outsider.account.address;
    const before = await dao.token.read.balanceOf([recipient]);
    const data = encodeFunctionData({
      abi: dao.treasury.abi,
      functionName: "payout",
      args: [dao.token.address, recipient, parseEther("10"), "data labelling"],
    });
    const proposalId = await passProposal(dao, [{ target: dao.treasury.address, data }], "Pay labellers");
    assert.equal(await dao.governor.read.state([proposalId]), 7); // Executed
    assert.equal((await dao.token.read.balanceOf([recipient])) - before, parseEther("10"));
  });
});
