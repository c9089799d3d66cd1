import { useEffect, useState } from "react";
import { useChainHead } from "../../shared/chain/head.ts";
import { formatTimestamp } from "../../shared/format.ts";
import { clockDrift, describeDrift } from "./timeTravel.ts";

export function ChainClock() {
  const head = useChainHead();
  const wallTime = useWallClock();
  return (
    <section className="card stack" aria-labelledby="clock-title">
      <h2 id="clock-title">Chain head</h2>
      {head.data ? (
        <dl className="dl">
          <dt>Head block</dt>
          <dd className="mono">{head.data.number.toString()}</dd>
          <dt>Chain time</dt>
          <dd>{formatTimestamp(head.data.timestamp)}</dd>
          <dt>Wall time</dt>
          <dd>{formatTimestamp(wallTime)}</dd>
          <dt>Drift</dt>
          <dd>The chain's clock is {describeDrift(clockDrift(head.data.timestamp, wallTime))}.</dd>
        </dl>
      ) : (
        <p className="muted">{head.isError ? "The node does not answer." : "Reading the head block…"}</p>
      )}
    </section>
  );
}

function useWallClock(): number {
  const [now, setNow] = useState(() => Math.floor(Date.now() / 1000));
  useEffect(() => {
    const timer = setInterval(() => setNow(Math.floor(Date.now() / 1000)), 1_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
