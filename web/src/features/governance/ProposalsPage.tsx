import { useState } from "react";
import { useSearchParams } from "react-router";
import { Link } from "react-router";
import { useChainHead } from "../../shared/chain/head.ts";
import { EmptyState, QueryState } from "../../shared/ui/QueryState.tsx";
import { ProposalRow } from "./components/ProposalRow.tsx";
import "./governance.css";
import { PROPOSALS_PAGE_SIZE, useProposals } from "./hooks.ts";
import { PROPOSAL_STATES, type ProposalState } from "./proposalLogic.ts";

const FILTERS = ["All", ...PROPOSAL_STATES] as const;

export default function ProposalsPage() {
  const [limit, setLimit] = useState(PROPOSALS_PAGE_SIZE);
  const proposals = useProposals(limit);
  const mayHaveOlder = (proposals.data?.length ?? 0) >= limit;
  const head = useChainHead();
  const [params, setParams] = useSearchParams();
  const filter = (FILTERS as readonly string[]).includes(params.get("state") ?? "") ? params.get("state")! : "All";
  const shown = (proposals.data ?? []).filter(
    (proposal) => filter === "All" || proposal.state === (filter as ProposalState),
  );
  const now = head.data?.timestamp ?? Math.floor(Date.now() / 1000);
  return (
    <>
      <div className="page-header">
        <h1>Proposals</h1>
        <Link to="/proposals/new" className="button">
          New proposal
        </Link>
      </div>
      <div className="tabs" role="group" aria-label="Filter by state">
        {FILTERS.map((state) => (
          <button
            key={state}
            type="button"
            aria-pressed={filter === state}
            onClick={() => setParams(state === "All" ? {} : { state })}
          >
            {state}
            {proposals.data && state !== "All"
              ? ` (${proposals.data.filter((proposal) => proposal.state === state).length})`
              : ""}
          </button>
        ))}
      </div>
      <QueryState query={proposals}>
        {shown.length === 0 ? (
          <EmptyState>No {filter === "All" ? "" : `${filter.toLowerCase()} `}proposals.</EmptyState>
        ) : (
          <ul className="stack" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {shown.map((proposal) => (
              <ProposalRow key={proposal.id.toString()} proposal={proposal} now={now} />
            ))}
          </ul>
        )}
        {mayHaveOlder ? (
          <p>
            <button
              type="button"
              className="button button--ghost"
              disabled={proposals.isFetching}
              onClick={() => setLimit(limit + PROPOSALS_PAGE_SIZE)}
            >
              Show older proposals
            </button>{" "}
            <span className="small muted">Counts above are of the {proposals.data!.length} newest.</span>
          </p>
        ) : null}
      </QueryState>
    </>
  );
}
