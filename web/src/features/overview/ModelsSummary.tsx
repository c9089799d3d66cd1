import { Link } from "react-router";
import { EmptyState, QueryState } from "../../shared/ui/QueryState.tsx";
import { PauseBadge } from "../registry/PauseBadge.tsx";
import { pauseForModel } from "../registry/registryModel.ts";
import { useModelList } from "../registry/useRegistry.ts";
import { usePauseState } from "../safety/usePauseState.ts";

export function ModelsSummary() {
  const models = useModelList();
  const { data: pauseState } = usePauseState();
  return (
    <section className="card stack" aria-labelledby="overview-models-title">
      <h2 id="overview-models-title">Models</h2>
      <QueryState query={models}>
        {models.data?.length ? (
          <ul className="overview-list">
            {models.data.map((model) => {
              const pause = pauseForModel(pauseState, model.id);
              return (
                <li key={model.id}>
                  <span className="row">
                    <Link to={`/models/${encodeURIComponent(model.name)}`}>
                      <code>{model.name}</code>
                    </Link>
                    <span>{model.activeVersion ? `v${model.activeVersion} active` : "no active version"}</span>
                    <PauseBadge pause={pause} />
                  </span>
                  {pause.paused ? <span className="small muted">Reason: “{pause.reason ?? "not given"}”</span> : null}
                </li>
              );
            })}
          </ul>
        ) : (
          <EmptyState>No model has been submitted yet.</EmptyState>
        )}
      </QueryState>
      <Link to="/models" className="small">
        All models and their history
      </Link>
    </section>
  );
}
