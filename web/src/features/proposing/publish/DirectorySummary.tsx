import type { FileEntry } from "../../../../../scripts/lib/manifest.ts";
import { formatBytes } from "../../../shared/format.ts";
import { ContentAddressRows } from "../../registry/ContentAddressRows.tsx";
import type { PreparedState } from "./usePublication.ts";

/** What was picked and the content address computed for it in this browser, or why it cannot be published. */
export function DirectorySummary<T extends { files: FileEntry[]; manifestDigest: string; cardDigest: string }>({
  state,
}: {
  state: PreparedState<T>;
}) {
  if (state.phase === "empty") return null;
  if (state.phase === "checking")
    return (
      <p className="notice" role="status">
        Checking the files and computing their content address…
      </p>
    );
  if (state.phase === "invalid")
    return (
      <p className="notice notice--danger" role="alert">
        {state.message}
      </p>
    );
  const { prepared, cid } = state;
  return (
    <div className="stack" data-testid="content-address">
      <dl className="dl">
        <ContentAddressRows cid={cid} manifestDigest={prepared.manifestDigest} cardDigest={prepared.cardDigest} />
      </dl>
      <div className="table-wrap">
        <table className="table small">
          <caption className="visually-hidden">Files in the directory</caption>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Size</th>
            </tr>
          </thead>
          <tbody>
            {prepared.files.map((file) => (
              <tr key={file.path}>
                <td className="mono">{file.path}</td>
                <td>{formatBytes(file.bytes.byteLength)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
