import { formatTimestamp } from "../../../shared/format.ts";
import { effectiveDeadline, type Proposal } from "../proposalLogic.ts";

type Step = { label: string; at: number | null; done: boolean };

export function proposalSteps(proposal: Proposal, now: number): Step[] {
  const deadline = effectiveDeadline(proposal);
  const steps: Step[] = [
    { label: "Created", at: proposal.createdAt, done: true },
    { label: "Voting starts", at: proposal.voteStart, done: proposal.voteStart <= now },
    {
      label: proposal.extendedTo ? "Voting ends (extended by late quorum)" : "Voting ends",
      at: deadline,
      done: deadline < now,
    },
  ];
  if (proposal.canceledAt)
    return [...steps.filter((step) => step.done), { label: "Canceled", at: proposal.canceledAt, done: true }];
  if (proposal.queuedAt || proposal.state === "Succeeded")
    steps.push({ label: "Queued", at: proposal.queuedAt, done: proposal.queuedAt !== null });
  if (proposal.eta) steps.push({ label: "Timelock ends (eta)", at: proposal.eta, done: proposal.eta <= now });
  if (proposal.executedAt) steps.push({ label: "Executed", at: proposal.executedAt, done: true });
  return steps;
}

export function Timeline({ proposal, now }: { proposal: Proposal; now: number }) {
  return (
    <ol
      className="stack small"
      style={{ gap: "var(--space-2)", paddingLeft: "1.25rem", margin: 0 }}
      aria-label="Timeline"
    >
      {proposalSteps(proposal, now).map((step) => (
        <li key={step.label} className={step.done ? "" : "muted"}>
          <strong>{step.label}</strong>
          <br />
          {step.at ? formatTimestamp(step.at) : "—"}
        </li>
      ))}
    </ol>
  );
}
