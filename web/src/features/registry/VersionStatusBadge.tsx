import type { VersionStatusName } from "./registryModel.ts";

const TONE: Record<VersionStatusName, string> = {
  None: "badge",
  Candidate: "badge badge--accent",
  Active: "badge badge--ok",
  Superseded: "badge",
  Retired: "badge badge--warn",
  Revoked: "badge badge--danger",
};

export function VersionStatusBadge({ status }: { status: VersionStatusName }) {
  return <span className={TONE[status]}>{status}</span>;
}
