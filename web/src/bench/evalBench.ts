// The page `npm run bench:eval` drives: the dApp's own evaluation path (evaluate.ts) on a given target, with the
// floor measured in the same worker, plus the browser's SHA-256 throughput. Not part of the dApp build.
import { evaluateTarget } from "../features/evaluation/evaluate.ts";
import { loadTimings } from "../features/evaluation/loader.ts";
import type { EvaluationTarget } from "../features/evaluation/resolve.ts";
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

async function run(target: EvaluationTarget, gateways: string[], backend: BackendName) {
  loadTimings.verifyMs = 0;
  loadTimings.verifiedBytes = 0;
  const started = performance.now();
  const result = await evaluateTarget(target, gateways, { backend, measureFloor: true });
  // The floor is measured in the same worker after the verdict is known; it is not part of the time to verdict.
  const timeToVerdictMs = performance.now() - started - (result.phases.floorMs ?? 0);
  return {
    backend: result.backend,
    samples: result.dataset.samples,
    timeToVerdictMs,
    fetchMs: result.phases.loadMs - loadTimings.verifyMs,
    verifyMs: loadTimings.verifyMs,
    parseMs: result.phases.checkMs + result.phases.parseMs,
    warmupMs: result.phases.referenceMs + result.phases.chooseMs + result.phases.warmupMs,
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

Object.assign(window, { __benchRun: run, __benchSha256: sha256MBps });
document.getElementById("status")!.textContent = "loaded";
