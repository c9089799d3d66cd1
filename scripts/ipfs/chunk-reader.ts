// The byte reader @ipld/car's decoder reads a CAR stream through (its `BytesReader`), over the network's chunks as
// they come. @ipld/car's own stream reader joins what is left of a chunk and the whole next chunk into a new array
// whenever a read crosses a chunk's end, so most bytes of a large CAR were copied once or twice more, into fresh memory.
// On the two-vCPU VM the benchmark runs on, fresh memory costs ~1.5 ms a MB in page faults (decoding 784 KB of digits
// into a new array took 3.6–5.4 ms, into a reused one 0.6–1.4), and the dataset's first shard waits behind them. Here a
// read inside one chunk is a view of it, and only a read that spans chunks is copied, into an array of its own size.
// Browser-safe.
import type { BytesReader } from "@ipld/car/decoder";

/**
 * A BytesReader over the chunks `next` returns (null: the stream ended). A view it returns shares memory with the
 * chunk: a caller that wants to transfer or change the bytes copies them first.
 */
export function chunkListReader(next: () => Promise<Uint8Array | null>): BytesReader {
  /** The chunk the position is in, and the chunks read after it (from `ahead[first]` on). */
  let chunk: Uint8Array = new Uint8Array(0);
  let ahead: Uint8Array[] = [];
  let first = 0;
  let aheadBytes = 0;
  /** Where the position is in `chunk` (past its end only after a seek beyond what was read). */
  let offset = 0;
  let pos = 0;
  let ended = false;

  /** Moves to the next chunks while the position is past the current one's end. */
  const settle = () => {
    while (offset >= chunk.length && first < ahead.length) {
      offset -= chunk.length;
      chunk = ahead[first++];
      aheadBytes -= chunk.length;
    }
    if (first === ahead.length && first > 0) {
      ahead = [];
      first = 0;
    }
  };

  /** Reads chunks until `length` bytes from the position are here or the stream ended; how many are here. */
  const fill = async (length: number): Promise<number> => {
    while (chunk.length - offset + aheadBytes < length && !ended) {
      const read = await next();
      if (read === null) ended = true;
      else if (read.length > 0) {
        ahead.push(read);
        aheadBytes += read.length;
        settle();
      }
    }
    return Math.max(0, chunk.length - offset + aheadBytes);
  };

  /** The `length` bytes from the position (all here): a view inside one chunk, else a copy across them. */
  const bytesAt = (length: number): Uint8Array => {
    if (chunk.length - offset >= length) return chunk.subarray(offset, offset + length);
    const out = new Uint8Array(length);
    out.set(chunk.subarray(offset), 0);
    let filled = chunk.length - offset;
    for (let i = first; filled < length; i++) {
      const part = ahead[i].subarray(0, length - filled);
      out.set(part, filled);
      filled += part.length;
    }
    return out;
  };

  const advance = (length: number) => {
    offset += length;
    pos += length;
    settle();
  };

  return {
    async upTo(length) {
      return bytesAt(Math.min(length, await fill(length)));
    },
    async exactly(length, seek = false) {
      if ((await fill(length)) < length) throw new Error("Unexpected end of data");
      const out = bytesAt(length);
      if (seek) advance(length);
      return out;
    },
    seek(length) {
      advance(length);
    },
    get pos() {
      return pos;
    },
  };
}
