import { useState } from "react";
import { Link, useParams } from "react-router";
import { nameToId } from "../../shared/format.ts";
import { EmptyState, QueryState } from "../../shared/ui/QueryState.tsx";
import { usePauseState } from "../safety/usePauseState.ts";
import { LineageList } from "./LineageList.tsx";
import { ModelCardPreview } from "./ModelCardPreview.tsx";
import { PauseBadge } from "./PauseBadge.tsx";
import { RegistryHistory } from "./RegistryHistory.tsx";
import { VersionList } from "./VersionList.tsx";
import { buildLineage, pauseForModel, type ModelVersionView } from "./registryModel.ts";
import { useModelDetail } from "./useRegistry.ts";
import "./registry.css";

export default function ModelPage() {
  const modelName = useParams().modelName ?? "";
  const modelId = safeModelId(modelName);
  if (!modelId)
    return (
      <section>
        <h1>Model not found</h1>
        <p>
          “{modelName}” is not a valid model name (names are ASCII, at most 32 bytes).{" "}
          <Link to="/models">All models</Link>
        </p>
      </section>
    );
  return <ModelDetailView modelName={modelName} modelId={modelId} />;
}

function safeModelId(name: string): `0x${string}` | null {
  try {
    return name && /^[\x20-\x7e]+$/.test(name) ? nameToId(name) : null;
  } catch {
    return null;
  }
}

function ModelDetailView({ modelName, modelId }: { modelName: string; modelId: `0x${string}` }) {
  const detail = useModelDetail(modelId);
  const { data: pauseState } = usePauseState();
  const pause = pauseForModel(pauseState, modelId);
  const model = detail.data;
  return (
    <section className="stack" aria-labelledby="model-title">
      <div className="page-header">
        <div>
          <p className="small">
            <Link to="/models">Models</Link> /
          </p>
          <h1 id="model-title" className="row">
            <code>{modelName}</code> {model?.exists ? <PauseBadge pause={pause} /> : null}
          </h1>
          {model?.exists ? (
            <p className="muted">
              {model.activeVersion ? `v${model.activeVersion} serves now` : "No version serves now"} ·{" "}
              {model.versionCount} version{model.versionCount === 1 ? "" : "s"}
            </p>
          ) : null}
        </div>
      </div>
      {pause.paused && model?.exists ? (
        <p className="notice notice--danger" role="status">
          {pause.scope === "all" ? "Every model is paused" : "This model is paused"} by the kill switch. Reason: “
          {pause.reason ?? "not given"}”. Nothing can be activated until a governance proposal unpauses it.
        </p>
      ) : null}
      <QueryState query={detail} lines={6}>
        {model && !model.exists ? (
          <EmptyState>
            No model named <code>{modelName}</code> is registered. <Link to="/models">All models</Link>
          </EmptyState>
        ) : null}
        {model?.exists ? <ModelSections versions={model.versions} history={model.history} /> : null}
      </QueryState>
    </section>
  );
}

function ModelSections({
  versions,
  history,
}: {
  versions: ModelVersionView[];
  history: Parameters<typeof RegistryHistory>[0]["entries"];
}) {
  const defaultVersion = versions.find((v) => v.isActive) ?? versions[0];
  const [cardVersion, setCardVersion] = useState(defaultVersion?.version ?? 0);
  const shown = versions.find((v) => v.version === cardVersion) ?? defaultVersion;
  return (
    <div className="split">
      <div className="stack">
        <h2>Versions</h2>
        <VersionList versions={versions} />
      </div>
      <div className="stack">
        <section className="card" aria-labelledby="lineage-title">
          <h2 id="lineage-title">Lineage</h2>
          <LineageList nodes={buildLineage(versions)} />
        </section>
        <section className="card" aria-labelledby="history-title">
          <h2 id="history-title">Registry history</h2>
          <RegistryHistory entries={history} />
        </section>
        {shown ? (
          <>
            <div className="tabs" role="group" aria-label="Model card of version">
              {versions.map((v) => (
                <button
                  key={v.version}
                  type="button"
                  aria-pressed={v.version === shown.version}
                  onClick={() => setCardVersion(v.version)}
                >
                  v{v.version}
                </button>
              ))}
            </div>
            <ModelCardPreview cid={shown.cid} version={shown.version} />
          </>
        ) : null}
      </div>
    </div>
  );
}
