// Verified loading: the bytes of what resolve.ts found on chain come from a gateway as CAR streams, every block
// checked against its CID as it arrives (scripts/ipfs/car-fetch.ts), then manifest.json must hash to the digest on
// chain and each file to its manifest entry — before anything is parsed.
import type { DirectoryRef } from "./resolve.ts";
import { fetchCarDirectory } from "../../../../scripts/ipfs/car-fetch.ts";
import { ContentRequestError, VerificationError } from "../../../../scripts/ipfs/client.ts";
import {
  contentSize,
  manifestDigest,
  parseManifest,
  verifyFile,
  type Manifest,
} from "../../../../scripts/lib/manifest.ts";
import { checkDirectorySizes } from "./bounds.ts";
import { allOrAbort } from "./concurrent.ts";
import { mark } from "./trace.ts";

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

/** A download fails when its gateway sends nothing for this long. */
const IDLE_TIMEOUT_MS = 30_000;
/** Room in a directory's CAR beyond its files' bytes: the directory and file nodes, the CAR framing. */
const carAllowance = (fileBytes: number) => fileBytes + 1024 * 1024 + Math.ceil(fileBytes / 64);

/**
 * Reads `paths` of the directory `cid` from the first gateway that answers, as one verified CAR stream
 * (car-fetch.ts), handing each file over as soon as it is complete. A block that does not match its CID is an attack
 * or corruption, not an outage: it stops everything at once; an outage moves on to the next gateway (files already
 * handed over are not handed over again).
 */
async function readDirectory(
  gateways: string[],
  ref: DirectoryRef,
  wanted: { path: string; size: number }[],
  options: {
    signal: AbortSignal;
    only?: string;
    maxBytes: number;
    /** `sha256`: the file's SHA-256 when its content address already is it (a single raw block), else null. */
    onFile: (path: string, bytes: Uint8Array, sha256: string | null) => void;
  },
): Promise<void> {
  if (gateways.length === 0) throw new ContentRequestError("no gateway is configured");
  const delivered = new Set<string>();
  let lastError: unknown;
  for (const gateway of gateways) {
    const stop = new AbortController();
    const signal = AbortSignal.any([options.signal, stop.signal]);
    try {
      const car = fetchCarDirectory(gateway, ref.cid, {
        signal,
        path: options.only,
        maxBytes: options.maxBytes,
        idleTimeoutMs: IDLE_TIMEOUT_MS,
      });
      await Promise.all([
        car.done,
        ...wanted
          .filter((entry) => !delivered.has(entry.path))
          .map(async (entry) => {
            const bytes = await car.file(entry.path, { maxBytes: entry.size });
            delivered.add(entry.path);
            options.onFile(entry.path, bytes, car.sha256Of(entry.path));
          }),
      ]);
      return;
    } catch (error) {
      stop.abort(error);
      if (error instanceof VerificationError) throw verificationFailure(ref, error);
      if (options.signal.aborted || !(error instanceof ContentRequestError)) throw error;
      lastError = error;
    }
  }
  const what = options.only ? `${ref.label}/${options.only}` : ref.label;
  throw new ArtifactVerificationError(what, `${what}: ${(lastError as Error).message}`);
}

function verificationFailure(ref: DirectoryRef, error: VerificationError): ArtifactVerificationError {
  const file = error.path ? `${ref.label}/${error.path}` : ref.label;
  return new ArtifactVerificationError(
    file,
    `${file}: the gateway sent bytes that do not match the content address (block ${error.blockCid.slice(0, 16)}…). Nothing from it was used.`,
  );
}

export type LoadedDirectory = { ref: DirectoryRef; manifest: Manifest; files: Map<string, Uint8Array> };

/** Milliseconds spent hashing files against their manifests (the rest of loading is fetching + block checks). */
export const loadTimings = { verifyMs: 0, verifiedBytes: 0 };

const MANIFEST_MAX_BYTES = 1024 * 1024;

