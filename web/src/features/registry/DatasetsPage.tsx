import { Link } from "react-router";
import { formatTimestamp } from "../../shared/format.ts";
import { EmptyState, QueryState } from "../../shared/ui/QueryState.tsx";
import { datasetUsage, usesOf, type DatasetUse } from "./registryModel.ts";
import { useAllSubmissions, useDatasets, type DatasetView } from "./useRegistry.ts";
import "./registry.css";
import { PageHeader } from "../../shared/ui/PageHeader.tsx";
import { ContentAddressRows } from "./ContentAddressRows.tsx";

export default function DatasetsPage() {
  const datasets = useDatasets();
  const submissions = useAllSubmissions();
  const usage = datasetUsage(submissions.data ?? []);
  return (
    <section aria-labelledby="datasets-title">
      <PageHeader
        titleId="datasets-title"
        title="Datasets"
        description={
          <>
            The whitelist: only these datasets may be named by a model version. Each was approved by a governance vote,
            with its provenance.
          </>
        }
      />
      <QueryState query={datasets}>
        {datasets.data?.length ? (
          <ul className="grid registry-list registry-dataset-grid" aria-label="Whitelisted datasets">
            {datasets.data.map((dataset) => (
              <DatasetCard key={dataset.id} dataset={dataset} uses={usesOf(usage, dataset.id)} />
            ))}
          </ul>
        ) : (
          <EmptyState>No dataset has been whitelisted yet.</EmptyState>
        )}
      </QueryState>
    </section>
  );
}

function DatasetCard({ dataset, uses }: { dataset: DatasetView; uses: DatasetUse[] }) {
  const revoked = dataset.status === "Revoked";
  return (
    <li className="card stack registry-dataset" id={dataset.name}>
      <div className="row">
        <h2>
          <code>{dataset.name}</code>
        </h2>
        <span className={revoked ? "badge badge--danger" : "badge badge--ok"}>
          {revoked ? "Revoked" : "Whitelisted"}
        </span>
      </div>
      {revoked ? (
        <p className="notice notice--danger small">
          Revoked{dataset.revokedAt ? ` on ${formatTimestamp(dataset.revokedAt)}` : ""}. Reason: “
          {dataset.revokedReason ?? "not given"}”. New versions may not name it; versions already submitted keep it.
        </p>
      ) : null}
      <dl className="dl">
        <dt>License</dt>
        <dd>{dataset.license}</dd>
        <dt>Source</dt>
        <dd>{dataset.source}</dd>
        <dt>Creator</dt>
        <dd>{dataset.creator}</dd>
        <dt>Approved</dt>
        <dd>{dataset.approvedAt ? formatTimestamp(dataset.approvedAt) : "unknown"}</dd>
        <ContentAddressRows cid={dataset.cid} manifestDigest={dataset.manifestDigest} cardDigest={dataset.cardDigest} />
      </dl>
      <div>
        <h3>Used by</h3>
        {uses.length ? (
          <ul className="registry-uses small">
            {uses.map((use) => (
              <li key={`${use.modelName}-${use.version}-${use.role}`}>
                <Link to={`/models/${encodeURIComponent(use.modelName)}#v${use.version}`}>
                  {use.modelName} v{use.version}
                </Link>{" "}
                <span className="muted">({use.role})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted small">No model version names it yet.</p>
        )}
      </div>
    </li>
  );
}
