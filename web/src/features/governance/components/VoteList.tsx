import { formatAmount } from "../../../shared/format.ts";
import { Address } from "../../../shared/ui/Address.tsx";
import { EmptyState } from "../../../shared/ui/QueryState.tsx";
import { SUPPORT, type Vote } from "../proposalLogic.ts";

const TONE = ["badge--danger", "badge--ok", ""] as const;

export function VoteList({ votes }: { votes: Vote[] }) {
  if (votes.length === 0) return <EmptyState>No votes yet.</EmptyState>;
  return (
    <ul className="vote-list" data-testid="vote-list">
      {votes.map((vote) => (
        <li key={`${vote.voter}-${vote.txHash}`}>
          <div className="row" style={{ justifyContent: "space-between" }}>
            <Address address={vote.voter} />
            <span className="row small">
              <span className={`badge ${TONE[vote.support] ?? ""}`}>
                {SUPPORT[vote.support] ?? `support ${vote.support}`}
              </span>
              {formatAmount(vote.weight, 18, 0)} MDAO
            </span>
          </div>
          {vote.reason ? <p className="vote-list__reason small">{visibleReason(vote.reason)}</p> : null}
        </li>
      ))}
    </ul>
  );
}

/** The machine-readable receipt line is summarised elsewhere; the list shows the human part of a reason. */
export function visibleReason(reason: string): string {
  return reason
    .split("\n")
    .filter((line) => !line.startsWith("modeldao-eval:"))
    .join("\n")
    .trim();
}
