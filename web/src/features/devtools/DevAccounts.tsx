import { useMemo } from "react";
import { Address } from "../../shared/ui/Address.tsx";
import { deriveDevAccounts } from "./devAccounts.ts";

/** Which test account plays which role, to pick the right one in the wallet (keys are printed by `npm start`). */
export function DevAccounts() {
  const accounts = useMemo(() => deriveDevAccounts(), []);
  return (
    <section className="card stack" aria-labelledby="accounts-title">
      <h2 id="accounts-title">Seeded accounts</h2>
      <p className="muted small">
        Import the key of the role you want to play into your wallet (<code>npm start</code> prints them), then switch
        accounts there. Holder 10 never delegated; holders 7 and 8 delegated to 1 and 2.
      </p>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">Seeded roles and their addresses</caption>
          <thead>
            <tr>
              <th scope="col">Role</th>
              <th scope="col">Account #</th>
              <th scope="col">Address</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <tr key={account.index}>
                <td>{account.role}</td>
                <td>{account.index}</td>
                <td>
                  <Address address={account.address} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
