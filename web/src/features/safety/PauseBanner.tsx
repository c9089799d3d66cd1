import { idToName } from "../../shared/format.ts";
import { usePauseState } from "./usePauseState.ts";

/** On every page while anything is paused: what, since when, and the guardian's reason. */
export function PauseBanner() {
  const { data } = usePauseState();
  if (!data) return null;
  const pausedModels = Object.entries(data.models).filter(([, info]) => info.paused);
  if (!data.global.paused && pausedModels.length === 0) return null;
  return (
    <div className="banner banner--danger" role="alert" data-testid="pause-banner">
      {data.global.paused ? (
        <p>
          Kill switch engaged: every model is paused. Reason: “{data.global.reason ?? "not given"}”. Only a governance
          proposal can unpause.
        </p>
      ) : null}
      {pausedModels.map(([id, info]) => (
        <p key={id}>
          Model <code>{idToName(id as `0x${string}`)}</code> is paused. Reason: “{info.reason ?? "not given"}”. Only a
          governance proposal can unpause.
        </p>
      ))}
    </div>
  );
}
