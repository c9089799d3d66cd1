import { useId, useState } from "react";
import { abis } from "../../../contracts/abis.ts";
import { contractAddress } from "../../../config/deployment.ts";
import { useTransaction } from "../../../shared/chain/useTransaction.ts";
import { formatAmount } from "../../../shared/format.ts";
import { TransactionNotice } from "../../../shared/ui/TransactionNotice.tsx";
import { SUPPORT, type Availability } from "../proposalLogic.ts";

/** For / Against / Abstain with an optional reason (pre-filled by an evaluation receipt when the voter made one). */
export function VoteForm({
  proposalId,
  availability,
  votingPower,
  reason,
  onReasonChange,
}: {
  proposalId: bigint;
  availability: Availability;
  votingPower: bigint;
  reason: string;
  onReasonChange: (reason: string) => void;
}) {
  const [support, setSupport] = useState<number | null>(null);
  const { send, status, busy } = useTransaction();
  const reasonId = useId();

  if (!availability.available && status.phase !== "confirmed")
    return (
      <p className="notice" data-testid="vote-unavailable">
        {availability.reason}
      </p>
    );

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (support === null) return;
    await send({
      address: contractAddress("governor"),
      abi: abis.governor,
      functionName: "castVoteWithReason",
      args: [proposalId, support, reason],
    });
  };

  return (
    <form className="stack" onSubmit={submit} aria-label="Cast your vote">
      <p className="small muted" style={{ margin: 0 }}>
        Your voting power for this proposal: <strong>{formatAmount(votingPower, 18, 2)} MDAO</strong>
      </p>
      <fieldset className="vote-options">
        <legend className="visually-hidden">Your vote</legend>
        {[1, 0, 2].map((value) => (
          <label key={value}>
            <input
              type="radio"
              name="support"
              value={value}
              checked={support === value}
              onChange={() => setSupport(value)}
            />
            <span>{SUPPORT[value]}</span>
          </label>
        ))}
      </fieldset>
      <label className="field" htmlFor={reasonId}>
        <span>
          Reason <span className="hint">(optional, public, stored on chain)</span>
        </span>
        <textarea id={reasonId} value={reason} onChange={(event) => onReasonChange(event.target.value)} />
      </label>
      <div className="row">
        <button type="submit" className="button" disabled={support === null || busy || status.phase === "confirmed"}>
          {support === null ? "Choose For, Against or Abstain" : `Vote ${SUPPORT[support]}`}
        </button>
      </div>
      <TransactionNotice status={status} success="Your vote is recorded." />
    </form>
  );
}
