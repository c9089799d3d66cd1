// The page `npm run bench:eval` opens, once per run, in a fresh browser: the dApp's own evaluation path (evaluate.ts)
// on the target given in the URL fragment, the floor measured in the same worker afterwards, then the browser's
// SHA-256 throughput; the figures are posted back to the bench server. Not part of the dApp build.
import { evaluateTarget } from "../features/evaluation/evaluate.ts";
import { loadTimings } from "../features/evaluation/loader.ts";
import type { EvaluationTarget } from "../features/evaluation/resolve.ts";
import { prepareWorkers, sparesReady } from "../features/evaluation/workerPool.ts";
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
};

/**
 * One evaluation, timed from the call to the verdict. `prepared`: as in the dApp, whose evaluation panel starts the
 * workers when it opens, they are started first and the clock starts once they are ready (a holder reads the
 * proposal meanwhile); otherwise (cold) they start with the call.
 */
async function run({ target, gateways, backend, prepared }: RunConfig): Promise<Record<string, unknown>> {
  if (prepared) {
    prepareWorkers(backend);
    await sparesReady();
  }
  loadTimings.verifyMs = 0;
  loadTimings.verifiedBytes = 0;
  const result = await evaluateTarget(target, gateways, { backend, measureFloor: true });
  return {
    backend: result.backend,
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
    note: result.probes.find((probe) => probe.name === backend)?.note ?? null,
  };
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
