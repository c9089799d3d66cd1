// Checks the production build (dist/) the way a first visit loads it: the entry script plus everything
// index.html preloads is the initial JavaScript, measured gzipped against the 250 KB budget; the page must carry a
// Content-Security-Policy and load no script from another origin. Prints TAP and a table for docs/benchmarks.md.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_BYTES = 250 * 1024;
const dist = path.resolve(import.meta.dirname, "..", "dist");
const html = readFileSync(path.join(dist, "index.html"), "utf8");

const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((match) => match[1]);
const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((match) => match[1]);
const initial = [...new Set([...scripts, ...preloads])];

let failures = 0;
let index = 0;
function check(ok: boolean, name: string, detail = "") {
  index += 1;
  if (!ok) failures += 1;
  console.log(`${ok ? "ok" : "not ok"} ${index} - ${name}${detail ? ` # ${detail}` : ""}`);
}

const rows = initial.map((src) => {
  const file = path.join(dist, src.replace(/^\.?\//, ""));
  const bytes = readFileSync(file);
  return { src, raw: statSync(file).size, gzip: gzipSync(bytes, { level: 9 }).length };
});
const total = rows.reduce((sum, row) => sum + row.gzip, 0);
for (const row of rows)
  console.log(`# ${row.src}: ${(row.raw / 1024).toFixed(1)} KB raw, ${(row.gzip / 1024).toFixed(1)} KB gzip`);
console.log(`# initial JavaScript: ${(total / 1024).toFixed(1)} KB gzip (budget ${BUDGET_BYTES / 1024} KB)`);

check(initial.length > 0, "index.html loads an entry script");
check(total <= BUDGET_BYTES, "initial JavaScript within 250 KB gzip", `${(total / 1024).toFixed(1)} KB`);
check(
  initial.every((src) => !/^(https?:)?\/\//.test(src)),
  "no script is loaded from another origin (no CDN)",
);
const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]?.replaceAll("&#39;", "'");
check(Boolean(csp), "the build carries a Content-Security-Policy");
check(Boolean(csp && /script-src 'self'( 'wasm-unsafe-eval')?;/.test(csp)), "scripts only from the page's own origin");
check(Boolean(csp && /connect-src 'self'/.test(csp)), "connections limited to listed hosts");
const entry = readFileSync(path.join(dist, rows[0]?.src.replace(/^\.?\//, "") ?? "index.html"), "utf8");
check(!/tfjs|@tensorflow/.test(entry), "tfjs is not in the entry chunk");
console.log(`1..${index}`);
process.exit(failures ? 1 : 0);
