// Trustless retrieval of a whole UnixFS directory (or one path in it) in one request: the gateway answers with a CAR
// (`?format=car`, the trustless gateway spec) and every block is checked against its CID as it arrives — sha2-256
// only, raw or dag-pb only — before anything reads it. Files are exported from the verified blocks by
// ipfs-unixfs-exporter, each as soon as all its blocks are in, so a large directory is used while it still downloads.
// One request per directory instead of one per block (Helia's trustless-gateway broker, client.ts's fetchVerified):
// on a slow link, or a device whose cores the download competes for, the requests were most of the time.
// Browser-safe.
import { createDecoder } from "@ipld/car/decoder";
import * as dagPb from "@ipld/dag-pb";
import { exporter } from "ipfs-unixfs-exporter";
import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { sha256 } from "multiformats/hashes/sha2";
import { toHex } from "../lib/manifest.ts";
import { chunkListReader } from "./chunk-reader.ts";
import { ContentRequestError, ContentTooLargeError, VerificationError } from "./client.ts";

export type CarFetchOptions = {
  signal?: AbortSignal;
  /** The most bytes the CAR may hold; reading stops there with ContentTooLargeError. */
  maxBytes: number;
  /** The download fails when no byte arrives for this long (default 30 s). */
  idleTimeoutMs?: number;
  /** The bytes received so far, as they arrive. */
  onBytes?: (received: number) => void;
};

export type CarDirectory = {
  /**
   * The verified bytes of the file at `path` (relative to the directory), once all its blocks are in. A file of one
   * raw block is that block as it came, which may share memory with the blocks next to it: copy before transferring.
   */
  file(path: string, options?: { maxBytes?: number }): Promise<Uint8Array>;
  /**
   * The SHA-256 (hex) of the file at `path`, once `file(path)` returned, when that file is a single raw block: its
   * CID's digest, which the block's bytes were checked against as they arrived (null for a file of several blocks).
   */
  sha256Of(path: string): string | null;
  /** Resolves once the whole CAR was read and every block verified; rejects with the first failure. */
  readonly done: Promise<void>;
};

const DEFAULT_IDLE_TIMEOUT_MS = 30_000;

/** The block's bytes hash to its CID (sha2-256), and its codec is one a UnixFS directory may hold. */
async function verifyBlock(cid: CID, bytes: Uint8Array): Promise<string | null> {
  if (cid.multihash.code !== sha256.code)
    return `uses hash function 0x${cid.multihash.code.toString(16)}, not sha2-256`;
  if (cid.code !== raw.code && cid.code !== dagPb.code)
    return `has codec 0x${cid.code.toString(16)}, not raw or dag-pb`;
  const digest = (await sha256.digest(bytes)).digest;
  const expected = cid.multihash.digest;
  if (digest.length !== expected.length) return "does not match its CID";
  for (let i = 0; i < digest.length; i++) if (digest[i] !== expected[i]) return "does not match its CID";
  return null;
}

/** The CAR's blocks; a stream that is not a well-formed CAR (cut off mid-block, garbage) is the gateway's failure. */
async function* malformedAsRequestError(
  blocks: AsyncIterable<{ cid: CID; bytes: Uint8Array }>,
  gateway: string,
  label: string,
): AsyncGenerator<{ cid: CID; bytes: Uint8Array }> {
  try {
    yield* blocks;
  } catch (error) {
    if (error instanceof ContentTooLargeError || (error as Error).name === "AbortError") throw error;
    throw new ContentRequestError(`gateway ${gateway} sent a malformed CAR for ${label}: ${(error as Error).message}`);
  }
}

/**
 * Starts downloading `/ipfs/<cid>[/<path>]?format=car` from `gatewayUrl` (an origin) and returns at once; files are
 * read with `file(path)`. With `path`, only the blocks from the root to that path's entity are asked for.
 */
