import { useState } from "react";
import { formatEth, type DecodedAction } from "../decodeActions.ts";

/** Each action in words, with the raw target, value and calldata one click away. */
export function ActionList({ actions }: { actions: DecodedAction[] }) {
  return (
    <ol className="stack" style={{ paddingLeft: "1.25rem", margin: 0 }} data-testid="proposal-actions">
      {actions.map((action, index) => (
        <ActionItem key={index} action={action} />
      ))}
    </ol>
  );
}

function ActionItem({ action }: { action: DecodedAction }) {
  const [showRaw, setShowRaw] = useState(false);
  return (
    <li>
      <p style={{ margin: 0 }}>
        <Summary text={action.summary} />
      </p>
      <div className="row small muted">
        <code>{action.call}</code>
        <button
          type="button"
          className="button button--ghost button--small"
          aria-expanded={showRaw}
          onClick={() => setShowRaw(!showRaw)}
        >
          {showRaw ? "Hide raw call" : "Show raw call"}
        </button>
      </div>
      {showRaw ? (
        <dl className="dl">
          <dt>Target</dt>
          <dd className="mono">{action.raw.target}</dd>
          <dt>Value</dt>
          <dd>{formatEth(action.raw.value)}</dd>
          <dt>Calldata</dt>
          <dd className="mono">{action.raw.calldata}</dd>
        </dl>
      ) : null}
    </li>
  );
}

/** Renders `code` spans of a summary without interpreting anything else as markup. */
function Summary({ text }: { text: string }) {
  const parts = text.split(/(`[^`]+`)/g);
  return (
    <>
      {parts.map((part, index) =>
        part.startsWith("`") && part.endsWith("`") ? <code key={index}>{part.slice(1, -1)}</code> : part,
      )}
    </>
  );
}
