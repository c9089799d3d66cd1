// Line and branch coverage of the project's contracts, from the data `hardhat test --coverage` leaves in coverage/data.
//
// Hardhat 3 reports statement and line coverage only. Branches are derived here from the same statement hit counts:
// re-instrumenting a source with EDR yields the same statement tags Hardhat used, and solc's AST says where each `if`
// is. The true branch of an `if` is taken when the first statement of its body ran; the false branch when its `else`
// ran, or, without an `else`, when the `if` itself ran more often than its body. Ternaries are not statements and
// are not counted (the project's contracts keep branching in `if`s for that reason).
//
// Usage: node scripts/coverage-report.ts [--min 95]   (prints a table, then TAP lines `ok` / `not ok`)
import { addStatementCoverageInstrumentation } from "@nomicfoundation/edr";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const solc = require("solc");
const SOLC_VERSION: string = require("solc/package.json").version;

const root = path.resolve(import.meta.dirname, "..");
const minArg = process.argv.indexOf("--min");
const minimum = minArg > 0 ? Number(process.argv[minArg + 1]) : 95;
// Benchmark fixtures are never deployed; they are not part of what the coverage target is about.
const EXCLUDED = [/^contracts\/fixtures\//];

type Statement = { tag: string; start: number; end: number };
type AstNode = { nodeType?: string; src?: string; [key: string]: unknown };

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : full.endsWith(".sol") ? [full] : [];
  });
}

function loadHits(): Map<string, number> {
  const hits = new Map<string, number>();
  const dataDir = path.join(root, "coverage", "data");
  const files = readdirSync(dataDir, { recursive: true })
    .map((f) => path.join(dataDir, String(f)))
    .filter((f) => f.endsWith(".json"));
  if (files.length === 0) throw new Error("no coverage data: run `npx hardhat test --coverage` first");
  for (const file of files) {
    for (const [tag, count] of Object.entries(JSON.parse(readFileSync(file, "utf8")) as Record<string, number>)) {
      hits.set(tag, (hits.get(tag) ?? 0) + count);
    }
  }
  return hits;
}

/** solc's `src` offsets are UTF-8 byte offsets; EDR's are UTF-16 code units. */
function byteToUtf16(source: string): (byte: number) => number {
  const table: number[] = [];
  let utf16 = 0;
  for (const ch of source) {
    const bytes = Buffer.byteLength(ch);
    for (let i = 0; i < bytes; i++) table.push(utf16);
    utf16 += ch.length;
  }
  table.push(utf16);
  return (byte) => table[byte];
}

