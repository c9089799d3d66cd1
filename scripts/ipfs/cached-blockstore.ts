// A blockstore that keeps the blocks it served or stored most recently in memory, in front of one on disk. Blocks are
// content-addressed, so a cached block can never be stale: the cache only saves the disk store's per-block work
// (blockstore-fs opens the block's file and streams it in 64 KiB reads), which was most of the time a gateway took to
// stream a directory as a CAR, block after block. Bounded by bytes, least recently used first out. blockstore-core has
// memory and tiered stores but no bounded one, hence these few lines.
import { BaseBlockstore } from "blockstore-core/base";
import type { AbortOptions } from "abort-error";
import type { Blockstore, InputPair, Pair } from "interface-blockstore";
import type { CID } from "multiformats/cid";

export const DEFAULT_CACHE_BYTES = 128 * 1024 * 1024;

export class CachedBlockstore extends BaseBlockstore {
  readonly #store: Blockstore;
  readonly #maxBytes: number;
  /** Insertion order is recency: a hit moves its block to the end, eviction takes from the front. */
  readonly #blocks = new Map<string, Uint8Array>();
  #bytes = 0;

  constructor(store: Blockstore, { maxBytes = DEFAULT_CACHE_BYTES }: { maxBytes?: number } = {}) {
    super();
    this.#store = store;
    this.#maxBytes = maxBytes;
  }

  /** Bytes held in memory now (never more than `maxBytes`). */
  get cachedBytes(): number {
    return this.#bytes;
  }

  #remember(key: string, bytes: Uint8Array): void {
    if (bytes.byteLength > this.#maxBytes) return;
    this.#forget(key);
    this.#blocks.set(key, bytes);
    this.#bytes += bytes.byteLength;
    for (const [oldest, block] of this.#blocks) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#blocks.delete(oldest);
      this.#bytes -= block.byteLength;
    }
  }

  #forget(key: string): void {
    const block = this.#blocks.get(key);
    if (!block) return;
    this.#blocks.delete(key);
    this.#bytes -= block.byteLength;
  }

  async has(key: CID, options?: AbortOptions): Promise<boolean> {
    return this.#blocks.has(key.toString()) || this.#store.has(key, options);
  }

  async put(key: CID, val: InputPair["bytes"], options?: AbortOptions): Promise<CID> {
    const stored = await this.#store.put(key, val, options);
    if (val instanceof Uint8Array) this.#remember(key.toString(), val);
    return stored;
  }

  async *get(key: CID, options?: AbortOptions): AsyncGenerator<Uint8Array> {
    const id = key.toString();
    const cached = this.#blocks.get(id);
    if (cached) {
      this.#blocks.delete(id);
      this.#blocks.set(id, cached);
      yield cached;
      return;
    }
    const chunks: Uint8Array[] = [];
    let length = 0;
    for await (const chunk of this.#store.get(key, options)) {
      chunks.push(chunk);
      length += chunk.byteLength;
    }
    const bytes = chunks.length === 1 ? chunks[0] : new Uint8Array(length);
    if (chunks.length !== 1) {
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.byteLength;
      }
    }
    this.#remember(id, bytes);
    yield bytes;
  }

  async delete(key: CID, options?: AbortOptions): Promise<void> {
    this.#forget(key.toString());
    await this.#store.delete(key, options);
  }

  async *getAll(options?: AbortOptions): AsyncGenerator<Pair> {
    yield* this.#store.getAll(options);
  }
}
