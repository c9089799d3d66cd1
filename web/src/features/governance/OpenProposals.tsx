import { Link } from "react-router";
import { useChainHead } from "../../shared/chain/head.ts";
import { EmptyState, QueryState } from "../../shared/ui/QueryState.tsx";
import { ProposalRow } from "./components/ProposalRow.tsx";
import "./governance.css";
import { useProposals } from "./hooks.ts";
import { OPEN_STATES } from "./proposalLogic.ts";

/** The overview's list of proposals that still need someone: voting, queueing or executing. */
export function OpenProposals() {
  const proposals = useProposals();
  const head = useChainHead();
  const open = (proposals.data ?? []).filter((proposal) => OPEN_STATES.includes(proposal.state));
  const now = head.data?.timestamp ?? Math.floor(Date.now() / 1000);
  return (
    <section className="stack" aria-labelledby="open-proposals">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2 id="open-proposals">Open proposals</h2>
        <Link to="/proposals">All proposals</Link>
      </div>
      <QueryState query={proposals}>
        {open.length === 0 ? (
          <EmptyState>Nothing is open for a vote right now.</EmptyState>
        ) : (
          <ul className="stack" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {open.map((proposal) => (
              <ProposalRow key={proposal.id.toString()} proposal={proposal} now={now} />
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