function parseAst(relative: string, content: string): AstNode {
  const input = {
    language: "Solidity",
    sources: { [relative]: { content } },
    settings: { stopAfter: "parsing", outputSelection: { "*": { "": ["ast"] } } },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (output.errors ?? []).filter((e: { severity: string }) => e.severity === "error");
  if (errors.length) throw new Error(`cannot parse ${relative}: ${errors[0].formattedMessage}`);
  return output.sources[relative].ast;
}

function* ifStatements(node: unknown): Generator<AstNode> {
  if (Array.isArray(node)) {
    for (const child of node) yield* ifStatements(child);
  } else if (node && typeof node === "object") {
    const n = node as AstNode;
    if (n.nodeType === "IfStatement") yield n;
    for (const value of Object.values(n)) if (value && typeof value === "object") yield* ifStatements(value);
  }
}

function report() {
  const hits = loadHits();
  const rows: { file: string; lines: [number, number]; branches: [number, number]; missed: string[] }[] = [];
  for (const full of walk(path.join(root, "contracts"))) {
    const relative = path.relative(root, full).split(path.sep).join("/");
    if (EXCLUDED.some((re) => re.test(relative))) continue;
    const content = readFileSync(full, "utf8");
    const { metadata } = addStatementCoverageInstrumentation(content, `project/${relative}`, SOLC_VERSION);
    const statements: Statement[] = metadata
      .filter((m: { kind: string }) => m.kind === "statement")
      .map((m: { tag: Uint8Array; startUtf16: number; endUtf16: number }) => {
        // EDR's ranges carry the surrounding whitespace and leading comments; solc's do not.
        const text = content.slice(m.startUtf16, m.endUtf16);
        const lead = /^(?:\s+|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*/.exec(text)![0].length;
        return {
          tag: Buffer.from(m.tag).toString("hex"),
          start: m.startUtf16 + lead,
          end: m.startUtf16 + text.trimEnd().length,
        };
      });
    if (statements.length === 0) continue;

    const lineOf = (offset: number) => content.slice(0, offset).split("\n").length;
    const count = (s: Statement) => hits.get(s.tag) ?? 0;
    const lines = new Map<number, boolean>();
    for (const s of statements) {
      const line = lineOf(s.start);
      lines.set(line, (lines.get(line) ?? false) || count(s) > 0);
    }

    // The instrumented statement for an AST node: same start, the widest one (a body's block, or the statement).
    const statementAt = (start: number) => statements.filter((s) => s.start === start).sort((a, b) => b.end - a.end)[0];
    const toUtf16 = byteToUtf16(content);
    const range = (node: AstNode) => {
      const [offset, length] = String(node.src).split(":").map(Number);
      return [toUtf16(offset), toUtf16(offset + length)] as const;
    };

    let branchesTotal = 0;
    let branchesHit = 0;
    const missed: string[] = [];
    for (const node of ifStatements(parseAst(relative, content))) {
      const [ifStart] = range(node);
      const ifStatement = statementAt(ifStart);
      const trueBody = node.trueBody as AstNode;
      const falseBody = node.falseBody as AstNode | null;
      const trueEntry = statementAt(range(trueBody)[0]);
      if (!ifStatement || !trueEntry) throw new Error(`${relative}:${lineOf(ifStart)}: if-statement not instrumented`);
      const trueCount = count(trueEntry);
      let falseTaken: boolean;
      if (falseBody) {
        const falseEntry = statementAt(range(falseBody)[0]);
        falseTaken = falseEntry ? count(falseEntry) > 0 : false;
      } else {
        falseTaken = count(ifStatement) > trueCount;
      }
      branchesTotal += 2;
      branchesHit += (trueCount > 0 ? 1 : 0) + (falseTaken ? 1 : 0);
      if (trueCount === 0) missed.push(`${lineOf(ifStart)}T`);
      if (!falseTaken) missed.push(`${lineOf(ifStart)}F`);
    }
    const linesHit = [...lines.values()].filter(Boolean).length;
    rows.push({ file: relative, lines: [linesHit, lines.size], branches: [branchesHit, branchesTotal], missed });
  }
  return rows;
}

const pct = ([hit, total]: [number, number]) => (total === 0 ? 100 : (100 * hit) / total);
const rows = report();
const total = (key: "lines" | "branches") =>
  rows.reduce<[number, number]>((acc, r) => [acc[0] + r[key][0], acc[1] + r[key][1]], [0, 0]);

console.log("Coverage of contracts/ (lines and if-branches)");
console.log(`${"file".padEnd(44)} ${"lines".padStart(16)} ${"branches".padStart(16)}  missed branches (line, T/F)`);
for (const r of rows) {
  const cell = (v: [number, number]) => `${pct(v).toFixed(1)}% ${v[0]}/${v[1]}`.padStart(16);
  console.log(`${r.file.padEnd(44)} ${cell(r.lines)} ${cell(r.branches)}  ${r.missed.join(" ")}`);
}
const lines = pct(total("lines"));
const branches = pct(total("branches"));
console.log(`${"TOTAL".padEnd(44)} ${`${lines.toFixed(1)}%`.padStart(16)} ${`${branches.toFixed(1)}%`.padStart(16)}`);
console.log(`${lines >= minimum ? "ok" : "not ok"} 1 - line coverage ${lines.toFixed(1)}% >= ${minimum}%`);
console.log(`${branches >= minimum ? "ok" : "not ok"} 2 - branch coverage ${branches.toFixed(1)}% >= ${minimum}%`);
process.exitCode = lines >= minimum && branches >= minimum ? 0 : 1;
