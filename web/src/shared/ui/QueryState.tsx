import type { ReactNode } from "react";
import { describeError } from "../chain/errors.ts";

/**
 * Loading and error states for a query, so pages render data only when they have it. A failed refresh keeps what
 * was last read on screen (the connection banner says it may be stale); the error replaces it only when nothing
 * was ever read.
 */
export function QueryState({
  query: { isLoading, error, data },
  children,
  lines = 3,
}: {
  query: { isLoading: boolean; error: unknown; data?: unknown };
  children: ReactNode;
  lines?: number;
}) {
  if (error && data === undefined)
    return (
      <p className="notice notice--danger" role="alert">
        Could not read this from the chain: {describeError(error)}
      </p>
    );
  if (isLoading)
    return (
      <div aria-busy="true" aria-label="Loading" className="stack">
        {Array.from({ length: lines }, (_, index) => (
          <div key={index} className="skeleton" />
        ))}
      </div>
    );
  return <>{children}</>;
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="muted">{children}</p>;
}
