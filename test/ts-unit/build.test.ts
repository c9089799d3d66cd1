// `npm run build` makes a static dApp that works from any IPFS path: every asset is referenced relatively.
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

  it("references its scripts and assets by relative paths only, so it can be served from /ipfs/<cid>/", async () => {
    await build({
      configFile: path.join(root, "vite.config.ts"),
      build: { outDir, emptyOutDir: true },
      logLevel: "silent",
    });
    const html = readFileSync(path.join(outDir, "index.html"), "utf8");
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(references.length > 0, "the page loads its script");
    for (const reference of references) assert.match(reference, /^\.\//, `${reference} is not relative`);
    const assets = readdirSync(path.join(outDir, "assets"));
    assert.ok(assets.some((name) => name.endsWith(".js")));
  });
});