export function fetchCarDirectory(
  gatewayUrl: string,
  cid: string,
  options: CarFetchOptions & { path?: string },
): CarDirectory {
  const root = CID.parse(cid);
  const label = options.path ? `${root}/${options.path}` : `${root}`;
  const gateway = new URL(gatewayUrl).origin;
  const blocks = new Map<string, Uint8Array>();
  const waiting = new Map<string, Array<(bytes: Uint8Array) => void>>();
  /** Which directory entry each linked CID is (to name the file a bad block belongs to). */
  const entryNames = new Map<string, string>();
  let currentEntry = "";
  let failure: Error | null = null;
  let ended = false;
  const endWaiters: Array<(error: Error) => void> = [];
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;

  const fail = (error: Error) => {
    failure ??= error;
    stop.abort(failure);
    for (const reject of endWaiters.splice(0)) reject(failure);
  };

  const key = (c: CID) => c.toV1().toString();
  /** The verified block `c`, once it has come (rejects when the stream failed or ended without it). */
  const blockOf = async (c: CID): Promise<Uint8Array> => {
    const known = blocks.get(key(c));
    if (known) return known;
    if (failure) throw failure;
    if (ended) throw new ContentRequestError(`gateway ${gateway} did not send block ${c} needed for ${label}`, 404);
    return new Promise<Uint8Array>((resolve, reject) => {
      const list = waiting.get(key(c)) ?? [];
      list.push(resolve);
      waiting.set(key(c), list);
      endWaiters.push(reject);
    });
  };
  const blockstore = {
    get(c: CID) {
      return (async function* (): AsyncGenerator<Uint8Array> {
        yield await blockOf(c);
      })();
    },
  };

  const done = (async () => {
    let idle: ReturnType<typeof setTimeout> | undefined;
    let bodyReader: ReadableStreamDefaultReader<Uint8Array> | null = null;
    const idleMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    const arm = () => {
      clearTimeout(idle);
      idle = setTimeout(
        () =>
          fail(new ContentRequestError(`gateway ${gateway} sent nothing for ${idleMs / 1000} s (fetching ${label})`)),
        idleMs,
      );
    };
    arm();
    try {
      const url = `${gateway}/ipfs/${root}${options.path ? `/${options.path.split("/").map(encodeURIComponent).join("/")}` : ""}?format=car`;
      let response: Response;
      try {
        response = await fetch(url, { signal, headers: { accept: "application/vnd.ipld.car" } });
      } catch (error) {
        if (failure) throw failure;
        if (options.signal?.aborted) throw options.signal.reason;
        throw new ContentRequestError(
          `gateway ${gateway} could not be reached (fetching ${label}): ${(error as Error).message}`,
          undefined,
          { cause: error },
        );
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => {});
        throw new ContentRequestError(
          response.status === 404
            ? `gateway ${gateway} does not have ${label} (HTTP 404)`
            : `gateway ${gateway} answered HTTP ${response.status} ${response.statusText} for ${label}`,
          response.status,
        );
      }
      const declared = Number(response.headers.get("content-length") ?? NaN);
      if (declared > options.maxBytes) {
        await response.body?.cancel().catch(() => {});
        throw new ContentTooLargeError(`${label} exceeds ${options.maxBytes} bytes`);
      }
      let received = 0;
      const body = response.body;
      if (!body) throw new ContentRequestError(`gateway ${gateway} sent an empty answer for ${label}`);
      const reader = (bodyReader = body.getReader());
      // The network's chunks as they come, each counted against the cap (chunk-reader.ts: a block inside one chunk is
      // a view of it, not a copy).
      const nextChunk = async (): Promise<Uint8Array | null> => {
        const { done: finished, value } = await reader.read();
        if (finished) return null;
        arm();
        received += value.byteLength;
        if (received > options.maxBytes) throw new ContentTooLargeError(`${label} exceeds ${options.maxBytes} bytes`);
        options.onBytes?.(received);
        return value;
      };
      const decoder = createDecoder(chunkListReader(nextChunk));
      let roots: CID[];
      try {
        ({ roots } = await decoder.header());
      } catch (error) {
        if (failure || error instanceof ContentTooLargeError) throw failure ?? error;
        throw new ContentRequestError(
          `gateway ${gateway} did not send a CAR for ${label}: ${(error as Error).message}`,
        );
      }
      if (roots.length !== 1 || !roots[0].equals(root))
        throw new ContentRequestError(`gateway ${gateway} sent a CAR for another root than ${root}`);
      for await (const block of malformedAsRequestError(decoder.blocks(), gateway, label)) {
        const problem = await verifyBlock(block.cid, block.bytes);
        const name = entryNames.get(key(block.cid));
        if (name !== undefined) currentEntry = name;
        if (problem !== null) {
          const file = name ?? currentEntry;
          throw new VerificationError(
            `verification failed for ${root}${file ? `/${file}` : ""}: gateway ${gateway} sent block ${block.cid} that ${problem} (tampered or corrupt data; nothing was returned)`,
            `${root}`,
            file,
            `${block.cid}`,
          );
        }
        // The directory's own links name the entries that follow (DFS order), so a bad block can be named.
        if (block.cid.equals(root) && block.cid.code === dagPb.code)
          for (const link of dagPb.decode(block.bytes).Links)
            if (link.Name !== undefined) entryNames.set(key(link.Hash), link.Name);
        blocks.set(key(block.cid), block.bytes);
        for (const resolve of waiting.get(key(block.cid)) ?? []) resolve(block.bytes);
        waiting.delete(key(block.cid));
      }
      ended = true;
      const missing = [...waiting.keys()];
      if (missing.length > 0)
        throw new ContentRequestError(`gateway ${gateway} did not send block ${missing[0]} needed for ${label}`, 404);
    } catch (error) {
      const reason = failure ?? (options.signal?.aborted ? options.signal.reason : error);
      fail(reason as Error);
      throw reason;
    } finally {
      clearTimeout(idle);
      ended = true;
      // However the reading ended (done, refused, aborted): the connection's answer is not read any further.
      await bodyReader?.cancel().catch(() => {});
    }
  })();
  // A failure reaches the caller through file() or done; this keeps an unread `done` from being reported unhandled.
  done.catch(() => {});

  const singleBlockDigests = new Map<string, string>();
  // The root's entries by name when it is a plain UnixFS directory (null otherwise: a HAMT shard, a file), read once:
  // resolving each file's path from the root again (the exporter's walk) made the page's parsing of a 21-file
  // dataset directory pause 7–15 ms right after its root block, before the next block was read (bench:eval traces).
  let rootEntries: Promise<Map<string, CID> | null> | null = null;
  const entriesOfRoot = async () => {
    const entry = await exporter(root, blockstore, { signal });
    if (entry.type !== "directory" || entry.unixfs.type !== "directory") return null;
    return new Map(entry.node.Links.flatMap((link) => (link.Name === undefined ? [] : [[link.Name, link.Hash]])));
  };
  /** The CID at `path` one level down a plain directory, from its links (null: any other path). */
  const linkAt = async (path: string) =>
    path.includes("/") ? null : ((await (rootEntries ??= entriesOfRoot()))?.get(path) ?? null);
  return {
    done,
    sha256Of: (path) => singleBlockDigests.get(path) ?? null,
    async file(path, { maxBytes } = {}) {
      const cid = await linkAt(path);
      // A file of one raw block is that block, as verified: no exporter, no copy (verifyBlock only lets sha2-256
      // blocks through, so its CID's digest is its bytes' SHA-256).
      if (cid && cid.code === raw.code && cid.multihash.code === sha256.code) {
        const bytes = await blockOf(cid);
        if (maxBytes !== undefined && bytes.length > maxBytes)
          throw new ContentTooLargeError(`${root}/${path} exceeds ${maxBytes} bytes`);
        singleBlockDigests.set(path, toHex(cid.multihash.digest));
        return bytes;
      }
      const entry = await (cid
        ? exporter(cid, blockstore, { signal })
        : exporter(`${root}/${path}`, blockstore, { signal }));
      if (entry.type !== "file" && entry.type !== "raw")
        throw new ContentRequestError(`${root}/${path} is a ${entry.type}, not a file`);
      // verifyBlock only lets sha2-256 blocks through, so a raw block's CID digest is its bytes' SHA-256.
      if (entry.type === "raw" && entry.cid.multihash.code === sha256.code)
        singleBlockDigests.set(path, toHex(entry.cid.multihash.digest));
      const size = Number(entry.size);
      if (maxBytes !== undefined && size > maxBytes)
        throw new ContentTooLargeError(`${root}/${path} exceeds ${maxBytes} bytes`);
      const out = new Uint8Array(size);
      let offset = 0;
      for await (const chunk of entry.content({ signal })) {
        if (offset + chunk.byteLength > size) throw new ContentTooLargeError(`${root}/${path} is larger than it says`);
        out.set(chunk, offset);
        offset += chunk.byteLength;
      }
      if (offset !== size) throw new ContentRequestError(`${root}/${path} ended after ${offset} of ${size} bytes`);
      return out;
    },
  };
}
