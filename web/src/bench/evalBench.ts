// The page `npm run bench:eval` opens, once per run, in a fresh browser: the dApp's own evaluation path (evaluate.ts)
// on the target given in the URL fragment, the floor measured in the same worker afterwards, then the browser's
// SHA-256 throughput; the figures are posted back to the bench server. Not part of the dApp build.
import { evaluateTarget, prepareDatasetMemory, prepareEvaluation } from "../features/evaluation/evaluate.ts";
import { loadManifests, loadTimings } from "../features/evaluation/loader.ts";
import { targetDirectories } from "../features/evaluation/resolve.ts";
import type { EvaluationTarget } from "../features/evaluation/resolve.ts";
import { sparesReady } from "../features/evaluation/workerPool.ts";
import type { BackendName } from "../features/evaluation/workerProtocol.ts";

async function sha256MBps(): Promise<number> {
  const buffer = new Uint8Array(64 * 1024 * 1024);
  for (let i = 0; i < buffer.length; i += 4096) buffer[i] = i & 0xff;
  await crypto.subtle.digest("SHA-256", buffer.subarray(0, 1024 * 1024));
  const rates: number[] = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    await crypto.subtle.digest("SHA-256", buffer);
    rates.push(64 / ((performance.now() - started) / 1000));
  }
  return rates.sort((a, b) => a - b)[1];
}

type RunConfig = {
  target: EvaluationTarget;
  gateways: string[];
  backend: BackendName;
  prepared: boolean;
  /** Evaluate this many times in this page and report the last (the dApp's "Evaluate again"). */
  times?: number;
  /** Samples per predict (BENCH_BATCH), instead of the backend's own. */
  batchSize?: number;
};

/**
 * Waits until the bench server sees this browser idle (a fresh Chromium spends its first seconds drawing its own UI,
 * on the cores the evaluation needs): how long that took, and whether it settled at all.
 */
async function browserSettled(): Promise<{ settleMs: number; settled: boolean }> {
  const response = await fetch("/__bench/settled", { method: "POST" });
  return (await response.json()) as { settleMs: number; settled: boolean };
}

/**
 * One evaluation, timed from the call to the verdict, once the browser is idle (as a holder's is by the time they
 * click). `prepared`: as in the dApp, whose evaluation panel starts the workers and reads the three manifests
 * (checked against the chain) when it opens, then prepares memory for the dataset's samples, all is done first and
 * the clock starts once it is (a holder reads the proposal meanwhile); otherwise (cold) everything happens after the
 * call.
 */
async function run({ target, gateways, backend, prepared, batchSize }: RunConfig): Promise<Record<string, unknown>> {
  let panelOpenMs = 0;
  let manifests;
  if (prepared) {
    const opened = performance.now();
    prepareEvaluation(backend);
    [manifests] = await Promise.all([loadManifests(gateways, targetDirectories(target)), sparesReady()]);
    prepareDatasetMemory(manifests.at(-1)!);
    panelOpenMs = performance.now() - opened;
  }
  const settling = await browserSettled();
  loadTimings.verifyMs = 0;
  loadTimings.verifiedBytes = 0;
  const floor: { settling: Awaited<ReturnType<typeof browserSettled>> | null } = { settling: null };
  // The floor, too, is measured on idle cores: right after a verdict the engine is still compiling and collecting
  // garbage from the evaluation on the other core, and a floor measured then was tens of ms slower.
  const beforeFloor = async () => (floor.settling = await browserSettled());
  const clickAt = performance.now();
  const result = await evaluateTarget(target, gateways, {
    backend,
    batchSize,
    measureFloor: true,
    manifests,
    beforeFloor,
  });
  return {
    backend: result.backend,
    batchSize: result.batchSize,
    samples: result.dataset.samples,
    // The floor is measured after the verdict: it is not part of this.
    timeToVerdictMs: result.timing.totalMs,
    fetchMs: result.phases.loadMs - loadTimings.verifyMs,
    verifyMs: loadTimings.verifyMs,
    parseMs: result.phases.checkMs + result.phases.parseMs,
    // The CPU reference runs in a second worker alongside inference: only a wait for it is on the path to the verdict.
    warmupMs: result.phases.chooseMs + result.phases.warmupMs + result.phases.referenceWaitMs,
    inferenceMs: result.phases.inferenceMs,
    metricsMs: result.phases.metricsMs,
    workerStartupMs: result.phases.workerStartupMs,
    workerWaitMs: result.phases.workerWaitMs,
    rowsWaitMs: result.phases.rowsWaitMs,
    referenceMs: result.phases.referenceMs,
    floorMs: result.phases.floorMs ?? NaN,
    candidateAccuracy: result.candidate.metrics.accuracy,
    activeAccuracy: result.active?.metrics.accuracy ?? NaN,
    ...settling,
    floorSettled: floor.settling?.settled ?? null,
    panelOpenMs,
    requests: carRequests(target, clickAt),
    timeline: result.timeline.map(([label, at]) => [label, Math.round(at - result.timeline[0][1])]),
    note: result.probes.find((probe) => probe.name === backend)?.note ?? null,
  };
}

/**
 * The evaluation's CAR requests (Resource Timing; the content node allows it): when each was sent, its first byte
 * and its last, in ms from the call.
 */
function carRequests(target: EvaluationTarget, clickAt: number): string[] {
  const labels = new Map(targetDirectories(target).map((ref) => [ref.cid, ref.label]));
  return performance
    .getEntriesByType("resource")
    .filter((entry) => entry.name.includes("format=car") && entry.startTime >= clickAt)
    .map((entry) => {
      const timing = entry as PerformanceResourceTiming;
      const cid = new URL(timing.name).pathname.split("/")[2];
      const at = (time: number) => Math.round(time - clickAt);
      return `${labels.get(cid) ?? cid}: sent ${at(timing.requestStart)}, first byte ${at(timing.responseStart)}, last ${at(timing.responseEnd)}`;
    });
}

async function main() {
  const config = JSON.parse(decodeURIComponent(location.hash.slice(1))) as RunConfig;
  let body: Record<string, unknown>;
  try {
    for (let time = 1; time < (config.times ?? 1); time++) await run(config);
    body = await run(config);
    body.sha256MBps = await sha256MBps();
  } catch (error) {
    body = { backend: config.backend, error: (error as Error).message };
  }
  await fetch("/__bench/result", { method: "POST", body: JSON.stringify(body) });
  document.getElementById("status")!.textContent = "done";
}

if (location.hash.length > 1) void main();
