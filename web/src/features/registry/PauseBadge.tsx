import type { ModelPause } from "./registryModel.ts";

/** "Serving" or "Paused" with the guardian's reason, for a model card or header. */
export function PauseBadge({ pause }: { pause: ModelPause }) {
  if (!pause.paused) return <span className="badge badge--ok">Not paused</span>;
  return (
    <span className="badge badge--danger" title={pause.reason ?? undefined}>
      {pause.scope === "all" ? "Paused (all models)" : "Paused"}
    </span>
  );
}
