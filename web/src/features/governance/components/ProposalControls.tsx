import { hexToBigInt, keccak256, pad, toBytes, toHex, type Address } from "viem";
import { abis } from "../../../contracts/abis.ts";
import { contractAddress } from "../../../config/deployment.ts";
import { publicClient } from "../../../shared/chain/client.ts";
import { useTransaction } from "../../../shared/chain/useTransaction.ts";
import { TransactionNotice } from "../../../shared/ui/TransactionNotice.tsx";
import type { Proposal, ProposalActions } from "../proposalLogic.ts";

export function descriptionHash(description: string) {
  return keccak256(toBytes(description));
}

/** OZ GovernorTimelockControl salts its timelock operations with the Governor's address xor the description hash. */
export function timelockSalt(governor: Address, description: string) {
  const salt = hexToBigInt(pad(governor, { dir: "right", size: 32 })) ^ hexToBigInt(descriptionHash(description));
  return toHex(salt, { size: 32 });
}

/** Queue, Execute and Cancel, each shown only when it can succeed now. */
export function ProposalControls({ proposal, actions }: { proposal: Proposal; actions: ProposalActions }) {
  const { send, status, busy } = useTransaction();
  const governor = contractAddress("governor");
  const args = [proposal.targets, proposal.values, proposal.calldatas, descriptionHash(proposal.description)] as const;

  const queue = () => send({ address: governor, abi: abis.governor, functionName: "queue", args: [...args] });
  const execute = () =>
    send(
      { address: governor, abi: abis.governor, functionName: "execute", args: [...args] },
      {
        // Also run the timelock's own call: an action that would revert there is named before the wallet opens.
        extraCheck: async () => {
          await publicClient!.simulateContract({
            account: governor,
            address: contractAddress("timelock"),
            abi: abis.timelock,
            functionName: "executeBatch",
            args: [
              proposal.targets,
              proposal.values,
              proposal.calldatas,
              toHex(0, { size: 32 }),
              timelockSalt(governor, proposal.description),
            ],
          });
        },
      },
    );
  const cancel = () => send({ address: governor, abi: abis.governor, functionName: "cancel", args: [...args] });

  const anyAvailable = actions.queue.available || actions.execute.available || actions.cancel.available;
  if (!anyAvailable && status.phase === "idle") return null;
  return (
    <div className="stack">
      <div className="row">
        {actions.queue.available ? (
          <button type="button" className="button" disabled={busy} onClick={queue}>
            Queue for execution
          </button>
        ) : null}
        {actions.execute.available ? (
          <button type="button" className="button" disabled={busy} onClick={execute}>
            Execute
          </button>
        ) : null}
        {actions.cancel.available ? (
          <button type="button" className="button button--danger" disabled={busy} onClick={cancel}>
            Cancel proposal
          </button>
        ) : null}
      </div>
      <TransactionNotice status={status} />
    </div>
  );
}
