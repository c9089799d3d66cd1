import { Address } from "../../shared/ui/Address.tsx";
import { EmptyState } from "../../shared/ui/QueryState.tsx";
import { formatAmount, formatTimestamp } from "../../shared/format.ts";
import type { Movement } from "./useTreasury.ts";

/** Payouts, deposits or releases: when, who, how much of what, and the memo the proposal gave. */
export function MovementTable({
  caption,
  counterpartyLabel,
  movements,
  symbolOf,
  empty,
}: {
  caption: string;
  counterpartyLabel: string;
  movements: Movement[];
  symbolOf: (token: `0x${string}`) => string;
  empty: string;
}) {
  if (movements.length === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">{counterpartyLabel}</th>
            <th scope="col">Amount</th>
            <th scope="col">Memo</th>
          </tr>
        </thead>
        <tbody>
          {movements.map((movement) => (
            <tr key={`${movement.blockNumber}-${movement.logIndex}`}>
              <td>{movement.timestamp ? formatTimestamp(movement.timestamp) : `block ${movement.blockNumber}`}</td>
              <td>
                {/^0x0{40}$/i.test(movement.counterparty) ? (
                  <span className="muted">minted at deployment</span>
                ) : (
                  <Address address={movement.counterparty} />
                )}
              </td>
              <td className="mono">
                {formatAmount(movement.amount)} {symbolOf(movement.token)}
              </td>
              <td>{movement.memo ?? <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
