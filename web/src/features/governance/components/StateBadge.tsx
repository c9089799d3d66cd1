import { stateTone, type ProposalState } from "../proposalLogic.ts";

export function StateBadge({ state }: { state: ProposalState }) {
  const tone = stateTone(state);
  return <span className={`badge ${tone === "neutral" ? "" : `badge--${tone}`}`}>{state}</span>;
}
