// Browser-side access to ModelDAO content: upload a directory to the content node, compute its CID offline, and
// fetch files back through @helia/verified-fetch so every block is hashed and checked against the CID before a
// single byte is returned. Browser-safe: uses only fetch, Blob, FormData, AbortSignal (no Node APIs).
import { fallbackRouter } from "@helia/fallback-router";
import { trustlessGatewayBlockBroker } from "@helia/trustless-gateway-client";
import { createVerifiedFetch } from "@helia/verified-fetch";
import { MemoryBlockstore } from "blockstore-core/memory";
import { createHeliaLight } from "helia";
import { CID } from "multiformats/cid";
import {
  checkDirectoryFiles,
  checkRelativePath,
  discardingBlockstore,
  importDirectory,
  InvalidUploadError,
} from "./unixfs-import.ts";
import type { DirectoryFile, ImportedDirectory, ImportedFile } from "./unixfs-import.ts";
import type { BlockBroker, BlockRetrievalOptions, Router } from "@helia/interface";

export { checkRelativePath, InvalidUploadError };
export type { DirectoryFile, ImportedDirectory, ImportedFile };

export const DEFAULT_MAX_FETCH_BYTES = 64 * 1024 * 1024;

/** The gateway served a block whose SHA-256 does not match its CID: tampered or corrupt data, nothing returned. */
export class VerificationError extends Error {
  readonly cid: string;
  readonly path: string;
  readonly blockCid: string;
  constructor(message: string, cid: string, path: string, blockCid: string) {
    super(message);
    this.name = "VerificationError";
    this.cid = cid;
    this.path = path;
    this.blockCid = blockCid;
  }
}

/** The gateway or content node was unreachable, too slow, refused the request, or does not have the content. */
export class ContentRequestError extends Error {
  /** HTTP status when the server answered, else undefined. */
  readonly status: number | undefined;
  constructor(message: string, status?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ContentRequestError";
    this.status = status;
  }
}

/** The content is larger than the caller's `maxBytes`; reading stopped there. */
export class ContentTooLargeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ContentTooLargeError";
  }
}

/**
 * The root CID (and each file's CID) that the content node will compute for `files`, computed here offline and in
 * memory with the same importer settings, so the dApp can show the content address before uploading.
 */
export async function computeDirectory(
  files: readonly DirectoryFile[],
  options: { signal?: AbortSignal } = {},
): Promise<ImportedDirectory> {
  return importDirectory(discardingBlockstore(), files, options);
}

/** Root CID string of `files` as one UnixFS directory (see computeDirectory). */
export async function computeDirectoryCid(
  files: readonly DirectoryFile[],
  options: { signal?: AbortSignal } = {},
): Promise<string> {
  return (await computeDirectory(files, options)).cid;
}

export interface UploadProgress {
  /** hashing: computing the CID locally; uploading: request sent; done: the node stored it and the CIDs match. */
  phase: "hashing" | "uploading" | "done";
  loaded: number;
  total: number;
}

export interface UploadOptions {
  signal?: AbortSignal;
  /**
   * Called at each phase. fetch() cannot report upload bytes as they leave, so `loaded` jumps from 0 to `total`
   * when the node has answered.
   */
  onProgress?: (progress: UploadProgress) => void;
  /** Extra request headers, e.g. `authorization: Bearer <token>` for a pinning service. */
  headers?: Record<string, string>;
  /** computeDirectory's result for these same files, when the caller already has it (not hashed again). */
  computed?: ImportedDirectory;
}

/** Kubo's /api/v0/add options matching importOptions() (CIDv1, raw leaves, 1 MiB chunks, one wrapping directory). */
export const KUBO_ADD_QUERY =
  "cid-version=1&raw-leaves=true&chunker=size-1048576&max-file-links=1024&wrap-with-directory=true&pin=true";

/**
 * The add endpoint's answer as `{cid, files}`: the local node's JSON object as is, or Kubo's newline-delimited
 * `{"Name","Hash","Size"}` entries, where the entry with an empty name is the wrapping directory. Kubo also lists
 * intermediate directories; only the files sent are kept (in path order), so the lists compare equal.
 */
