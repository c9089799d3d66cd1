// The byte reader car-fetch decodes CAR streams through: whatever sizes the network cuts a CAR into, @ipld/car's
// decoder reads the same blocks from it as from the whole CAR at once; a block inside one chunk is a view of that
// chunk (no copy), one across chunks a copy of exactly its bytes; a CAR cut short is an error.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CarReader } from "@ipld/car";
import { createDecoder } from "@ipld/car/decoder";
import { MemoryBlockstore } from "blockstore-core/memory";
import { CID } from "multiformats/cid";
import { exportDag } from "../../scripts/ipfs/car-export.ts";
import { chunkListReader } from "../../scripts/ipfs/chunk-reader.ts";
import { importDirectory } from "../../scripts/ipfs/unixfs-import.ts";

/** The CAR of a directory with a file of several 1 MiB blocks, small files and an empty one. */
async function carBytes(): Promise<Uint8Array> {
  const blockstore = new MemoryBlockstore();
  const { cid } = await importDirectory(blockstore, [
    { path: "card.json", bytes: new TextEncoder().encode('{"id":"x"}') },
    { path: "features.bin", bytes: Uint8Array.from({ length: 2.5 * 1024 * 1024 }, (_, i) => (i * 31) & 255) },
    { path: "labels.bin", bytes: Uint8Array.from({ length: 1000 }, (_, i) => i % 10) },
    { path: "empty.txt", bytes: new Uint8Array() },
  ]);
  const parts: Uint8Array[] = [];
  await exportDag(
    CID.parse(cid),
    async (block) => {
      const chunks: Uint8Array[] = [];
      for await (const chunk of blockstore.get(block)) chunks.push(chunk);
      return chunks.length === 1 ? chunks[0] : Uint8Array.from(chunks.flatMap((chunk) => [...chunk]));
    },
    { write: (bytes) => (parts.push(bytes), true), drained: async () => {} },
  );
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  parts.reduce((offset, part) => (out.set(part, offset), offset + part.length), 0);
  return out;
}

/** `bytes` cut at the given lengths, in turn (the rest in one last chunk), as a stream's reads. */
function chunksOf(bytes: Uint8Array, lengths: (index: number) => number) {
  const chunks: Uint8Array[] = [];
  for (let at = 0, index = 0; at < bytes.length; index++) {
    const length = Math.max(1, lengths(index));
    chunks.push(bytes.slice(at, at + length));
    at += length;
  }
  return chunks;
}

function readerOver(chunks: Uint8Array[]) {
  let index = 0;
  return chunkListReader(async () => (index < chunks.length ? chunks[index++] : null));
}

async function decodeAll(chunks: Uint8Array[]) {
  const decoder = createDecoder(readerOver(chunks));
  const { roots } = await decoder.header();
  const blocks: { cid: string; bytes: Uint8Array }[] = [];
  for await (const block of decoder.blocks()) blocks.push({ cid: block.cid.toString(), bytes: block.bytes });
  return { roots: roots.map(String), blocks };
}

/** Deterministic pseudo-random chunk lengths (a linear congruential sequence). */
function randomLengths(seed: number, max: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return 1 + (state % max);
  };
}

describe("the CAR stream's byte reader", () => {
  it("reads the same blocks as the whole CAR, however the stream is cut", async () => {
    const car = await carBytes();
    const expected = await CarReader.fromBytes(car);
    const roots = (await expected.getRoots()).map(String);
    const blocks: { cid: string; bytes: Uint8Array }[] = [];
    for await (const block of expected.blocks()) blocks.push({ cid: block.cid.toString(), bytes: block.bytes });
    assert.ok(blocks.length >= 6);
    const cuts: [string, (index: number) => number][] = [
      ["one chunk", () => car.length],
      ["1-byte chunks", () => 1],
      ["7-byte chunks", () => 7],
      ["64 KiB chunks", () => 65_536],
      ["just under a block", () => 1024 * 1024 - 3],
      ["random up to 3 MB", randomLengths(7, 3_000_000)],
      ["random up to 100 bytes", randomLengths(11, 100)],
    ];
    for (const [name, lengths] of cuts) {
      const chunks = name === "1-byte chunks" ? chunksOf(car.subarray(0, 200_000), lengths) : chunksOf(car, lengths);
      if (name === "1-byte chunks") {
        // a whole CAR byte by byte is slow to build: its first blocks are enough (the stream then ends mid-block)
        await assert.rejects(decodeAll(chunks), /Unexpected end of data/);
        continue;
      }
      const got = await decodeAll(chunks);
      assert.deepEqual(got.roots, roots, name);
      assert.equal(got.blocks.length, blocks.length, name);
      got.blocks.forEach((block, i) => {
        assert.equal(block.cid, blocks[i].cid, `${name}: block ${i}`);
        assert.ok(Buffer.from(block.bytes).equals(Buffer.from(blocks[i].bytes)), `${name}: block ${i}'s bytes`);
      });
    }
  });

  it("hands a block inside one chunk over as a view of it, and copies only one that spans chunks", async () => {
    const car = await carBytes();
    const whole = await decodeAll([car]);
    for (const block of whole.blocks) assert.equal(block.bytes.buffer, car.buffer);
    const halves = [car.slice(0, car.length >> 1), car.slice(car.length >> 1)];
    const cut = await decodeAll(halves);
    const spanning = cut.blocks.filter((block) => !halves.some((half) => half.buffer === block.bytes.buffer));
    assert.equal(spanning.length, 1);
    assert.equal(spanning[0].bytes.buffer.byteLength, spanning[0].bytes.length);
  });

  it("says a CAR that ends in the middle of a block ended early", async () => {
    const car = await carBytes();
    await assert.rejects(decodeAll(chunksOf(car.subarray(0, car.length - 500), () => 100_000)), /Unexpected end/);
  });

  it("reads ahead without moving, gives what is left at the end, and seeks", async () => {
    const reader = readerOver([Uint8Array.of(1, 2, 3), Uint8Array.of(4, 5), Uint8Array.of(6, 7, 8, 9)]);
    assert.deepEqual([...(await reader.exactly(4))], [1, 2, 3, 4]);
    assert.equal(reader.pos, 0);
    assert.deepEqual([...(await reader.exactly(4, true))], [1, 2, 3, 4]);
    assert.equal(reader.pos, 4);
    reader.seek(2);
    assert.deepEqual([...(await reader.upTo(8))], [7, 8, 9]);
    assert.deepEqual([...(await reader.exactly(3, true))], [7, 8, 9]);
    assert.equal((await reader.upTo(8)).length, 0);
    await assert.rejects(reader.exactly(1), /Unexpected end of data/);
  });
});
