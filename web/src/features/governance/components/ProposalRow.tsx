import { Link } from "react-router";
import { formatAmount } from "../../../shared/format.ts";
import { proposalTitle, quorumProgress, timingLabel, type Proposal } from "../proposalLogic.ts";
import { StateBadge } from "./StateBadge.tsx";

export function ProposalRow({ proposal, now }: { proposal: Proposal; now: number }) {
  const progress = quorumProgress(proposal.tally, proposal.quorum);
  return (
    <li className="card proposal-row" data-testid="proposal-row">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <Link to={`/proposals/${proposal.id}`} className="proposal-row__title">
          {proposalTitle(proposal.description)}
        </Link>
        <StateBadge state={proposal.state} />
      </div>
      <div className="row small muted">
        <span>{timingLabel(proposal, now)}</span>
        <span aria-hidden="true">·</span>
        <span>
          For {formatAmount(proposal.tally.for, 18, 0)} · Against {formatAmount(proposal.tally.against, 18, 0)} ·
          Abstain {formatAmount(proposal.tally.abstain, 18, 0)}
        </span>
        <span aria-hidden="true">·</span>
        <span>
          {progress.quorum === null
            ? "quorum set at start"
            : progress.reached
              ? "quorum reached"
              : `quorum ${Math.round(progress.fraction * 100)}%`}
        </span>
      </div>
    </li>
  );
}
