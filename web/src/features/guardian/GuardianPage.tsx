import { useAccount } from "wagmi";
import type { Address as AddressType } from "viem";
import { Address } from "../../shared/ui/Address.tsx";
import { QueryState } from "../../shared/ui/QueryState.tsx";
import { useModelList } from "../registry/useRegistry.ts";
import { usePauseState } from "../safety/usePauseState.ts";
import { CancelProposals } from "./CancelProposals.tsx";
import { PauseAllForm, PauseModelForm } from "./PauseForms.tsx";
import { PauseStatus } from "./PauseStatus.tsx";
import { guardianPowers } from "./guardianLogic.ts";
import { useGuardians } from "./useGuardian.ts";
import "./guardian.css";
import { PageHeader } from "../../shared/ui/PageHeader.tsx";

export default function GuardianPage() {
  const { address } = useAccount();
  const guardians = useGuardians();
  const pause = usePauseState();
  const powers = guardianPowers(address, guardians.data?.killSwitchGuardian, guardians.data?.proposalGuardian);
  return (
    <section className="stack" aria-labelledby="guardian-title">
      <PageHeader
        titleId="guardian-title"
        title="Guardian"
        description="The emergency brake: pause models with a reason, cancel a malicious proposal — nothing else."
      />
      <QueryState query={guardians}>
        {guardians.data ? (
          <GuardianRoles
            killSwitchGuardian={guardians.data.killSwitchGuardian}
            proposalGuardian={guardians.data.proposalGuardian}
          />
        ) : null}
      </QueryState>
      {pause.data ? <PauseStatus state={pause.data} /> : null}
      {powers.canPause && pause.data ? (
        <GuardianPauseTools globalPaused={pause.data.global.paused} pausedIds={pausedModelIds(pause.data.models)} />
      ) : null}
      {powers.canCancel ? <CancelProposals /> : null}
    </section>
  );
}

function pausedModelIds(models: Record<string, { paused: boolean }>): Set<string> {
  return new Set(
    Object.entries(models)
      .filter(([, info]) => info.paused)
      .map(([id]) => id.toLowerCase()),
  );
}

function GuardianRoles({
  killSwitchGuardian,
  proposalGuardian,
}: {
  killSwitchGuardian: AddressType;
  proposalGuardian: AddressType;
}) {
  const { address } = useAccount();
  const powers = guardianPowers(address, killSwitchGuardian, proposalGuardian);
  const same = killSwitchGuardian.toLowerCase() === proposalGuardian.toLowerCase();
  return (
    <section className="card stack" aria-labelledby="roles-title">
      <h2 id="roles-title">Who the guardian is</h2>
      <dl className="dl">
        <dt>{same ? "Guardian" : "Kill-switch guardian"}</dt>
        <dd>
          <Address address={killSwitchGuardian} />
        </dd>
        {same ? null : (
          <>
            <dt>Proposal guardian</dt>
            <dd>
              <Address address={proposalGuardian} />
            </dd>
          </>
        )}
      </dl>
      <ul className="small">
        <li>Can pause every model at once, or one model, always with a public reason.</li>
        <li>Can cancel a proposal before it executes (pending, active, succeeded or queued).</li>
        <li>
          Cannot unpause, register or activate models, change the whitelist, or move funds: those need a governance
          vote.
        </li>
      </ul>
      {powers.canPause || powers.canCancel ? (
        <p className="notice notice--warn">
          You are connected as the guardian. Every action here is public and final until governance reverses it.
        </p>
      ) : (
        <p className="muted small">Connect as the guardian to use these powers; everyone else can only see them.</p>
      )}
    </section>
  );
}

function GuardianPauseTools({ globalPaused, pausedIds }: { globalPaused: boolean; pausedIds: Set<string> }) {
  const models = useModelList();
  return (
    <div className="grid">
      <PauseAllForm alreadyPaused={globalPaused} />
      <QueryState query={models}>
        <PauseModelForm models={models.data ?? []} pausedIds={pausedIds} />
      </QueryState>
    </div>
  );
}
