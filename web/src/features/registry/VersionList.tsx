import { Link } from "react-router";
import { Address } from "../../shared/ui/Address.tsx";
import { formatBps, formatTimestamp, idToName } from "../../shared/format.ts";
import { VersionStatusBadge } from "./VersionStatusBadge.tsx";
import type { ModelVersionView } from "./registryModel.ts";
import { ContentAddressRows } from "./ContentAddressRows.tsx";

/** Every version of a model, newest first, with everything the chain knows about it. */
export function VersionList({ versions }: { versions: ModelVersionView[] }) {
  return (
    <ol className="stack registry-versions" aria-label="Versions" reversed>
      {versions.map((version) => (
        <VersionItem key={version.version} version={version} />
      ))}
    </ol>
  );
}

function VersionItem({ version }: { version: ModelVersionView }) {
  return (
    <li className="card registry-version" id={`v${version.version}`}>
      <div className="row">
        <h3>v{version.version}</h3>
        <VersionStatusBadge status={version.status} />
        {version.isActive ? <span className="muted small">serving now</span> : null}
      </div>
      <dl className="dl">
        <dt>Claimed accuracy</dt>
        <dd>{formatBps(version.claimedAccuracyBps)}</dd>
        <dt>Claimed macro-F1</dt>
        <dd>{formatBps(version.claimedMacroF1Bps)}</dd>
        <dt>Training data</dt>
        <dd>
          <DatasetLinks ids={version.trainingDatasets} />
        </dd>
        <dt>Evaluation data</dt>
        <dd>
          <DatasetLinks ids={[version.evaluationDataset]} />
        </dd>
        <dt>Parent</dt>
        <dd>
          {version.parentVersion ? (
            <a href={`#v${version.parentVersion}`}>v{version.parentVersion}</a>
          ) : (
            "none (trained from scratch)"
          )}
        </dd>
        <dt>Submitter</dt>
        <dd>
          <Address address={version.submitter} />
        </dd>
        <dt>Submitted</dt>
        <dd>{formatTimestamp(version.submittedAt)}</dd>
        {version.activatedAt ? (
          <>
            <dt>First activated</dt>
            <dd>{formatTimestamp(version.activatedAt)}</dd>
          </>
        ) : null}
        <ContentAddressRows cid={version.cid} manifestDigest={version.manifestDigest} cardDigest={version.cardDigest} />
      </dl>
    </li>
  );
}

export function DatasetLinks({ ids }: { ids: readonly `0x${string}`[] }) {
  return (
    <span className="row registry-datasets">
      {ids.map((id) => (
        <Link key={id} to={`/datasets#${idToName(id)}`}>
          <code>{idToName(id)}</code>
        </Link>
      ))}
    </span>
  );
}
