import type { NetworkConnection } from "hardhat/types/network";
import { keccak256, parseEther, stringToHex, toHex, type Address, type Hex } from "viem";
import ModelDAOModule from "../../ignition/modules/ModelDAO.js";

/** The parameters every TypeScript test deploys with: short periods, a 1,000-token threshold, four holders. */
export const TEST_PARAMETERS = {
  votingDelay: 60n,
  votingPeriod: 600n,
  proposalThreshold: parseEther("1000"),
  quorumPercent: 4n,
  voteExtension: 120n,
  timelockDelay: 120n,
  treasuryTokens: parseEther("200000"),
} as const;

export const HOLDER_AMOUNTS = [parseEther("400000"), parseEther("250000"), parseEther("100000"), parseEther("5000")];

/** A short ASCII id (model or dataset name), right-padded to bytes32 as the contracts expect. */
export function id(name: string): Hex {
  return stringToHex(name, { size: 32 });
}

export function descriptionHash(description: string): Hex {
  return keccak256(toHex(description));
}

/**
 * Deploys the DAO through the real Ignition module (what ships is what is tested), with wallets:
 * 0 deployer, 1 guardian, 2 maintainer, 3–6 holders (HOLDER_AMOUNTS), 7 outsider.
 */
export async function deployDao(connection: NetworkConnection) {
  const { viem, ignition } = connection;
  const wallets = await viem.getWalletClients();
  const [deployer, guardian, maintainer, alice, bob, carol, dave, outsider] = wallets;
  const holders = [alice, bob, carol, dave];
  const contracts = await ignition.deploy(ModelDAOModule, {
    parameters: {
      ModelDAO: {
        ...TEST_PARAMETERS,
        guardian: guardian.account.address,
        maintainers: [maintainer.account.address],
        holders: holders.map((w) => w.account.address),
        holderAmounts: HOLDER_AMOUNTS,
      },
    },
  });
  const publicClient = await viem.getPublicClient();
  return {
    ...contracts,
    connection,
    publicClient,
    deployer,
    guardian,
    maintainer,
    alice,
    bob,
    carol,
    dave,
    outsider,
    holders,
    addresses: {
      token: contracts.token.address as Address,
      timelock: contracts.timelock.address as Address,
      governor: contracts.governor.address as Address,
    },
  };
}

export type Dao = Awaited<ReturnType<typeof deployDao>>;

export type Call = { target: Address; value?: bigint; data: Hex };

/** Every holder delegates to themselves, so the distribution is also the voting power. */
export async function selfDelegateAll(dao: Dao) {
  for (const holder of dao.holders) {
    await dao.token.write.delegate([holder.account.address], { account: holder.account });
  }
  await dao.connection.networkHelpers.mine();
}

/**
 * Drives a proposal through the whole lifecycle with the real Governor: propose (by alice), wait the voting delay,
 * For votes from alice and bob (a majority above quorum), wait the period, queue, wait the timelock delay, execute.
 * Holders must have delegated first (see selfDelegateAll). Returns the proposal id.
 */
export async function passProposal(dao: Dao, calls: Call[], description: string) {
  const { governor, connection } = dao;
  const { time } = connection.networkHelpers;
  const targets = calls.map((c) => c.target);
  const values = calls.map((c) => c.value ?? 0n);
  const datas = calls.map((c) => c.data);
  const proposer = dao.alice.account;
  const { result: proposalId } = await governor.simulate.propose([targets, values, datas, description], {
    account: proposer.address,
  });
  await governor.write.propose([targets, values, datas, description], { account: proposer });
  await time.increase(TEST_PARAMETERS.votingDelay + 1n);
  await governor.write.castVote([proposalId, 1], { account: dao.alice.account });
  await governor.write.castVote([proposalId, 1], { account: dao.bob.account });
  await time.increase(TEST_PARAMETERS.votingPeriod + TEST_PARAMETERS.voteExtension + 1n);
  const hash = descriptionHash(description);
  await governor.write.queue([targets, values, datas, hash], { account: proposer });
  await time.increase(TEST_PARAMETERS.timelockDelay + 1n);
  await governor.write.execute([targets, values, datas, hash], { account: proposer });
  return proposalId;
}
