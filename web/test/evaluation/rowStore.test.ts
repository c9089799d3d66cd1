// @vitest-environment node
// The worker's samples as they arrive in shards: any batch reads exactly the values of the whole set (a view inside a
// shard, a copy across shards), whatever the shard sizes and arrival order; only samples contiguous from the first
// count as here; and nothing is copied for a batch inside one shard.
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../../scripts/ml/prng.ts";
import { createRowStore } from "../../src/features/evaluation/rowStore.ts";

const width = 3;
const whole = (samples: number) => Float32Array.from({ length: samples * width }, (_, i) => i + 0.5);

function shardsOf(x: Float32Array, counts: number[]): [number, Float32Array][] {
  let start = 0;
  return counts.map((count) => {
    const shard: [number, Float32Array] = [start, x.slice(start * width, (start + count) * width)];
    start += count;
    return shard;
  });
}

describe("row store", () => {
  it("test_BatchesEqualTheWholeSet_WhateverTheShardsAndBatchSize", () => {
    const random = mulberry32(7);
    for (let trial = 0; trial < 50; trial++) {
      const counts = Array.from({ length: 1 + Math.floor(random() * 6) }, () => 1 + Math.floor(random() * 40));
      const samples = counts.reduce((a, b) => a + b, 0);
      const x = whole(samples);
      const store = createRowStore(width);
      const shards = shardsOf(x, counts);
      // Arrival in any order.
      for (const [start, rows] of [...shards].sort(() => random() - 0.5)) store.add(start, rows);
      expect(store.rows).toBe(samples);
      const batch = 1 + Math.floor(random() * 33);
      for (let start = 0; start < samples; start += batch) {
        const count = Math.min(batch, samples - start);
        expect(Array.from(store.rowsOf(start, count))).toEqual(
          Array.from(x.subarray(start * width, (start + count) * width)),
        );
      }
    }
  });

  it("test_OnlySamplesContiguousFromTheFirstCount", () => {
    const x = whole(30);
    const [first, second, third] = shardsOf(x, [10, 10, 10]);
    const store = createRowStore(width);
    store.add(...third);
    expect(store.rows).toBe(0);
    store.add(...first);
    expect(store.rows).toBe(10);
    expect(() => store.rowsOf(5, 10)).toThrow(/samples 5–15 asked for, 10 are here/);
    store.add(...second);
    expect(store.rows).toBe(30);
    expect(store.chunks.map(([start]) => start)).toEqual([0, 10, 20]);
  });

  it("test_ABatchInsideOneShardIsAViewNotACopy", () => {
    const x = whole(20);
    const [first, second] = shardsOf(x, [12, 8]);
    const store = createRowStore(width);
    store.add(...first);
    store.add(...second);
    expect(store.rowsOf(2, 8).buffer).toBe(first[1].buffer);
    expect(store.rowsOf(12, 8).buffer).toBe(second[1].buffer);
    const across = store.rowsOf(8, 8);
    expect(across.buffer).not.toBe(first[1].buffer);
    expect(Array.from(across)).toEqual(Array.from(x.subarray(8 * width, 16 * width)));
  });

  it("test_RevertIf_ARowIsCutShort", () => {
    expect(() => createRowStore(width).add(0, new Float32Array(4))).toThrow(/rows of 3 values expected, got 4/);
  });
});
