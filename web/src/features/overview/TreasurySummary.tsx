import { Link } from "react-router";
import { formatAmount } from "../../shared/format.ts";
import { QueryState } from "../../shared/ui/QueryState.tsx";
import { useTreasuryBalances } from "../treasury/useTreasury.ts";

export function TreasurySummary() {
  const balances = useTreasuryBalances();
  return (
    <section className="card stack" aria-labelledby="overview-treasury-title">
      <h2 id="overview-treasury-title">Treasury</h2>
      <QueryState query={balances}>
        <dl className="dl">
          {balances.data?.map((asset) => (
            <div key={asset.token} className="overview-dl-row">
              <dt>{asset.symbol}</dt>
              <dd>
                {formatAmount(asset.balance)}{" "}
                <span className="muted small">({formatAmount(asset.available)} available)</span>
              </dd>
            </div>
          ))}
        </dl>
      </QueryState>
      <Link to="/treasury" className="small">
        Payouts and grants
      </Link>
    </section>
  );
}
