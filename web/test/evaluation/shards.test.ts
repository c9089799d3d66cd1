// @vitest-environment node
// A dataset in shards: each shard is decoded (and sent on) as soon as its files are verified, in sample order whatever
// order they arrive in, giving exactly what scripts/lib/dataset.ts gives for the whole set; a card that does not fit
// the verified manifest is refused before any shard is decoded; and a tampered shard, served by the real content node,
// stops the load at once with an error naming that shard.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startContentNode, type ContentNode } from "../../../scripts/ipfs/content-node.ts";
import { decodeDataset, shardFileNames, splitIntoShards, withShards } from "../../../scripts/lib/dataset.ts";
import { buildManifest, parseManifest, sha256Hex, type Manifest } from "../../../scripts/lib/manifest.ts";
import { loadDirectories, loadManifests } from "../../src/features/evaluation/loader.ts";
import { startProxy } from "./proxy.ts";
import { createShardStream, decodeSetAgain } from "../../src/features/evaluation/shards.ts";

const root = path.resolve(import.meta.dirname, "..", "..", "..");
const base = JSON.parse(readFileSync(path.join(root, "ml", "datasets", "mnist-eval", "card.json"), "utf8"));
const counts = [70, 100, 30, 100];
const samples = counts.reduce((a, b) => a + b, 0);
const features = Uint8Array.from({ length: samples * 784 }, (_, i) => (i * 7919) % 256);
const labels = Uint8Array.from({ length: samples }, (_, i) => (i * 3) % 10);

async function shardedFiles() {
  const files = splitIntoShards(features, labels, counts, 784);
  const card = withShards(
    base,
    counts,
    Object.fromEntries(
      await Promise.all(files.map(async (f) => [f.path, { size: f.bytes.length, sha256: await sha256Hex(f.bytes) }])),
    ),
  );
  const all = [{ path: "card.json", bytes: new TextEncoder().encode(JSON.stringify(card)) }, ...files];
  const manifest = await buildManifest(all);
  return { card, files, all, manifest, parsed: parseManifest(manifest.bytes) as Manifest };
}

