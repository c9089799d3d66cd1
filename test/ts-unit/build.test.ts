// `npm run build` makes a static dApp with real URLs (/proposals/<id>): it is served from a site root (an IPFS
// subdomain gateway or any static host), every asset comes from the same origin, and `_redirects` maps every path to
// index.html so a shared link opens the right page.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { build } from "vite";

const root = path.resolve(import.meta.dirname, "..", "..");

describe("static build", () => {
  const outDir = mkdtempSync(path.join(tmpdir(), "modeldao-build-"));
  after(() => rmSync(outDir, { recursive: true, force: true }));

  it("references its scripts and assets on its own origin only, and maps every path to index.html", async () => {
    await build({
      configFile: path.join(root, "vite.config.ts"),
      build: { outDir, emptyOutDir: true },
      logLevel: "silent",
    });
    const html = readFileSync(path.join(outDir, "index.html"), "utf8");
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(references.length > 0, "the page loads its script");
    for (const reference of references)
      assert.match(reference, /^\/(?!\/)/, `${reference} is not a path on the page's own origin`);
    assert.match(readFileSync(path.join(outDir, "_redirects"), "utf8"), /^\/\*\s+\/index\.html\s+200$/m);
    const assets = readdirSync(path.join(outDir, "assets"));
    assert.ok(assets.some((name) => name.endsWith(".js")));
  });
});
