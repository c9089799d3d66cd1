// The content node's read cache: what it serves equals the disk store's bytes, a hit does not reach the store, it
// never holds more than its bound (least recently used out first), and deleting a block removes it from both.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MemoryBlockstore } from "blockstore-core/memory";
import * as raw from "multiformats/codecs/raw";
import { CID } from "multiformats/cid";
import { sha256 } from "multiformats/hashes/sha2";
import { CachedBlockstore } from "../../scripts/ipfs/cached-blockstore.ts";

async function block(fill: number, size: number): Promise<{ cid: CID; bytes: Uint8Array }> {
  const bytes = new Uint8Array(size).fill(fill);
  return { cid: CID.createV1(raw.code, await sha256.digest(bytes)), bytes };
}

/** A real in-memory store that counts the reads that reach it. */
function countingStore() {
  const store = new MemoryBlockstore();
  const reads: string[] = [];
  const get = store.get.bind(store);
  store.get = (key, options) => {
    reads.push(key.toString());
    return get(key, options);
  };
  return { store, reads };
}

async function read(store: CachedBlockstore, cid: CID): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of store.get(cid)) chunks.push(chunk);
  return Uint8Array.from(chunks.flatMap((chunk) => [...chunk]));
}

describe("CachedBlockstore", () => {
  it("serves the stored bytes, and a second read from memory", async () => {
    const { store, reads } = countingStore();
    const a = await block(1, 50);
    await store.put(a.cid, a.bytes);
    const cached = new CachedBlockstore(store, { maxBytes: 1000 });
    assert.deepEqual(await read(cached, a.cid), a.bytes);
    assert.deepEqual(await read(cached, a.cid), a.bytes);
    assert.deepEqual(reads, [a.cid.toString()]);
    assert.equal(await cached.has(a.cid), true);
    assert.equal(cached.cachedBytes, 50);
  });

  it("keeps what it stores, and evicts the least recently used beyond its bound", async () => {
    const { store, reads } = countingStore();
    const cached = new CachedBlockstore(store, { maxBytes: 100 });
    const [a, b, c] = await Promise.all([block(1, 40), block(2, 40), block(3, 40)]);
    await cached.put(a.cid, a.bytes);
    await cached.put(b.cid, b.bytes);
    await read(cached, a.cid); // a is now the most recently used
    await cached.put(c.cid, c.bytes); // 120 bytes > 100: b goes
    assert.equal(cached.cachedBytes, 80);
    assert.deepEqual(reads, []);
    assert.deepEqual(await read(cached, b.cid), b.bytes);
    assert.deepEqual(reads, [b.cid.toString()]);
    assert.ok(cached.cachedBytes <= 100);
  });

  it("does not cache a block larger than its bound", async () => {
    const { store, reads } = countingStore();
    const cached = new CachedBlockstore(store, { maxBytes: 10 });
    const big = await block(4, 11);
    await cached.put(big.cid, big.bytes);
    assert.equal(cached.cachedBytes, 0);
    assert.deepEqual(await read(cached, big.cid), big.bytes);
    assert.deepEqual(reads, [big.cid.toString()]);
  });

  it("deletes from memory and from the store", async () => {
    const { store } = countingStore();
    const cached = new CachedBlockstore(store, { maxBytes: 1000 });
    const a = await block(5, 20);
    await cached.put(a.cid, a.bytes);
    await cached.delete(a.cid);
    assert.equal(cached.cachedBytes, 0);
    assert.equal(await cached.has(a.cid), false);
    assert.equal(await store.has(a.cid), false);
  });
});
