import { useAccount } from "wagmi";
import { QueryState } from "../../shared/ui/QueryState.tsx";
import { DelegateForm } from "./DelegateForm.tsx";
import { HolderStatus } from "./HolderStatus.tsx";
import { TopDelegates } from "./TopDelegates.tsx";
import { useHolder } from "./useDelegation.ts";
import "./delegation.css";
import { PageHeader } from "../../shared/ui/PageHeader.tsx";

export default function DelegationPage() {
  const { address } = useAccount();
  return (
    <section className="stack" aria-labelledby="delegation-title">
      <PageHeader
        titleId="delegation-title"
        title="Delegation"
        description={
          <>
            Your tokens vote only once delegated — to yourself, or to someone you trust. Delegating does not move your
            tokens, and you can change it at any time.
          </>
        }
      />
      <div className="split">
        <div className="stack">{address ? <ConnectedHolder account={address} /> : <ConnectHint />}</div>
        <TopDelegates />
      </div>
    </section>
  );
}

function ConnectHint() {
  return (
    <p className="notice">
      Connect a wallet to see your balance, your voting power and your delegate, and to delegate.
    </p>
  );
}

function ConnectedHolder({ account }: { account: `0x${string}` }) {
  const holder = useHolder(account);
  return (
    <QueryState query={holder}>
      {holder.data ? (
        <>
          <HolderStatus account={account} holder={holder.data} />
          <DelegateForm account={account} currentDelegate={holder.data.delegate} />
        </>
      ) : null}
    </QueryState>
  );
}
