import { formatAmount, formatPercent } from "../../../shared/format.ts";
import { quorumProgress, tallyShares, type Tally } from "../proposalLogic.ts";

const ROWS = [
  ["for", "For", "var(--color-for)"],
  ["against", "Against", "var(--color-against)"],
  ["abstain", "Abstain", "var(--color-abstain)"],
] as const;

/** For/Against/Abstain bars and the quorum bar; every bar carries its number in text too. */
export function TallyBars({
  tally,
  quorum,
  symbol = "MDAO",
}: {
  tally: Tally;
  quorum: bigint | null;
  symbol?: string;
}) {
  const shares = tallyShares(tally);
  const progress = quorumProgress(tally, quorum);
  return (
    <div className="stack" style={{ gap: "var(--space-3)" }}>
      {ROWS.map(([key, label, color]) => (
        <div key={key}>
          <div className="row small" style={{ justifyContent: "space-between" }}>
            <span>{label}</span>
            <span data-testid={`tally-${key}`}>
              {formatAmount(tally[key], 18, 0)} {symbol} · {formatPercent(shares[key])}
            </span>
          </div>
          <div
            className="bar"
            role="meter"
            aria-label={`${label} share`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(shares[key] * 100)}
          >
            <div className="bar__fill" style={{ width: `${shares[key] * 100}%`, background: color }} />
          </div>
        </div>
      ))}
      <div>
        <div className="row small" style={{ justifyContent: "space-between" }}>
          <span>Quorum (For + Abstain)</span>
          <span data-testid="quorum-text">
            {progress.quorum === null
              ? "fixed when voting starts"
              : `${formatAmount(progress.votes, 18, 0)} of ${formatAmount(progress.quorum, 18, 0)} ${symbol}${progress.reached ? " — reached" : ""}`}
          </span>
        </div>
        <div
          className="bar"
          role="meter"
          aria-label="Quorum progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(progress.fraction * 100)}
        >
          <div
            className="bar__fill"
            style={{
              width: `${progress.fraction * 100}%`,
              background: progress.reached ? "var(--color-ok)" : "var(--color-accent)",
            }}
          />
        </div>
      </div>
    </div>
  );
}
