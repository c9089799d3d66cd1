import { Fragment } from "react";
import { useCardPreview } from "./useCardPreview.ts";
import { summarizeCard } from "./modelCard.ts";

/** The card of one version, fetched from the first gateway and shown as an unverified preview. */
export function ModelCardPreview({ cid, version }: { cid: string; version: number }) {
  const preview = useCardPreview(cid);
  return (
    <section className="card stack" aria-labelledby="card-preview-title">
      <div className="row">
        <h2 id="card-preview-title">Model card of v{version}</h2>
        <span className="badge badge--warn">unverified preview</span>
      </div>
      <p className="muted small">
        Read from a gateway for display only; it is not checked against the card digest on chain. Evaluate a version to
        load its files verified.
      </p>
      {preview.isLoading ? <div className="skeleton" aria-busy="true" aria-label="Loading the model card" /> : null}
      {preview.data && !preview.data.ok ? (
        <p className="notice notice--warn" role="status">
          {preview.data.message}
        </p>
      ) : null}
      {preview.data?.ok ? (
        <dl className="dl">
          {summarizeCard(preview.data.card).map((field) => (
            <Fragment key={field.label}>
              <dt>{field.label}</dt>
              <dd>{field.value}</dd>
            </Fragment>
          ))}
        </dl>
      ) : null}
    </section>
  );
}
