import { formatAmount, formatPercent } from "../../shared/format.ts";
import { Address } from "../../shared/ui/Address.tsx";
import { EmptyState, QueryState } from "../../shared/ui/QueryState.tsx";
import { shareOf } from "./delegationLogic.ts";
import { useTopDelegates } from "./useDelegation.ts";

export function TopDelegates() {
  const top = useTopDelegates();
  return (
    <section className="card stack delegation-top" aria-labelledby="top-delegates-title">
      <h2 id="top-delegates-title">Top delegates</h2>
      <QueryState query={top}>
        {top.data?.delegates.length ? (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Delegates ranked by voting power now</caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Delegate</th>
                  <th scope="col">Voting power</th>
                  <th scope="col">Of supply</th>
                </tr>
              </thead>
              <tbody>
                {top.data.delegates.map((delegate, index) => (
                  <tr key={delegate.address}>
                    <td>{index + 1}</td>
                    <td>
                      <Address address={delegate.address} />
                    </td>
                    <td className="mono">{formatAmount(delegate.votes)}</td>
                    <td>{formatPercent(shareOf(delegate.votes, top.data.totalSupply))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <EmptyState>Nobody has voting power yet: no holder has delegated.</EmptyState>
        )}
      </QueryState>
    </section>
  );
}
