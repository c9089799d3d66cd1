import type { ReactNode } from "react";
import { describeError } from "../chain/errors.ts";

/** Loading and error states for a query, so pages render data only when they have it. */
export function QueryState({
  isLoading,
  error,
  children,
  lines = 3,
}: {
  isLoading: boolean;
  error: unknown;
  children: ReactNode;
  lines?: number;
}) {
  if (error)
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
