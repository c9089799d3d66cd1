import { useChainHead } from "../../shared/chain/head.ts";
import { contractAddress, deployment } from "../../config/deployment.ts";
import { EmptyState, QueryState } from "../../shared/ui/QueryState.tsx";
import { BalanceCards } from "./BalanceCards.tsx";
import { GrantCard } from "./GrantCard.tsx";
import { MovementTable } from "./MovementTable.tsx";
import { assetSymbol } from "./treasuryMath.ts";
import { useGrants, useTreasuryActivity, useTreasuryBalances, type TreasuryActivity } from "./useTreasury.ts";
import "./treasury.css";
import { PageHeader } from "../../shared/ui/PageHeader.tsx";

/** The three kinds of money movement the page lists, each in its own table. */
function movementSections(activity: TreasuryActivity) {
  return [
    {
      id: "payouts-title",
      title: "Payouts",
      counterpartyLabel: "Paid to",
      movements: activity.payouts,
      empty: "No payout yet.",
    },
    {
      id: "releases-title",
      title: "Grant releases",
      counterpartyLabel: "Released to",
      movements: activity.releases,
      empty: "Nothing has been released from a grant yet.",
    },
    {
      id: "deposits-title",
      title: "Deposits",
      counterpartyLabel: "From",
      movements: activity.deposits,
      empty: "No deposit yet.",
    },
  ];
}

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
      <PageHeader
        titleId="treasury-title"
        title="Treasury"
        description={
          <>
            Funds move only through governance: payouts and vesting grants are proposal actions. Funds promised to
            grants are reserved, so every grant stays fully funded.
          </>
        }
      />
      <QueryState query={balances}>{balances.data ? <BalanceCards balances={balances.data} /> : null}</QueryState>
      <section aria-labelledby="grants-title" className="stack">
        <h2 id="grants-title">Vesting grants</h2>
        <QueryState query={grants}>
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
      <QueryState query={activity}>
        {activity.data ? (
          <>
            {movementSections(activity.data).map((section) => (
              <section key={section.id} aria-labelledby={section.id} className="card">
                <h2 id={section.id}>{section.title}</h2>
                <MovementTable
                  caption={section.title}
                  counterpartyLabel={section.counterpartyLabel}
                  movements={section.movements}
                  symbolOf={symbolOf}
                  empty={section.empty}
                />
              </section>
            ))}
          </>
        ) : null}
      </QueryState>
    </section>
  );
}
