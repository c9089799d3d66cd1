import { useChainHead } from "../../shared/chain/head.ts";
import { contractAddress, deployment } from "../../config/deployment.ts";
import { EmptyState, QueryState } from "../../shared/ui/QueryState.tsx";
import { BalanceCards } from "./BalanceCards.tsx";
import { GrantCard } from "./GrantCard.tsx";
import { MovementTable } from "./MovementTable.tsx";
import { assetSymbol } from "./treasuryMath.ts";
import { useGrants, useTreasuryActivity, useTreasuryBalances } from "./useTreasury.ts";
import "./treasury.css";

export default function TreasuryPage() {
  const balances = useTreasuryBalances();
  const activity = useTreasuryActivity();
  const grants = useGrants();
  const head = useChainHead();
  const tokenSymbol = balances.data?.[1]?.symbol ?? "MDAO";
  const symbolOf = (token: `0x${string}`) =>
    deployment ? assetSymbol(token, contractAddress("token"), tokenSymbol) : tokenSymbol;
  // Vesting is shown at the chain's time: a local chain's clock may run ahead of the wall clock.
  const now = head.data?.timestamp ?? Math.floor(Date.now() / 1000);
  return (
    <section className="stack" aria-labelledby="treasury-title">
      <div className="page-header">
        <div>
          <h1 id="treasury-title">Treasury</h1>
          <p className="muted">
            Funds move only through governance: payouts and vesting grants are proposal actions. Funds promised to
            grants are reserved, so every grant stays fully funded.
          </p>
        </div>
      </div>
      <QueryState isLoading={balances.isLoading} error={balances.error}>
        {balances.data ? <BalanceCards balances={balances.data} /> : null}
      </QueryState>
      <section aria-labelledby="grants-title" className="stack">
        <h2 id="grants-title">Vesting grants</h2>
        <QueryState isLoading={grants.isLoading} error={grants.error}>
          {grants.data?.length ? (
            <ul className="grid treasury-list">
              {grants.data.map((grant) => (
                <GrantCard key={grant.id.toString()} grant={grant} now={now} symbol={symbolOf(grant.token)} />
              ))}
            </ul>
          ) : (
            <EmptyState>No grant has been created.</EmptyState>
          )}
        </QueryState>
      </section>
      <QueryState isLoading={activity.isLoading} error={activity.error}>
        {activity.data ? (
          <>
            <section aria-labelledby="payouts-title" className="card">
              <h2 id="payouts-title">Payouts</h2>
              <MovementTable
                caption="Payouts"
                counterpartyLabel="Paid to"
                movements={activity.data.payouts}
                symbolOf={symbolOf}
                empty="No payout yet."
              />
            </section>
            <section aria-labelledby="releases-title" className="card">
              <h2 id="releases-title">Grant releases</h2>
              <MovementTable
                caption="Grant releases"
                counterpartyLabel="Released to"
                movements={activity.data.releases}
                symbolOf={symbolOf}
                empty="Nothing has been released from a grant yet."
              />
            </section>
            <section aria-labelledby="deposits-title" className="card">
              <h2 id="deposits-title">Deposits</h2>
              <MovementTable
                caption="Deposits"
                counterpartyLabel="From"
                movements={activity.data.deposits}
                symbolOf={symbolOf}
                empty="No deposit yet."
              />
            </section>
          </>
        ) : null}
      </QueryState>
    </section>
  );
}
