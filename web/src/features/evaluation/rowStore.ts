// The samples of a run as they reach the worker: each rows message's array is kept as it came, in sample order, and a
// batch is read where it lies — a view of one array, or a copy only when it spans two. (Copied into one array on
// arrival, the 31 MB of 10,000 preprocessed digits were a copy on the inference thread, inside the run.)
import type { RowChunk } from "./workerProtocol.ts";

export type RowStore = {
  /** Samples from `start` on (a whole number of rows of `width` values). */
  add(start: number, x: Float32Array): void;
  /** How many samples from the first are here, without a gap. */
  readonly rows: number;
  /** Samples `start` to `start + count`, all of which must be here. */
  rowsOf(start: number, count: number): Float32Array;
  /** The arrays as they came, ordered by their first sample. */
  readonly chunks: RowChunk[];
};

export function createRowStore(width: number): RowStore {
  const chunks: RowChunk[] = [];
  let rows = 0;
  const rowsIn = (x: Float32Array) => x.length / width;
  return {
    add(start, x) {
      if (!Number.isInteger(rowsIn(x))) throw new Error(`rows of ${width} values expected, got ${x.length} values`);
      chunks.push([start, x]);
      chunks.sort((a, b) => a[0] - b[0]);
      // Contiguous from sample 0: a later shard that arrives first is kept but does not count yet.
      for (const [first, values] of chunks) if (first <= rows) rows = Math.max(rows, first + rowsIn(values));
    },
    get rows() {
      return rows;
    },
    rowsOf(start, count) {
      if (start < 0 || start + count > rows)
        throw new Error(`samples ${start}–${start + count} asked for, ${rows} are here`);
      const inside = chunks.find(([first, x]) => first <= start && start + count <= first + rowsIn(x));
      if (inside) return inside[1].subarray((start - inside[0]) * width, (start - inside[0] + count) * width);
      const out = new Float32Array(count * width);
      for (const [first, x] of chunks) {
        const from = Math.max(start, first);
        const to = Math.min(start + count, first + rowsIn(x));
        if (from < to) out.set(x.subarray((from - first) * width, (to - first) * width), (from - start) * width);
      }
      return out;
    },
    get chunks() {
      return chunks;
    },
  };
}
