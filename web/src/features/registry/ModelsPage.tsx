import { Link } from "react-router";
import { QueryState, EmptyState } from "../../shared/ui/QueryState.tsx";
import { formatCount } from "../../shared/format.ts";
import { usePauseState } from "../safety/usePauseState.ts";
import { PauseBadge } from "./PauseBadge.tsx";
import { pauseForModel } from "./registryModel.ts";
import { useModelList, type ModelSummary } from "./useRegistry.ts";
import "./registry.css";
import { PageHeader } from "../../shared/ui/PageHeader.tsx";

export default function ModelsPage() {
  const models = useModelList();
  return (
    <section aria-labelledby="models-title">
      <PageHeader
        titleId="models-title"
        title="Models"
        description="Every model the DAO governs, the version that serves now, and whether it is paused."
      />
      <QueryState query={models}>
        {models.data?.length ? (
          <ul className="grid registry-list" aria-label="Models">
            {models.data.map((model) => (
              <ModelSummaryCard key={model.id} model={model} />
            ))}
          </ul>
        ) : (
          <EmptyState>No model has been submitted yet.</EmptyState>
        )}
      </QueryState>
    </section>
  );
}

function ModelSummaryCard({ model }: { model: ModelSummary }) {
  const { data: pauseState } = usePauseState();
  const pause = pauseForModel(pauseState, model.id);
  return (
    <li className="card stack registry-model-card">
      <div className="row registry-model-card__title">
        <h2>
          <Link to={`/models/${encodeURIComponent(model.name)}`}>{model.name}</Link>
        </h2>
        <PauseBadge pause={pause} />
      </div>
      <dl className="dl">
        <dt>Active version</dt>
        <dd>{model.activeVersion ? `v${model.activeVersion}` : "none (nothing serves)"}</dd>
        <dt>Versions</dt>
        <dd>{formatCount(model.versionCount, "version")}</dd>
        {pause.paused ? (
          <>
            <dt>Pause reason</dt>
            <dd>“{pause.reason ?? "not given"}”</dd>
          </>
        ) : null}
      </dl>
    </li>
  );
}
