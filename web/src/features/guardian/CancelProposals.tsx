import { Link } from "react-router";
import { abis } from "../../contracts/abis.ts";
import { contractAddress } from "../../config/deployment.ts";
import { useTransaction } from "../../shared/chain/useTransaction.ts";
import { Address } from "../../shared/ui/Address.tsx";
import { EmptyState, QueryState } from "../../shared/ui/QueryState.tsx";
import { TransactionNotice } from "../../shared/ui/TransactionNotice.tsx";
import { descriptionHash, proposalStateName, proposalTitle } from "./guardianLogic.ts";
import { useCancellableProposals, type CancellableProposal } from "./useGuardian.ts";

/** The proposal guardian's one other power: cancel a proposal before it executes. */
export function CancelProposals() {
  const proposals = useCancellableProposals();
  // One transaction state for the list: a canceled proposal leaves the list, and its outcome must stay visible.
  const { send, status, busy } = useTransaction();
  const cancel = (proposal: CancellableProposal) =>
    void send({
      address: contractAddress("governor"),
      abi: abis.governor,
      functionName: "cancel",
      args: [proposal.targets, proposal.values, proposal.calldatas, descriptionHash(proposal.description)],
    });
  return (
    <section className="card stack" aria-labelledby="cancel-title">
      <h2 id="cancel-title">Cancel a proposal</h2>
      <p className="muted small">Pending, active, succeeded or queued proposals can be canceled; canceling is final.</p>
      <QueryState query={proposals}>
        {proposals.data?.length ? (
          <ul className="guardian-proposals">
            {proposals.data.map((proposal) => (
              <CancelItem key={proposal.id.toString()} proposal={proposal} disabled={busy} onCancel={cancel} />
            ))}
          </ul>
        ) : (
          <EmptyState>No proposal can be canceled now.</EmptyState>
        )}
      </QueryState>
      <TransactionNotice status={status} success="The proposal is canceled." />
    </section>
  );
}

function CancelItem({
  proposal,
  disabled,
  onCancel,
}: {
  proposal: CancellableProposal;
  disabled: boolean;
  onCancel: (proposal: CancellableProposal) => void;
}) {
  const title = proposalTitle(proposal.description);
  return (
    <li className="guardian-proposal stack">
      <div className="row">
        <Link to={`/proposals/${proposal.id}`}>{title}</Link>
        <span className="badge">{proposalStateName(proposal.state)}</span>
      </div>
      <p className="muted small">
        Proposed by <Address address={proposal.proposer} /> · {proposal.targets.length} action
        {proposal.targets.length === 1 ? "" : "s"}
      </p>
      <div>
        <button
          type="button"
          className="button button--danger button--small"
          disabled={disabled}
          onClick={() => onCancel(proposal)}
          aria-label={`Cancel proposal: ${title}`}
        >
          Cancel proposal
        </button>
      </div>
    </li>
  );
}
