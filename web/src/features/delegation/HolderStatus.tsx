import type { Address as AddressType } from "viem";
import { zeroAddress } from "viem";
import { formatAmount } from "../../shared/format.ts";
import { Address } from "../../shared/ui/Address.tsx";
import { explainVotingPower } from "./delegationLogic.ts";
import type { HolderInfo } from "./useDelegation.ts";

/** Balance, voting power and delegate of the connected holder, with the reason when the power is zero. */
export function HolderStatus({ account, holder }: { account: AddressType; holder: HolderInfo }) {
  const format = (value: bigint) => `${formatAmount(value)} ${holder.symbol}`;
  const explanation = explainVotingPower({ account, ...holder }, format);
  return (
    <section className="card stack" aria-labelledby="holder-title">
      <h2 id="holder-title">Your voting power</h2>
      <dl className="dl">
        <dt>Balance</dt>
        <dd>{format(holder.balance)}</dd>
        <dt>Voting power</dt>
        <dd>
          <strong>{format(holder.votes)}</strong>
        </dd>
        <dt>Delegate</dt>
        <dd>
          {holder.delegate === zeroAddress ? (
            <span className="badge badge--warn">never delegated</span>
          ) : (
            <Address address={holder.delegate} />
          )}
        </dd>
      </dl>
      <p className={explanation.zeroPower ? "notice notice--warn" : "notice"} data-testid="voting-power-explanation">
        {explanation.message}
      </p>
      <p className="muted small">
        Voting power counts at each proposal's snapshot: delegating now gives weight in proposals that start later, not
        in those already open.
      </p>
    </section>
  );
}
