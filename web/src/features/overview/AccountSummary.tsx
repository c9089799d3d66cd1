import { Link } from "react-router";
import { zeroAddress, type Address as AddressType } from "viem";
import { formatAmount } from "../../shared/format.ts";
import { Address } from "../../shared/ui/Address.tsx";
import { QueryState } from "../../shared/ui/QueryState.tsx";
import { useHolder } from "../delegation/useDelegation.ts";

/** The connected holder at a glance; zero voting power links to the page that explains and fixes it. */
export function AccountSummary({ account }: { account: AddressType }) {
  const holder = useHolder(account);
  const data = holder.data;
  return (
    <section className="card stack" aria-labelledby="overview-account-title">
      <h2 id="overview-account-title">You</h2>
      <QueryState query={holder} lines={2}>
        {data ? (
          <>
            <dl className="dl">
              <dt>Balance</dt>
              <dd>
                {formatAmount(data.balance)} {data.symbol}
              </dd>
              <dt>Voting power</dt>
              <dd>
                {formatAmount(data.votes)} {data.symbol}
              </dd>
              <dt>Delegate</dt>
              <dd>{data.delegate === zeroAddress ? "never delegated" : <Address address={data.delegate} />}</dd>
            </dl>
            {data.votes === 0n ? (
              <p className="notice notice--warn">
                Your voting power is zero.{" "}
                {data.balance > 0n ? "Tokens vote only once delegated, even to yourself. " : null}
                <Link to="/delegate">Delegate now</Link>
              </p>
            ) : null}
          </>
        ) : null}
      </QueryState>
    </section>
  );
}
