import { Address } from "../../shared/ui/Address.tsx";
import { formatTimestamp } from "../../shared/format.ts";
import { describeHistoryEntry, type HistoryEntry } from "./registryModel.ts";

/** The model's registry and kill-switch events, oldest first, with reasons where the contract kept one. */
export function RegistryHistory({ entries }: { entries: HistoryEntry[] }) {
  return (
    <ol className="registry-history" aria-label="Registry history">
      {entries.map((entry) => (
        <li
          key={`${entry.blockNumber}-${entry.logIndex}`}
          className={`registry-history__entry registry-history__entry--${entry.kind}`}
        >
          <time className="muted small">
            {entry.timestamp ? formatTimestamp(entry.timestamp) : `block ${entry.blockNumber}`}
          </time>
          <span>
            {describeHistoryEntry(entry)}
            {entry.actor ? (
              <>
                {" "}
                by <Address address={entry.actor} />
              </>
            ) : null}
            {entry.reason ? <span className="muted">. Reason: “{entry.reason}”</span> : null}
          </span>
        </li>
      ))}
    </ol>
  );
}
