import { useAccount } from "wagmi";
import { OpenProposals } from "../governance/OpenProposals.tsx";
import { AccountSummary } from "./AccountSummary.tsx";
import { ModelsSummary } from "./ModelsSummary.tsx";
import { TreasurySummary } from "./TreasurySummary.tsx";
import "./overview.css";

export default function OverviewPage() {
  const { address } = useAccount();
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>ModelDAO</h1>
          <p className="muted">
            Token holders govern an AI model in the open: which version serves, on which data, paid how.
          </p>
        </div>
      </div>
      {address ? <AccountSummary account={address} /> : null}
      <OpenProposals />
      <div className="grid">
        <ModelsSummary />
        <TreasurySummary />
      </div>
    </div>
  );
}
