import { isLocalChain, LOCAL_CHAIN_ID } from "../../config/deployment.ts";
import { ChainClock } from "./ChainClock.tsx";
import { DevAccounts } from "./DevAccounts.tsx";
import { TimeControls } from "./TimeControls.tsx";
import "./devtools.css";
import { PageHeader } from "../../shared/ui/PageHeader.tsx";

export default function LocalChainPage() {
  return (
    <section className="stack" aria-labelledby="dev-title">
      <PageHeader
        titleId="dev-title"
        title="Local chain"
        description="Developer tools for the local Hardhat chain started by npm start."
      />
      {isLocalChain ? (
        <div className="split">
          <div className="stack">
            <ChainClock />
            <TimeControls />
          </div>
          <DevAccounts />
        </div>
      ) : (
        <p className="notice notice--warn">
          These tools only work on the local chain (id {LOCAL_CHAIN_ID}). This build is for another network, where time
          cannot be moved.
        </p>
      )}
    </section>
  );
}
