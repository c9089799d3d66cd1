#!/usr/bin/env node
// `npm test`: runs every suite the project has, streams their output, and ends with one plain line
// `N passed, N failed` summing them all. A suite that crashes without reporting counts as one failure.
import { spawn } from "node:child_process";

const suites = [
  // Compiling first also generates artifacts/artifacts.d.ts, which the type check needs.
  { name: "compile contracts", cmd: "npx", args: ["hardhat", "build"], parse: single },
  { name: "generated ABIs are fresh", cmd: "node", args: ["scripts/generate-contracts.ts", "--check"], parse: single },
  {
    name: "lint: solhint",
    cmd: "npx",
    args: ["solhint", "--disc", "--noPoster", "--max-warnings", "0", "contracts/**/*.sol"],
    parse: single,
  },
  { name: "lint: prettier", cmd: "npx", args: ["prettier", "--check", "."], parse: single },
  { name: "lint: types", cmd: "npx", args: ["tsc", "--noEmit", "-p", "tsconfig.json"], parse: single },
  { name: "lint: types (dApp)", cmd: "npx", args: ["tsc", "--noEmit", "-p", "web/tsconfig.json"], parse: single },
  {
    name: "contracts (solidity + nodejs, with coverage)",
    cmd: "npx",
    args: ["hardhat", "test", "--coverage"],
    parse: mocha,
  },
  { name: "coverage thresholds", cmd: "node", args: ["scripts/coverage-report.ts", "--min", "95"], parse: tap },
  {
    name: "gas targets and snapshot",
    cmd: "npx",
    args: ["hardhat", "run", "scripts/bench-gas.ts"],
    env: { GAS_BENCH: "check" },
    parse: single,
  },
  {
    name: "unit (node:test)",
    cmd: "node",
    args: ["--test", "--test-reporter=spec", "test/ts-unit/**/*.test.ts"],
    parse: nodeTest,
    optional: "test/ts-unit",
  },
  // The subgraph: manifest from the deployment (or the recorded local one), graph-cli codegen and build, then the
  // mappings run on recorded chain logs, the query client against recorded responses, and the dApp's subgraph and
  // RPC readers compared on a live seeded stack (agreement.test.ts; needs the compiled contracts).
  {
    name: "subgraph: prepare manifest",
    cmd: "node",
    args: ["scripts/subgraph/prepare.ts", "--network", "hardhat"],
    parse: single,
  },
  {
    name: "subgraph: graph codegen",
    cmd: "npx",
    args: ["graph", "codegen", "subgraph/subgraph.yaml", "--output-dir", "subgraph/generated"],
    parse: single,
  },
  {
    name: "subgraph: graph build",
    cmd: "npx",
    args: ["graph", "build", "subgraph/subgraph.yaml", "--output-dir", "subgraph/build"],
    parse: single,
  },
  {
    name: "subgraph: mappings and query client (node:test)",
    cmd: "node",
    args: ["--test", "--test-reporter=spec", "test/subgraph/*.test.ts"],
    parse: nodeTest,
  },
  { name: "dApp unit (Vitest)", cmd: "npx", args: ["vitest", "run"], parse: vitest, optional: "web/test" },
  { name: "dApp build", cmd: "npx", args: ["vite", "build"], parse: single },
  { name: "dApp bundle budget and CSP", cmd: "node", args: ["scripts/check-bundle.ts"], parse: tap },
  {
    name: "e2e journeys (Playwright, Chromium)",
    cmd: "npx",
    args: ["playwright", "test"],
    parse: playwright,
    optional: "e2e/support",
  },
];

function vitest(out, code) {
  const line = out.match(/^\s*Tests\s+(.*)$/m)?.[1] ?? "";
  const passed = Number(line.match(/(\d+) passed/)?.[1] ?? 0);
  const failed = Number(line.match(/(\d+) failed/)?.[1] ?? 0);
  return { passed, failed: failed || (code === 0 ? 0 : 1) };
}
function playwright(out, code) {
  const passed = sum(out, /^\s*(\d+) passed/gm);
  const failed = sum(out, /^\s*(\d+) failed/gm) + sum(out, /^\s*(\d+) flaky/gm);
  return { passed, failed: failed || (code === 0 ? 0 : 1) };
}

function single(_out, code) {
  return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
}
function mocha(out, code) {
  const passed = sum(out, /^\s*(\d+) passing/gm);
  const failed = sum(out, /^\s*(\d+) failing/gm);
  return { passed, failed: failed || (code === 0 ? 0 : 1) };
}
function nodeTest(out, code) {
  const passed = sum(out, /^ℹ pass (\d+)/gm);
  const failed = sum(out, /^ℹ fail (\d+)/gm);
  return { passed, failed: failed || (code === 0 ? 0 : 1) };
}
function tap(out, code) {
  const passed = (out.match(/^ok /gm) ?? []).length;
  const failed = (out.match(/^not ok /gm) ?? []).length;
  return { passed, failed: failed || (code === 0 ? 0 : 1) };
}
function sum(text, re) {
  let total = 0;
  for (const m of text.matchAll(re)) total += Number(m[1]);
  return total;
}

function run({ cmd, args, env }) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
    let out = "";
    const forward = (stream, sink) =>
      stream.on("data", (chunk) => {
        out += chunk;
        sink.write(chunk);
      });
    forward(child.stdout, process.stdout);
    forward(child.stderr, process.stderr);
    child.on("close", (code) => resolve({ out: out.replace(/\x1b\[[0-9;]*m/g, ""), code: code ?? 1 }));
  });
}

const { existsSync } = await import("node:fs");
const results = [];
for (const suite of suites) {
  if (suite.optional && !existsSync(suite.optional)) continue;
  console.log(`\n=== ${suite.name} ===`);
  const started = Date.now();
  const { out, code } = await run(suite);
  const counts = suite.parse(out, code);
  results.push({ name: suite.name, ...counts, seconds: (Date.now() - started) / 1000 });
}

console.log("\n=== summary ===");
for (const r of results) {
  console.log(
    `${r.failed ? "FAIL" : "ok  "} ${r.name}: ${r.passed} passed, ${r.failed} failed (${r.seconds.toFixed(1)} s)`,
  );
}
const passed = results.reduce((a, r) => a + r.passed, 0);
const failed = results.reduce((a, r) => a + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
