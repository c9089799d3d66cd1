// The content node's own CAR writer: for a UnixFS directory it writes the blocks @helia/car's export writes (the
// library it replaces on this path), in the same order but each once, as a dups=n answer promises; every block
// matches its CID; it waits when the socket is full; a missing block or an abort stops it with an error, and a
// missing root before any byte.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CarReader } from "@ipld/car";
import { car } from "@helia/car";
import { MemoryBlockstore } from "blockstore-core/memory";
import { createHeliaLight } from "helia";
import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { sha256 } from "multiformats/hashes/sha2";
import { carHeader, exportDag, isUnixFsRoot, type CarSink } from "../../scripts/ipfs/car-export.ts";
import { importDirectory } from "../../scripts/ipfs/unixfs-import.ts";

const bytesOf = (text: string) => new TextEncoder().encode(text);

/** A directory with a nested folder, a file of several blocks, an empty file and two identical files. */
async function directory() {
  const blockstore = new MemoryBlockstore();
  const large = Uint8Array.from({ length: 2.5 * 1024 * 1024 }, (_, i) => (i * 31) & 255);
  const { cid: root } = await importDirectory(blockstore, [
    { path: "card.json", bytes: bytesOf('{"id":"x"}') },
    { path: "data/large.bin", bytes: large },
    { path: "data/same-1.txt", bytes: bytesOf("twins") },
    { path: "data/same-2.txt", bytes: bytesOf("twins") },
    { path: "empty.txt", bytes: new Uint8Array() },
  ]);
  return { blockstore, root: CID.parse(root) };
}

const reader = (store: MemoryBlockstore) => async (cid: CID) => {
  const chunks: Uint8Array[] = [];
  for await (const chunk of store.get(cid)) chunks.push(chunk);
  return chunks.length === 1 ? chunks[0] : Uint8Array.from(chunks.flatMap((chunk) => [...chunk]));
};

/** Collects what is written; `full` makes every write report a full buffer. */
function collector({ full = false } = {}) {
  const parts: Uint8Array[] = [];
  let waits = 0;
  const sink: CarSink = {
    write: (bytes) => (parts.push(bytes), !full),
    drained: async () => void waits++,
  };
  const bytes = () => {
    const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
    let offset = 0;
    for (const part of parts) out.set(part, (offset += part.length) - part.length);
    return out;
  };
  return { sink, bytes, parts, waits: () => waits };
}

async function blocksOf(bytes: Uint8Array) {
  const car = await CarReader.fromBytes(bytes);
  const blocks: { cid: CID; bytes: Uint8Array }[] = [];
  for await (const block of car.blocks()) blocks.push(block);
  return { roots: await car.getRoots(), blocks };
}

async function heliaExport(store: MemoryBlockstore, root: CID): Promise<Uint8Array> {
  const helia = await createHeliaLight({ blockstore: store, blockBrokers: [], routers: [] });
  const chunks: Uint8Array[] = [];
  for await (const chunk of car(helia).export(root, { offline: true })) chunks.push(chunk);
  await helia.stop();
  return Uint8Array.from(chunks.flatMap((chunk) => [...chunk]));
}

describe("exportDag", () => {
  it("writes the blocks @helia/car exports, in the same order, each once, each matching its CID", async () => {
    const { blockstore, root } = await directory();
    const out = collector();
    const count = await exportDag(root, reader(blockstore), out.sink);
    const ours = await blocksOf(out.bytes());
    const theirs = await blocksOf(await heliaExport(blockstore, root));
    assert.deepEqual(ours.roots.map(String), [root.toString()]);
    // @helia/car writes a block again where the DAG links it again (here large.bin's identical leaves and the two
    // identical files), although its answer says dups=n: the same sequence without those repeats.
    const theirOrder = theirs.blocks.map((block) => block.cid.toString());
    assert.ok(theirOrder.length > new Set(theirOrder).size, "the fixture links some block twice");
    assert.deepEqual(
      ours.blocks.map((block) => block.cid.toString()),
      [...new Set(theirOrder)],
    );
    assert.equal(count, ours.blocks.length);
    for (const block of ours.blocks) {
      const digest = await sha256.digest(block.bytes);
      assert.deepEqual(digest.digest, block.cid.multihash.digest, `block ${block.cid} does not match its CID`);
    }
  });

  it("hands blocks over by reference and waits whenever the sink is full", async () => {
    const { blockstore, root } = await directory();
    const out = collector({ full: true });
    const count = await exportDag(root, reader(blockstore), out.sink);
    assert.equal(out.waits(), count);
    const stored = await reader(blockstore)(root);
    assert.ok(
      out.parts.some((part) => part === stored),
      "the root block's own bytes were written, not a copy",
    );
  });

  it("starts with the CAR header naming the root", async () => {
    const { blockstore, root } = await directory();
    const out = collector();
    await exportDag(root, reader(blockstore), out.sink);
    assert.deepEqual(out.parts[0], carHeader(root));
  });

  it("writes a single raw block as a CAR of that block", async () => {
    const bytes = bytesOf("one block");
    const cid = CID.createV1(raw.code, await sha256.digest(bytes));
    const store = new MemoryBlockstore();
    await store.put(cid, bytes);
    const out = collector();
    assert.equal(await exportDag(cid, reader(store), out.sink), 1);
    assert.deepEqual((await blocksOf(out.bytes())).blocks[0].bytes, bytes);
  });

  it("test_RevertIf_RootIsMissing: fails before writing anything", async () => {
    const out = collector();
    const absent = CID.createV1(raw.code, await sha256.digest(bytesOf("not stored")));
    await assert.rejects(exportDag(absent, reader(new MemoryBlockstore()), out.sink));
    assert.equal(out.parts.length, 0);
  });

  it("test_RevertIf_ABlockIsMissing: stops with the store's error", async () => {
    const { blockstore, root } = await directory();
    const { blocks } = await blocksOf(await heliaExport(blockstore, root));
    await blockstore.delete(blocks[blocks.length - 1].cid);
    await assert.rejects(exportDag(root, reader(blockstore), collector().sink), /not found/i);
  });

  it("test_RevertIf_Aborted: stops at the next block", async () => {
    const { blockstore, root } = await directory();
    const abort = new AbortController();
    const sink: CarSink = { write: () => false, drained: async () => abort.abort(new Error("client went away")) };
    await assert.rejects(exportDag(root, reader(blockstore), sink, abort.signal), /client went away/);
  });

  it("takes UnixFS roots only (dag-pb, raw)", async () => {
    const { root } = await directory();
    assert.equal(isUnixFsRoot(root), true);
    assert.equal(isUnixFsRoot(CID.createV1(0x71, root.multihash)), false);
  });
});
