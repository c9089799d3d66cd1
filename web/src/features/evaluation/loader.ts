// Verified loading: the bytes of what resolve.ts found on chain come from a gateway through verified-fetch (every
// block checked against its CID), then manifest.json must hash to the digest on chain and each file to its manifest
// entry — before anything is parsed.
import type { DirectoryRef } from "./resolve.ts";
import {
  ContentRequestError,
  createBlockCache,
  fetchVerified,
  VerificationError,
  type BlockCache,
} from "../../../../scripts/ipfs/client.ts";
import { manifestDigest, parseManifest, verifyFile, type Manifest } from "../../../../scripts/lib/manifest.ts";
import { checkDirectorySizes } from "./bounds.ts";
import { allOrAbort } from "./concurrent.ts";

export type LoadProgress = {
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
  file: string;
};

export class ArtifactVerificationError extends Error {
  readonly file: string;
  constructor(file: string, message: string) {
    super(message);
    this.name = "ArtifactVerificationError";
    this.file = file;
  }
}

const FILE_TIMEOUT_MS = 60_000;

/** Where one evaluation's bytes come from: the gateways, and the blocks already verified during it. */
type Source = { gateways: string[]; blockCache: BlockCache };

async function fetchFromGateways(
  { gateways, blockCache }: Source,
  cid: string,
  path: string,
  maxBytes: number,
  signal?: AbortSignal,
) {
  let lastError: unknown = new ContentRequestError("no gateway is configured");
  for (const gateway of gateways) {
    try {
      return await fetchVerified(gateway, cid, path, { maxBytes, timeoutMs: FILE_TIMEOUT_MS, signal, blockCache });
    } catch (error) {
      // A block that does not match its CID is an attack or corruption, not an outage: stop and say so.
      if (error instanceof VerificationError || signal?.aborted) throw error;
      lastError = error;
    }
  }
  throw lastError;
}

export type LoadedDirectory = { ref: DirectoryRef; manifest: Manifest; files: Map<string, Uint8Array> };

/** Milliseconds spent hashing files against their manifests (the rest of loading is fetching + block checks). */
export const loadTimings = { verifyMs: 0, verifiedBytes: 0 };

/** How many files are fetched at once (each through its own verified-fetch); the first failure aborts the rest. */
export const FETCH_CONCURRENCY = 16;

async function loadManifest(source: Source, ref: DirectoryRef, signal: AbortSignal): Promise<Manifest> {
  const file = `${ref.label}/manifest.json`;
  const bytes = await fetchFile(source, ref, "manifest.json", 1024 * 1024, signal);
  const digest = await manifestDigest(bytes);
  if (digest.toLowerCase() !== ref.manifestDigest.toLowerCase())
    throw new ArtifactVerificationError(
      file,
      `${file}: its SHA-256 ${digest.slice(0, 18)}… does not match the digest on chain ${ref.manifestDigest.slice(0, 18)}…`,
    );
  const manifest = parseManifest(bytes);
  checkDirectorySizes(manifest, ref.role === "dataset" ? "dataset" : "model");
  return manifest;
}

/**
 * Fetches and verifies the manifests of every directory first (small, all at once), so the progress bar knows the
 * total; then every file, a few at a time, each checked against its manifest entry as soon as it arrives. Any failure
 * aborts every other fetch at once and is the error thrown.
 */
export async function loadDirectories(
  gateways: string[],
  refs: DirectoryRef[],
  options: {
    signal?: AbortSignal;
    onProgress?: (progress: LoadProgress) => void;
    /** Called as each directory is complete and verified; what it throws fails (and aborts) the whole load. */
    onDirectory?: (directory: LoadedDirectory, index: number) => void;
    /** Called as each file has matched its manifest entry (before onDirectory); what it throws fails the load too. */
    onFile?: (directory: LoadedDirectory, path: string, bytes: Uint8Array, index: number) => void;
    concurrency?: number;
  } = {},
): Promise<LoadedDirectory[]> {
  const source: Source = { gateways, blockCache: createBlockCache() };
  const manifests = await allOrAbort(
    refs.map((ref) => (signal: AbortSignal) => loadManifest(source, ref, signal)),
    options.signal,
  );
  const progress: LoadProgress = {
    bytesDone: 0,
    bytesTotal: manifests.reduce((sum, manifest) => sum + manifest.files.reduce((n, f) => n + f.size, 0), 0),
    filesDone: 0,
    filesTotal: manifests.reduce((sum, manifest) => sum + manifest.files.length, 0),
    file: "",
  };
  const loaded: LoadedDirectory[] = refs.map((ref, index) => ({ ref, manifest: manifests[index], files: new Map() }));
  // Models first, largest first (they are small, and loading them into the worker overlaps the rest); then the
  // dataset's files smallest first (card, labels), its shards in name order, so shard i is verified, decoded and
  // evaluated while the next ones download. A single large file starts as soon as a lane is free.
  const models = loaded.filter((directory) => directory.ref.role !== "dataset");
  const datasets = loaded.filter((directory) => directory.ref.role === "dataset");
  const entries = (list: LoadedDirectory[]) =>
    list.flatMap((directory) => directory.manifest.files.map((entry) => ({ directory, entry })));
  const queue = [
    ...entries(models).sort((a, b) => b.entry.size - a.entry.size),
    ...entries(datasets).sort((a, b) => a.entry.size - b.entry.size || (a.entry.path < b.entry.path ? -1 : 1)),
  ];
  const loadOne = async ({ directory, entry }: (typeof queue)[number], signal: AbortSignal) => {
    const label = `${directory.ref.label}/${entry.path}`;
    progress.file = label;
    options.onProgress?.({ ...progress });
    const bytes = await fetchFile(source, directory.ref, entry.path, entry.size, signal);
    const verifyStart = performance.now();
    try {
      await verifyFile(directory.manifest, entry.path, bytes);
    } catch (error) {
      throw new ArtifactVerificationError(label, `${label}: ${(error as Error).message}`);
    }
    loadTimings.verifyMs += performance.now() - verifyStart;
    loadTimings.verifiedBytes += bytes.length;
    directory.files.set(entry.path, bytes);
    options.onFile?.(directory, entry.path, bytes, loaded.indexOf(directory));
    if (directory.files.size === directory.manifest.files.length)
      options.onDirectory?.(directory, loaded.indexOf(directory));
    progress.bytesDone += entry.size;
    progress.filesDone += 1;
    progress.file = label;
    options.onProgress?.({ ...progress });
  };
  const lanes = Math.max(1, Math.min(options.concurrency ?? FETCH_CONCURRENCY, queue.length));
  let next = 0;
  await allOrAbort(
    Array.from({ length: lanes }, () => async (signal: AbortSignal) => {
      while (next < queue.length) {
        signal.throwIfAborted();
        await loadOne(queue[next++], signal);
      }
    }),
    options.signal,
  );
  return loaded;
}

async function fetchFile(source: Source, ref: DirectoryRef, path: string, maxBytes: number, signal?: AbortSignal) {
  const file = `${ref.label}/${path}`;
  try {
    return await fetchFromGateways(source, ref.cid, path, maxBytes, signal);
  } catch (error) {
    if (signal?.aborted) throw error;
    if (error instanceof VerificationError)
      throw new ArtifactVerificationError(
        file,
        `${file}: the gateway sent bytes that do not match the content address (block ${error.blockCid.slice(0, 16)}…). Nothing from it was used.`,
      );
    throw new ArtifactVerificationError(file, `${file}: ${(error as Error).message}`);
  }
}
