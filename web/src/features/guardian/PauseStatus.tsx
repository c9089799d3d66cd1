import { formatTimestamp, idToName } from "../../shared/format.ts";
import { Address } from "../../shared/ui/Address.tsx";
import type { PauseInfo, PauseState } from "../safety/usePauseState.ts";

/** What the kill switch holds now, with each pause's reason, author and time. */
export function PauseStatus({ state }: { state: PauseState }) {
  const models = Object.entries(state.models) as [`0x${string}`, PauseInfo][];
  return (
    <section className="card stack" aria-labelledby="pause-status-title">
      <h2 id="pause-status-title">Pause state now</h2>
      <ul className="guardian-pauses">
        <PauseLine label="Every model (global)" info={state.global} />
        {models.map(([id, info]) => (
          <PauseLine key={id} label={idToName(id)} info={info} />
        ))}
      </ul>
    </section>
  );
}

function PauseLine({ label, info }: { label: string; info: PauseInfo }) {
  return (
    <li>
      <span className="row">
        <strong>{label}</strong>
        <span className={info.paused ? "badge badge--danger" : "badge badge--ok"}>
          {info.paused ? "Paused" : "Not paused"}
        </span>
      </span>
      {info.paused ? (
        <span className="small">
          {" "}
          since {info.since ? formatTimestamp(info.since) : "unknown"}
          {info.by ? (
            <>
              {" "}
              by <Address address={info.by} />
            </>
          ) : null}
          . Reason: “{info.reason ?? "not given"}”
        </span>
      ) : null}
    </li>
  );
}