export function parseAddAnswer(text: string): unknown {
  const trimmed = text.trim();
  try {
    return JSON.parse(trimmed);
  } catch {
    const entries = trimmed.split("\n").map((line) => JSON.parse(line) as { Name: string; Hash: string });
    const root = entries.find((e) => e.Name === "");
    if (!root) throw new Error("no root entry");
    return {
      cid: root.Hash,
      entries: entries.filter((e) => e.Name !== "").map((e) => ({ path: e.Name, cid: e.Hash })),
    };
  }
}

/**
 * Uploads `files` as one directory to the content node at `endpoint` (its base URL, e.g. `http://127.0.0.1:8080`)
 * with POST /api/v0/add, and returns the node's answer after checking that its CIDs equal the ones computed here.
 */
export async function uploadDirectory(
  endpoint: string,
  files: readonly DirectoryFile[],
  options: UploadOptions = {},
): Promise<ImportedDirectory> {
  const { signal, onProgress } = options;
  const sorted = checkDirectoryFiles(files);
  const total = sorted.reduce((sum, f) => sum + f.bytes.byteLength, 0);
  // The query asks a Kubo-compatible pinning service for exactly the settings computeDirectory uses; the local
  // content node has them built in and ignores the query.
  const addUrl = `${baseUrl(endpoint)}/api/v0/add?${KUBO_ADD_QUERY}`;

  onProgress?.({ phase: "hashing", loaded: 0, total });
  const expected = options.computed ?? (await computeDirectory(sorted, { signal }));

  const form = new FormData();
  for (const file of sorted) {
    form.append("file", new Blob([file.bytes as Uint8Array<ArrayBuffer>]), encodeURIComponent(file.path));
  }
  onProgress?.({ phase: "uploading", loaded: 0, total });
  const started = Date.now();
  let response: { ok: boolean; status: number; text: string };
  try {
    response = await postForm(addUrl, form, {
      signal,
      headers: options.headers,
      onSent: (fraction) => onProgress?.({ phase: "uploading", loaded: Math.round(fraction * total), total }),
    });
  } catch (err) {
    throw requestFailure(err, signal, started, `content node ${addUrl}`);
  }
  const { text } = response;
  let answer: unknown;
  try {
    answer = parseAddAnswer(text);
  } catch {
    throw new ContentRequestError(
      `content node ${addUrl} answered ${response.status} with a non-JSON body: ${text.slice(0, 200)}`,
      response.status,
    );
  }
  if (!response.ok) {
    const message = (answer as { error?: unknown })?.error;
    throw new ContentRequestError(
      `content node refused the upload (${response.status}): ${typeof message === "string" ? message : text.slice(0, 200)}`,
      response.status,
    );
  }
  const result = answer as ImportedDirectory;
  if (result?.cid !== expected.cid) {
    throw new ContentRequestError(
      `content node stored the files under ${String(result?.cid)} but they hash to ${expected.cid} here`,
      response.status,
    );
  }
  const kuboEntries = (answer as { entries?: { path: string; cid: string }[] }).entries;
  const matches = kuboEntries
    ? expected.files.every((f) => kuboEntries.some((e) => e.path === f.path && e.cid === f.cid))
    : JSON.stringify(result.files) === JSON.stringify(expected.files);
  if (!matches) {
    throw new ContentRequestError(`content node's file list does not match the files sent`, response.status);
  }
  onProgress?.({ phase: "done", loaded: total, total });
  return expected;
}

/**
 * POSTs `form` and returns the answer. In a browser it uses XMLHttpRequest, the one API that reports request bytes
 * as they leave (`onSent` gets the fraction sent); elsewhere fetch, which reports nothing until the answer.
 */
