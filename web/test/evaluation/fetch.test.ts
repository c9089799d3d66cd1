// @vitest-environment node
// The evaluation's downloads: fetchVerified against the real content node, through a counting proxy, so a change that
// makes verified-fetch download a file's blocks twice (its content-type sniffing did) or breaks empty files fails.
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBlockCache, fetchVerified } from "../../../scripts/ipfs/client.ts";
import { startContentNode, type ContentNode } from "../../../scripts/ipfs/content-node.ts";
import { startProxy } from "./proxy.ts";

let node: ContentNode;
let proxy: Server;
let proxyUrl: string;
let dataDir: string;
const asked = new Map<string, number>();
const big = new Uint8Array(3 * 1024 * 1024 + 12345);
let cid: string;

beforeAll(async () => {
  for (let i = 0; i < big.length; i += 65536) crypto.getRandomValues(big.subarray(i, i + 65536));
  dataDir = mkdtempSync(path.join(tmpdir(), "modeldao-fetch-test-"));
  node = await startContentNode({ dataDir, port: 0 });
  cid = await node.addDirectory([
    { path: "big.bin", bytes: big },
    { path: "empty.bin", bytes: new Uint8Array() },
    { path: "small.json", bytes: new TextEncoder().encode('{"a":1}') },
  ]);
  ({ url: proxyUrl, server: proxy } = await startProxy(node.url, (answer, outgoing, url) => {
    const block = new URL(url, "http://x").pathname;
    asked.set(block, (asked.get(block) ?? 0) + 1);
    outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(outgoing);
  }));
});

afterAll(async () => {
  await new Promise((resolve) => proxy?.close(resolve));
  await node?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("fetchVerified for the evaluation", () => {
  it("returns a multi-block file exactly, asking the gateway for each of its blocks once", async () => {
    asked.clear();
    const bytes = await fetchVerified(proxyUrl, cid, "big.bin", { timeoutMs: 30_000 });
    expect(bytes.length).toBe(big.length);
    expect(Buffer.from(bytes).equals(Buffer.from(big))).toBe(true);
    // root directory, the file's node, four 1 MiB leaves
    expect(asked.size).toBe(6);
    expect([...asked.values()].every((count) => count === 1)).toBe(true);
  });

  it("returns an empty file and a one-block file", async () => {
    expect((await fetchVerified(proxyUrl, cid, "empty.bin", { timeoutMs: 30_000 })).length).toBe(0);
    expect(new TextDecoder().decode(await fetchVerified(proxyUrl, cid, "small.json", { timeoutMs: 30_000 }))).toBe(
      '{"a":1}',
    );
  });

  it("with a block cache, fetches a directory's root once for all its files", async () => {
    asked.clear();
    const blockCache = createBlockCache();
    await fetchVerified(proxyUrl, cid, "small.json", { timeoutMs: 30_000, blockCache });
    await fetchVerified(proxyUrl, cid, "big.bin", { timeoutMs: 30_000, blockCache });
    const again = await fetchVerified(proxyUrl, cid, "big.bin", { timeoutMs: 30_000, blockCache });
    expect(Buffer.from(again).equals(Buffer.from(big))).toBe(true);
    // root, small.json's block, big.bin's node and four leaves: each once
    expect(asked.size).toBe(7);
    expect([...asked.values()].every((count) => count === 1)).toBe(true);
  });
});
