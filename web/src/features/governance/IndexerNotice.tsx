import { useReadSource } from "./hooks.ts";

/** Says, in words, when the dApp reads the chain directly because the configured indexer is behind or failing. */
export function IndexerNotice() {
  const { data } = useReadSource();
  if (!data?.notice) return null;
  return (
    <div className="banner banner--warn" role="status" data-testid="indexer-notice">
      {data.notice}
    </div>
  );
}