async function postForm(
  url: string,
  form: FormData,
  options: { signal?: AbortSignal; headers?: Record<string, string>; onSent?: (fraction: number) => void },
): Promise<{ ok: boolean; status: number; text: string }> {
  const { signal, headers, onSent } = options;
  if (typeof XMLHttpRequest !== "function" || !onSent) {
    const response = await fetch(url, { method: "POST", body: form, signal, headers });
    return { ok: response.ok, status: response.status, text: await response.text() };
  }
  signal?.throwIfAborted();
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    for (const [name, value] of Object.entries(headers ?? {})) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onSent(event.loaded / event.total);
    };
    const abort = () => request.abort();
    signal?.addEventListener("abort", abort, { once: true });
    const settle = () => signal?.removeEventListener("abort", abort);
    request.onload = () => {
      settle();
      resolve({
        ok: request.status >= 200 && request.status < 300,
        status: request.status,
        text: request.responseText,
      });
    };
    request.onerror = () => {
      settle();
      reject(new TypeError("Failed to fetch"));
    };
    request.onabort = () => {
      settle();
      reject(signal?.reason ?? new DOMException("The upload was canceled.", "AbortError"));
    };
    request.send(form);
  });
}

export interface FetchVerifiedOptions {
  /** Cancels the fetch; a TimeoutError reason (AbortSignal.timeout) becomes "gateway did not answer within N s". */
  signal?: AbortSignal;
  /** Refuse content larger than this many bytes (default 64 MiB). */
  maxBytes?: number;
  /** Extra time limit in milliseconds, reported as such in the error. */
  timeoutMs?: number;
  /**
   * Blocks already verified by an earlier fetchVerified (from `createBlockCache()`): a directory's root is then
   * fetched once for all its files. Only blocks that matched their CID are ever put in it.
   */
  blockCache?: BlockCache;
}

/** An in-memory store of verified blocks, shared by the fetches of one evaluation. */
export type BlockCache = MemoryBlockstore;

export function createBlockCache(): BlockCache {
  return new MemoryBlockstore();
}

/**
 * Fetches the file at `path` inside the UnixFS DAG `cid` (`path` '' for a file CID) from the trustless gateway at
 * `gatewayUrl` (an origin such as `http://127.0.0.1:8080`; it must answer GET /ipfs/<cid>?format=raw), through
 * @helia/verified-fetch over a fresh in-memory Helia whose only block source is that gateway. Every block is hashed
 * and compared with the CID that names it, so the bytes returned are exactly the content the CID commits to.
 *
 * Throws VerificationError (a block did not match its CID), ContentTooLargeError (more than maxBytes),
 * ContentRequestError (timeout: "gateway … did not answer within N s"; unreachable; not found), or the caller's
 * abort reason if `signal` was aborted for another reason than a timeout.
 */