describe("a sharded evaluation set", () => {
  it("decodes shards in sample order as they arrive, the same values as decodeDataset", async () => {
    const { card, files, parsed } = await shardedFiles();
    const stream = createShardStream("set");
    const sent: [number, Float32Array][] = [];
    // Files arrive out of order, some before the card; the sink is attached midway.
    const order = [3, 6, 0, 7, 1, 4, 2, 5].map((i) => files[i]);
    for (const file of order.slice(0, 3)) stream.add(file.path, file.bytes);
    stream.setCard(card, parsed);
    stream.add(order[3].path, order[3].bytes);
    stream.send((start, x) => sent.push([start, x]));
    for (const file of order.slice(4)) stream.add(file.path, file.bytes);
    expect(sent.map(([start]) => start)).toEqual([0, 70, 170, 200]);
    const x = new Float32Array(samples * 784);
    for (const [start, part] of sent) x.set(part, start * 784);
    const whole = decodeDataset(
      card,
      files.filter((f) => f.path.startsWith("features")).map((f) => f.bytes),
      files.filter((f) => f.path.startsWith("labels")).map((f) => f.bytes),
    );
    expect(Buffer.from(x.buffer).equals(Buffer.from(whole.x.buffer))).toBe(true);
    const set = stream.finish();
    expect(set.y).toEqual(labels);
    expect(Buffer.from(set.featureBytes).equals(Buffer.from(features))).toBe(true);
    // A second run's samples, decoded again from the kept bytes, are the first run's bit for bit.
    expect(Buffer.from(decodeSetAgain(set).buffer).equals(Buffer.from(whole.x.buffer))).toBe(true);
  });

  it("refuses, naming card.json, a card whose shard is not in the verified manifest", async () => {
    const { card, parsed } = await shardedFiles();
    const stream = createShardStream("set");
    const manifest = { ...parsed, files: parsed.files.filter((f) => f.path !== shardFileNames(2).features) };
    expect(() => stream.setCard(card, manifest)).toThrow(/set\/card\.json: .*features-002\.bin is not in the manifest/);
  });

  it("refuses a shard whose labels are not class indices, naming that shard", async () => {
    const { card, files, parsed } = await shardedFiles();
    const stream = createShardStream("set");
    stream.setCard(card, parsed);
    const bad = files[3].bytes.slice();
    bad[5] = 10;
    stream.add(files[0].path, files[0].bytes);
    stream.add(files[1].path, files[1].bytes);
    stream.add(files[2].path, files[2].bytes);
    expect(() => stream.add(files[3].path, bad)).toThrow(/set\/labels-001\.bin: label 10 at index 5/);
  });

  describe("served by the content node", () => {
    let node: ContentNode;
    let dataDir: string;
    beforeAll(async () => {
      dataDir = mkdtempSync(path.join(tmpdir(), "modeldao-shards-test-"));
      node = await startContentNode({ dataDir, port: 0 });
    });
    afterAll(async () => {
      await node?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it("loads every shard, each matched to its manifest entry", async () => {
      const { all, manifest } = await shardedFiles();
      const cid = await node.addDirectory([...all, { path: "manifest.json", bytes: manifest.bytes }]);
      const seen: string[] = [];
      const [loaded] = await loadDirectories(
        [node.url],
        [{ role: "dataset", label: "set", cid, manifestDigest: manifest.digest }],
        { onFile: (_directory, file) => seen.push(file) },
      );
      expect(loaded.files.size).toBe(all.length);
      expect([...seen].sort()).toEqual(all.map((file) => file.path).sort());
    });

    it("uses manifests read ahead (when the panel opened) without asking for them again, and still checks every file", async () => {
      const { all, manifest } = await shardedFiles();
      const cid = await node.addDirectory([...all, { path: "manifest.json", bytes: manifest.bytes }]);
      const ref = { role: "dataset" as const, label: "set", cid, manifestDigest: manifest.digest };
      const asked: string[] = [];
      const proxy = await startProxy(node.url, (upstream, outgoing, url) => {
        asked.push(url);
        outgoing.writeHead(upstream.statusCode ?? 502, upstream.headers);
        upstream.pipe(outgoing);
      });
      try {
        const manifests = await loadManifests([proxy.url], [ref]);
        expect(manifests[0].files.map((file) => file.path).sort()).toEqual(all.map((file) => file.path).sort());
        expect(asked).toEqual([`/ipfs/${cid}/manifest.json?format=car`]);
        asked.length = 0;
        const [loaded] = await loadDirectories([proxy.url], [ref], { manifests });
        expect(asked).toEqual([`/ipfs/${cid}?format=car`]);
        expect(loaded.files.size).toBe(all.length);
        // A manifest read ahead does not vouch for the files: a directory whose shard differs from it is refused.
        const tampered = all.map((file) =>
          file.path === shardFileNames(1).features ? { path: file.path, bytes: file.bytes.map((b) => b ^ 1) } : file,
        );
        const other = await node.addDirectory([...tampered, { path: "manifest.json", bytes: manifest.bytes }]);
        await expect(loadDirectories([proxy.url], [{ ...ref, cid: other }], { manifests })).rejects.toThrow(
          /set\/features-001\.bin: .*sha256/i,
        );
      } finally {
        proxy.server.close();
      }
    });

    it("moves on to the next gateway when the first is down, and says so when none answers", async () => {
      const { all, manifest } = await shardedFiles();
      const cid = await node.addDirectory([...all, { path: "manifest.json", bytes: manifest.bytes }]);
      const ref = { role: "dataset" as const, label: "set", cid, manifestDigest: manifest.digest };
      const down = "http://127.0.0.1:9"; // the discard port: nothing listens
      const [loaded] = await loadDirectories([down, node.url], [ref]);
      expect(loaded.files.size).toBe(all.length);
      await expect(loadDirectories([down], [ref])).rejects.toThrow(
        /set\/manifest\.json: gateway http:\/\/127\.0\.0\.1:9 could not be reached/,
      );
    });

    it("stops at once on a tampered shard, naming it, before any of its bytes are used", async () => {
      const { all, manifest } = await shardedFiles();
      // The manifest (and its digest) describe the real shard; the directory holds a different one.
      const tampered = all.map((file) => {
        if (file.path !== shardFileNames(2).features) return file;
        const bytes = file.bytes.slice();
        bytes[100] ^= 0xff;
        return { path: file.path, bytes };
      });
      const cid = await node.addDirectory([...tampered, { path: "manifest.json", bytes: manifest.bytes }]);
      const used: string[] = [];
      const started = performance.now();
      await expect(
        loadDirectories([node.url], [{ role: "dataset", label: "set", cid, manifestDigest: manifest.digest }], {
          onFile: (_directory, file) => used.push(file),
        }),
      ).rejects.toThrow(/set\/features-002\.bin: .*sha256/i);
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(used).not.toContain(shardFileNames(2).features);
    });
  });
});
