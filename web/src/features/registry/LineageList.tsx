import type { CSSProperties } from "react";
import { VersionStatusBadge } from "./VersionStatusBadge.tsx";
import type { LineageNode } from "./registryModel.ts";

/** Datasets → version → child versions, as an indented list that reads top-down without a graph library. */
export function LineageList({ nodes }: { nodes: LineageNode[] }) {
  return (
    <ul className="registry-lineage" aria-label="Lineage">
      {nodes.map((node) => (
        <li
          key={node.version}
          className="registry-lineage__node"
          style={{ "--lineage-depth": node.depth } as CSSProperties}
        >
          <span className="registry-lineage__datasets">
            <span className="muted small">trained on </span>
            {node.training.map((name) => (
              <code key={name}>{name}</code>
            ))}
            <span className="muted small">, evaluated on </span>
            <code>{node.evaluation}</code>
          </span>
          <span aria-hidden="true"> → </span>
          <a href={`#v${node.version}`}>
            <strong>v{node.version}</strong>
          </a>{" "}
          <VersionStatusBadge status={node.status} />
          {node.parentVersion ? <span className="muted small"> ← derived from v{node.parentVersion}</span> : null}
        </li>
      ))}
    </ul>
  );
}