export async function fetchVerified(
  gatewayUrl: string,
  cid: string,
  path: string,
  options: FetchVerifiedOptions = {},
): Promise<Uint8Array> {
  const started = Date.now();
  const gateway = gatewayOrigin(gatewayUrl);
  let root: CID;
  try {
    root = CID.parse(cid);
  } catch {
    throw new ContentRequestError(`invalid CID ${JSON.stringify(cid)}`);
  }
  const relPath = path === "" ? "" : checkRelativePath(path.replace(/^\/+/, ""));
  const label = relPath === "" ? `${root}` : `${root}/${relPath}`;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FETCH_BYTES;

  let verificationError: VerificationError | undefined;
  const blockFailures: Array<{ blockCid: string; detail: string; notFound: boolean; unreachable: boolean }> = [];
  const stop = new AbortController();
  const timeout = options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs);
  const signals = [stop.signal, options.signal, timeout].filter((s): s is AbortSignal => s !== undefined);
  const signal = AbortSignal.any(signals);

  // Helia's trustless-gateway broker verifies each block (validateFn) and skips a gateway that fails; with a single
  // gateway that would only end at the caller's timeout, so stop at the first mismatch and say so.
  const observe = (inner: BlockBroker): BlockBroker => ({
    name: inner.name,
    async retrieve(blockCid, retrieveOptions: BlockRetrievalOptions = {}) {
      const validate = retrieveOptions.validateFn;
      if (validate === undefined || inner.retrieve === undefined) {
        throw new Error("refusing to fetch a block without a validator");
      }
      try {
        return await inner.retrieve(blockCid, {
          ...retrieveOptions,
          validateFn: async (block: Uint8Array) => {
            try {
              await validate(block);
            } catch (err) {
              verificationError ??= new VerificationError(
                `verification failed for ${label}: gateway ${gateway} sent block ${blockCid} whose hash does not ` +
                  `match its CID (tampered or corrupt data; nothing was returned)`,
                `${root}`,
                relPath,
                `${blockCid}`,
              );
              stop.abort(verificationError);
              throw err;
            }
          },
        });
      } catch (err) {
        blockFailures.push({ blockCid: `${blockCid}`, ...gatewayFailure(err) });
        throw err;
      }
    },
  });
  const noProviders: Router = {
    name: "no-providers",
    async *findProviders() {},
  };

  const helia = createHeliaLight({
    ...(options.blockCache ? { blockstore: options.blockCache } : {}),
    blockBrokers: [
      (components: any) => observe(trustlessGatewayBlockBroker({ allowInsecure: true, allowLocal: true })(components)),
    ],
    // Helia asks the default routers first and the fallback ones after them; with no default router the provider
    // search never ends, hence the empty one.
    routers: [noProviders, fallbackRouter({ gateways: [gateway], shuffle: false })],
  });

  const fail = (err: unknown): Error => {
    if (verificationError !== undefined) return verificationError;
    if (err instanceof ContentTooLargeError || err instanceof ContentRequestError) return err;
    if (timeout?.aborted === true) {
      return new ContentRequestError(
        `gateway ${gateway} did not answer within ${(options.timeoutMs ?? 0) / 1000} s (fetching ${label})`,
        undefined,
        { cause: err },
      );
    }
    if (options.signal?.aborted === true) {
      return requestFailure(options.signal.reason, options.signal, started, `gateway ${gateway}`, label);
    }
    const failure = blockFailures[0];
    if (failure?.notFound === true) {
      return new ContentRequestError(
        `gateway ${gateway} does not have block ${failure.blockCid} needed for ${label} (${failure.detail})`,
        404,
        { cause: err },
      );
    }
    if (failure?.unreachable === true) {
      return new ContentRequestError(
        `gateway ${gateway} could not be reached while fetching ${label} (${failure.detail})`,
        undefined,
        { cause: err },
      );
    }
    if (failure !== undefined) {
      return new ContentRequestError(
        `gateway ${gateway} could not deliver block ${failure.blockCid} needed for ${label}: ${failure.detail}`,
        undefined,
        { cause: err },
      );
    }
    return new ContentRequestError(`could not fetch ${label} from gateway ${gateway}: ${describe(err)}`, undefined, {
      cause: err,
    });
  };

  await helia.start();
  try {
    const verifiedFetch = await createVerifiedFetch(helia);
    const resource = `ipfs://${root}${relPath === "" ? "" : `/${relPath.split("/").map(encodeURIComponent).join("/")}`}`;
    // Exactly the requested path: no session (sessions retry a lone gateway until the signal fires), no
    // index.html or _redirects substitution, and a directory answers 301 instead of being followed. Asking for the
    // whole file as a range skips verified-fetch's content-type sniffing, which reads the first leaf and lets the
    // exporter prefetch the next ones only to drop them: every leaf of a large file was downloaded (and verified)
    // twice. An empty file cannot be a range (416); it is asked for plainly.
    const request = (range: boolean) =>
      verifiedFetch(resource, {
        signal,
        session: false,
        redirect: "manual",
        supportDirectoryIndexes: false,
        supportWebRedirects: false,
        headers: range ? { range: "bytes=0-" } : {},
      });
    let response: Response;
    try {
      response = await request(true);
      if (response.status === 416) {
        await response.body?.cancel().catch(() => {});
        response = await request(false);
      }
    } catch (err) {
      throw fail(err);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      if (response.status === 404 && blockFailures.length === 0) {
        throw new ContentRequestError(`${label} not found: the path does not exist in that DAG`, 404);
      }
      if (response.status >= 300 && response.status < 400) {
        throw new ContentRequestError(`${label} is a directory, not a file`, response.status);
      }
      throw fail(new Error(`verified-fetch answered ${response.status} ${response.statusText}`));
    }
    if (response.headers.get("content-type")?.startsWith("application/vnd.ipld.dag-pb") === true) {
      await response.body?.cancel().catch(() => {});
      throw new ContentRequestError(`${label} is a directory, not a file`, response.status);
    }
    try {
      return await readAtMost(response, maxBytes, label);
    } catch (err) {
      throw fail(err);
    }
  } finally {
    await helia.stop();
  }
}

