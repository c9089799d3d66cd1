import { formatAmount } from "../../shared/format.ts";
import type { AssetBalance } from "./useTreasury.ts";

/** Each asset's balance, split into what grants reserve and what governance can still spend. */
export function BalanceCards({ balances }: { balances: AssetBalance[] }) {
  return (
    <ul className="grid treasury-list" aria-label="Treasury balances">
      {balances.map((asset) => (
        <li key={asset.token} className="card">
          <p className="muted small">{asset.symbol}</p>
          <p className="treasury-balance">
            {formatAmount(asset.balance)} <span className="small">{asset.symbol}</span>
          </p>
          <dl className="dl">
            <dt>Available</dt>
            <dd>
              {formatAmount(asset.available)} {asset.symbol}
            </dd>
            <dt>Reserved for grants</dt>
            <dd>
              {formatAmount(asset.reserved)} {asset.symbol}
            </dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}
