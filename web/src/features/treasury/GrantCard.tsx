import { useAccount } from "wagmi";
import { abis } from "../../contracts/abis.ts";
import { contractAddress } from "../../config/deployment.ts";
import { useTransaction } from "../../shared/chain/useTransaction.ts";
import { formatAmount, formatPercent, formatTimestamp } from "../../shared/format.ts";
import { Address } from "../../shared/ui/Address.tsx";
import { TransactionNotice } from "../../shared/ui/TransactionNotice.tsx";
import {
  grantPhase,
  grantSchedule,
  releaseAvailability,
  vestedAt,
  vestedFraction,
  type GrantPhase,
} from "./treasuryMath.ts";
import type { GrantView } from "./useTreasury.ts";

const PHASE_TEXT: Record<GrantPhase, string> = {
  canceled: "Canceled",
  "before-cliff": "Before the cliff",
  vesting: "Vesting",
  "fully-vested": "Fully vested",
  completed: "Fully released",
};

export function GrantCard({ grant, now, symbol }: { grant: GrantView; now: number; symbol: string }) {
  const vested = vestedAt(grant, now);
  const schedule = grantSchedule(grant);
  const phase = grantPhase(grant, now);
  const fraction = vestedFraction(grant, now);
  return (
    <li className="card stack treasury-grant">
      <div className="row">
        <h3>Grant #{grant.id.toString()}</h3>
        <span className={phase === "canceled" ? "badge badge--danger" : "badge badge--accent"}>
          {PHASE_TEXT[phase]}
        </span>
      </div>
      {grant.memo ? <p>{grant.memo}</p> : null}
      <div>
        <div
          className="bar"
          role="progressbar"
          aria-label={`Vested share of grant ${grant.id}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(fraction * 100)}
        >
          <div className="bar__fill treasury-grant__fill" style={{ width: `${fraction * 100}%` }} />
        </div>
        <p className="muted small">{formatPercent(fraction)} vested</p>
      </div>
      <dl className="dl">
        <dt>Beneficiary</dt>
        <dd>
          <Address address={grant.beneficiary} />
        </dd>
        <dt>Granted</dt>
        <dd>
          {formatAmount(grant.amount)} {symbol}
        </dd>
        <dt>Vested</dt>
        <dd>
          {formatAmount(vested)} {symbol}
        </dd>
        <dt>Released</dt>
        <dd>
          {formatAmount(grant.released)} {symbol}
        </dd>
        <dt>Releasable now</dt>
        <dd>
          {formatAmount(grant.releasable)} {symbol}
        </dd>
        <dt>Schedule</dt>
        <dd>
          starts {formatTimestamp(schedule.startsAt)}, nothing before {formatTimestamp(schedule.cliffEndsAt)}, all by{" "}
          {formatTimestamp(schedule.fullyVestedAt)}
        </dd>
        {grant.cancelReason ? (
          <>
            <dt>Cancel reason</dt>
            <dd>“{grant.cancelReason}”</dd>
          </>
        ) : null}
      </dl>
      <ReleaseControl grant={grant} symbol={symbol} waitingFor={releaseWait(phase, schedule.cliffEndsAt)} />
    </li>
  );
}

/** Why a beneficiary has nothing to release right now, in the grant's own terms. */
function releaseWait(phase: GrantPhase, cliffEndsAt: number): string {
  if (phase === "before-cliff") return `Nothing vests before the cliff, on ${formatTimestamp(cliffEndsAt)}.`;
  if (phase === "completed") return "Everything this grant will pay has been released.";
  return "You released everything vested so far; more vests as time passes.";
}

/** Only the connected beneficiary sees the button; the treasury pays the beneficiary whoever calls. */
function ReleaseControl({ grant, symbol, waitingFor }: { grant: GrantView; symbol: string; waitingFor: string }) {
  const { address } = useAccount();
  const { send, status, busy } = useTransaction();
  const availability = releaseAvailability(grant.beneficiary, address, grant.releasable);
  if (availability === "not-beneficiary") return null;
  const release = () =>
    send({ address: contractAddress("treasury"), abi: abis.treasury, functionName: "release", args: [grant.id] });
  return (
    <div className="stack">
      <button type="button" className="button" disabled={busy || availability !== "ready"} onClick={release}>
        {availability === "ready" ? `Release ${formatAmount(grant.releasable)} ${symbol}` : "Release"}
      </button>
      {availability === "nothing-yet" ? <p className="muted small">{waitingFor}</p> : null}
      <TransactionNotice status={status} success="Released to your address." />
    </div>
  );
}
