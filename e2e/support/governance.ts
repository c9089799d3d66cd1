// Holders outside the page: they vote from their own wallets so a journey can walk its proposal through the vote.
import { createWalletClient, http } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { TEST_MNEMONIC } from "../../scripts/lib/publishing.ts";
import { abis } from "../../web/src/contracts/abis.ts";
import type { ChainControl } from "./fixtures.ts";
import type { StackInfo } from "./stack.ts";

const DAY = 86_400;
/** Holders 1–4 of the seed: together far above the 4 % quorum. */
const FOR_VOTERS = [3, 4, 5, 6];

/** Waits out the voting delay, votes For with holders 1–4, and moves past the end of the vote. */
export async function passProposal(chain: ChainControl, stack: StackInfo, proposalId: bigint) {
  await chain.advance(DAY + 60);
  for (const index of FOR_VOTERS) {
    const holder = createWalletClient({
      account: mnemonicToAccount(TEST_MNEMONIC, { addressIndex: index }),
      chain: hardhat,
      transport: http(stack.rpcUrl),
    });
    const hash = await holder.writeContract({
      address: stack.deployment.contracts.governor,
      abi: abis.governor,
      functionName: "castVote",
      args: [proposalId, 1],
    });
    await chain.client.waitForTransactionReceipt({ hash });
  }
  await chain.advance(3 * DAY + 60);
}

/** The proposal id in the page's URL (`/proposals/<id>`). */
export function proposalIdFromUrl(url: string): bigint {
  return BigInt(new URL(url).pathname.split("/").pop()!);
}