async function loadManifest(gateways: string[], ref: DirectoryRef, signal: AbortSignal): Promise<Manifest> {
  const file = `${ref.label}/manifest.json`;
  let bytes: Uint8Array = new Uint8Array();
  // Only the blocks from the directory to its manifest.
  await readDirectory(gateways, ref, [{ path: "manifest.json", size: MANIFEST_MAX_BYTES }], {
    signal,
    only: "manifest.json",
    maxBytes: carAllowance(MANIFEST_MAX_BYTES),
    onFile: (_path, received) => (bytes = received),
  });
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
 * The manifests of `refs` (a few KB), each checked against its digest on chain and the size caps, all at once. The
 * evaluation panel reads them when it opens, to say what Evaluate will download; they are content-addressed, so the
 * evaluation can use them as they are.
 */
export async function loadManifests(
  gateways: string[],
  refs: DirectoryRef[],
  signal?: AbortSignal,
): Promise<Manifest[]> {
  return allOrAbort(
    refs.map((ref) => (shared: AbortSignal) => loadManifest(gateways, ref, shared)),
    signal,
  );
}

/**
 * Fetches and verifies the manifests of every directory first (small, all at once) unless they are given (read and
 * verified before, by `loadManifests`), so the progress bar knows the total and the size caps are applied before
 * anything large is asked for; then every directory as one verified CAR stream, all at once, each file checked
 * against its manifest entry as soon as it is complete. Any failure aborts every other download at once and is the
 * error thrown.
 */
export async function loadDirectories(
  gateways: string[],
  refs: DirectoryRef[],
  options: {
    signal?: AbortSignal;
    /** The manifests of `refs`, in order, as `loadManifests` returned them. */
    manifests?: Manifest[];
    onProgress?: (progress: LoadProgress) => void;
    /** Called as each directory is complete and verified; what it throws fails (and aborts) the whole load. */
    onDirectory?: (directory: LoadedDirectory, index: number) => void;
    /** Called as each file has matched its manifest entry (before onDirectory); what it throws fails the load too. */
    onFile?: (directory: LoadedDirectory, path: string, bytes: Uint8Array, index: number) => void;
  } = {},
): Promise<LoadedDirectory[]> {
  // Every manifest first (small, all at once): nothing large is asked for before its manifest matched the chain and
  // passed the size caps, and each directory's download is capped by what its manifest declares. (Asking for the
  // directories at the same time was slower: a content node streaming them answers the manifests late.)
  const manifests =
    options.manifests?.length === refs.length ? options.manifests : await loadManifests(gateways, refs, options.signal);
  mark("manifests");
  const size = contentSize(manifests);
  const progress: LoadProgress = {
    bytesDone: 0,
    bytesTotal: size.bytes,
    filesDone: 0,
    filesTotal: size.files,
    file: "",
  };
  options.onProgress?.({ ...progress });
  const loaded: LoadedDirectory[] = refs.map((ref, index) => ({ ref, manifest: manifests[index], files: new Map() }));
  const accept = async (
    directory: LoadedDirectory,
    index: number,
    path: string,
    bytes: Uint8Array,
    sha256: string | null,
  ) => {
    const label = `${directory.ref.label}/${path}`;
    const verifyStart = performance.now();
    try {
      // A file of one raw block is compared by its content address, whose digest its bytes were checked against
      // block by block: hashing it a second time would only repeat that (most evaluation files are one block).
      await verifyFile(directory.manifest, path, bytes, sha256 ?? undefined);
    } catch (error) {
      throw new ArtifactVerificationError(label, `${label}: ${(error as Error).message}`);
    }
    loadTimings.verifyMs += performance.now() - verifyStart;
    loadTimings.verifiedBytes += bytes.length;
    directory.files.set(path, bytes);
    options.onFile?.(directory, path, bytes, index);
    if (directory.files.size === directory.manifest.files.length) options.onDirectory?.(directory, index);
    progress.bytesDone += bytes.length;
    progress.filesDone += 1;
    progress.file = label;
    options.onProgress?.({ ...progress });
  };
  await allOrAbort(
    loaded.map((directory, index) => async (signal: AbortSignal) => {
      // Files are handed over in the order they complete; each is checked against the manifest in turn, and the
      // first that fails stops this directory's download at once.
      const refused = new AbortController();
      let checked = Promise.resolve();
      const fileBytes = directory.manifest.files.reduce((sum, file) => sum + file.size, 0);
      try {
        await readDirectory(gateways, directory.ref, directory.manifest.files, {
          signal: AbortSignal.any([signal, refused.signal]),
          maxBytes: carAllowance(fileBytes),
          onFile: (path, bytes, sha256) => {
            checked = checked.then(() => accept(directory, index, path, bytes, sha256));
            checked.catch((error: unknown) => refused.abort(error));
          },
        });
      } catch (error) {
        throw refused.signal.aborted ? refused.signal.reason : error;
      }
      await checked;
    }),
    options.signal,
  );
  return loaded;
}