/** Reads the whole body, refusing more than `maxBytes` (by Content-Length when given, else while streaming). */
async function readAtMost(response: Response, maxBytes: number, label: string): Promise<Uint8Array> {
  const tooLarge = () => new ContentTooLargeError(`${label} exceeds ${maxBytes} bytes`);
  const declared = Number(response.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (response.body === null) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) throw tooLarge();
      chunks.push(value);
    }
  } catch (err) {
    await reader.cancel().catch(() => {});
    throw err;
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function requestFailure(err: unknown, signal: AbortSignal | undefined, started: number, who: string, what?: string) {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const reason = signal?.aborted === true ? signal.reason : undefined;
  const suffix = what === undefined ? "" : ` (fetching ${what})`;
  if ((reason as Error | undefined)?.name === "TimeoutError") {
    return new ContentRequestError(`${who} did not answer within ${seconds} s${suffix}`, undefined, { cause: err });
  }
  if (reason !== undefined) return reason instanceof Error ? reason : new Error(String(reason));
  return new ContentRequestError(`${who} could not be reached${suffix}: ${describe(err)}`, undefined, { cause: err });
}

/** Condenses a trustless-gateway broker error ("Unable to fetch raw block … - fetch failed", "… received 404"). */
function gatewayFailure(err: unknown): { detail: string; notFound: boolean; unreachable: boolean } {
  const leaves: string[] = [];
  const walk = (e: unknown, depth: number): void => {
    const inner = (e as { errors?: unknown })?.errors;
    if (Array.isArray(inner) && inner.length > 0 && depth < 4) {
      for (const x of inner) walk(x, depth + 1);
      return;
    }
    const message = String((e as { message?: unknown })?.message ?? e);
    const status = /received (\d{3}\b.*)$/.exec(message);
    const cause = / - ([^-]+)$/.exec(message);
    leaves.push(status !== null ? `HTTP ${status[1]}` : cause !== null ? cause[1] : message);
  };
  walk(err, 0);
  const unique = [...new Set(leaves)];
  return {
    detail: unique.join("; "),
    notFound: unique.length > 0 && unique.every((m) => m.startsWith("HTTP 404")),
    unreachable: unique.some((m) => m === "fetch failed" || m.startsWith("Failed to fetch")),
  };
}

/** An error message with its causes (fetch's "fetch failed" hides ECONNREFUSED in `cause`). */
function describe(err: unknown): string {
  const parts: string[] = [];
  let current: unknown = err;
  for (let depth = 0; current !== undefined && current !== null && depth < 4; depth++) {
    const e = current as { message?: unknown; code?: unknown; errors?: unknown; cause?: unknown };
    const message = typeof e.message === "string" && e.message !== "" ? e.message : String(current);
    parts.push(typeof e.code === "string" ? `${message} (${e.code})` : message);
    if (Array.isArray(e.errors) && e.errors.length > 0) {
      parts.push(e.errors.map((inner) => describe(inner)).join("; "));
      break;
    }
    current = e.cause;
  }
  return parts.join(": ");
}

function baseUrl(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ContentRequestError(`invalid content node URL ${JSON.stringify(endpoint)}`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/** The gateway must sit at an origin root: Helia requests `<origin>/ipfs/<cid>?format=raw`. */
function gatewayOrigin(gatewayUrl: string): string {
  let url: URL;
  try {
    url = new URL(gatewayUrl);
  } catch {
    throw new ContentRequestError(`invalid gateway URL ${JSON.stringify(gatewayUrl)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ContentRequestError(`gateway URL must be http(s): ${gatewayUrl}`);
  }
  if (url.pathname !== "/" && url.pathname !== "") {
    throw new ContentRequestError(`gateway URL must be an origin without a path (got ${gatewayUrl})`);
  }
  return url.origin;
}
