// How ModelDAO turns a directory of files into a UnixFS DAG, shared by the content node (which stores the blocks)
// and the browser client (which only computes the root CID). Browser-safe: no Node APIs.
//
// The root CID of a model version or dataset is recorded on chain, so the settings below are part of the protocol:
// changing any of them changes every CID. They are pinned explicitly instead of relying on library defaults.
import { unixfs } from "@helia/unixfs";
import { fixedSize } from "ipfs-unixfs-importer/chunker";
import { balanced } from "ipfs-unixfs-importer/layout";
import type { AddOptions } from "@helia/unixfs";
import type { Blockstore } from "interface-blockstore";

/** Fixed-size chunks of 1 MiB (the IPIP-499 `unixfs-v1-2025` value). */
export const CHUNK_SIZE = 1_048_576;
/** At most 1024 links per file node (balanced layout). */
export const MAX_CHILDREN_PER_NODE = 1024;
/** A directory becomes a HAMT shard when its block would exceed 256 KiB. */
export const SHARD_SPLIT_THRESHOLD_BYTES = 262_144;

/**
 * Importer settings: IPIP-499 profile `unixfs-v1-2025` (CIDv1, raw leaves, sha2-256, 1 MiB fixed-size chunks,
 * balanced layout with 1024 children, HAMT above 256 KiB measured in block bytes), every value spelled out, no
 * mtime/mode metadata, everything wrapped in one directory.
 */
export function importOptions(): AddOptions {
  return {
    profile: "unixfs-v1-2025",
    cidVersion: 1,
    rawLeaves: true,
    reduceSingleLeafToSelf: true,
    chunker: fixedSize({ chunkSize: CHUNK_SIZE }),
    layout: balanced({ maxChildrenPerNode: MAX_CHILDREN_PER_NODE }),
    shardSplitThresholdBytes: SHARD_SPLIT_THRESHOLD_BYTES,
    shardSplitStrategy: "block-bytes",
    shardFanoutBits: 8,
    fieldOrder: "links-first",
    wrapWithDirectory: true,
  };
}

export interface DirectoryFile {
  /** Relative path inside the directory, `/`-separated, e.g. `weights/layer0.bin`. */
  path: string;
  bytes: Uint8Array;
}

export interface ImportedFile {
  path: string;
  cid: string;
  /** File size in bytes. */
  size: number;
}

export interface ImportedDirectory {
  /** Root CID of the wrapping directory. */
  cid: string;
  /** Every file, sorted by path. */
  files: ImportedFile[];
}

export const MAX_PATH_BYTES = 1024;
export const MAX_NAME_BYTES = 255;
export const MAX_FILES = 10_000;
export { DEFAULT_MAX_UPLOAD_BYTES } from "./limits.ts";

/** A path or file set that cannot be stored. The node answers 400 with `message`. */
export class InvalidUploadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidUploadError";
  }
}

const utf8 = new TextEncoder();

/**
 * Throws InvalidUploadError unless `path` is a plain relative path: non-empty, `/`-separated, no leading `/`, no
 * empty, `.` or `..` segment, no backslash or control character, at most 1024 bytes (255 per name). Names are used
 * byte for byte (no Unicode normalisation).
 */
export function checkRelativePath(path: unknown): string {
  if (typeof path !== "string" || path === "") {
    throw new InvalidUploadError("bad path: empty file path");
  }
  const shown = JSON.stringify(path);
  if (path.startsWith("/")) {
    throw new InvalidUploadError(
      `bad path ${shown}: absolute paths are not allowed, use a path relative to the directory`,
    );
  }
  if (/^[A-Za-z]:/.test(path)) {
    throw new InvalidUploadError(`bad path ${shown}: drive letters are not allowed, use a relative path`);
  }
  if (path.includes("\\")) {
    throw new InvalidUploadError(`bad path ${shown}: use "/" as the separator, backslashes are not allowed`);
  }
  if (/[\u0000-\u001f\u007f]/.test(path)) {
    throw new InvalidUploadError(`bad path ${shown}: control characters are not allowed`);
  }
  if (utf8.encode(path).length > MAX_PATH_BYTES) {
    throw new InvalidUploadError(`bad path ${shown}: longer than ${MAX_PATH_BYTES} bytes`);
  }
  for (const segment of path.split("/")) {
    if (segment === "..") {
      throw new InvalidUploadError(`bad path ${shown}: ".." (parent directory) is not allowed`);
    }
    if (segment === ".") {
      throw new InvalidUploadError(`bad path ${shown}: "." segments are not allowed`);
    }
    if (segment === "") {
      throw new InvalidUploadError(`bad path ${shown}: empty segment (leading, trailing or doubled "/")`);
    }
    if (utf8.encode(segment).length > MAX_NAME_BYTES) {
      throw new InvalidUploadError(`bad path ${shown}: a name is longer than ${MAX_NAME_BYTES} bytes`);
    }
  }
  return path;
}

/**
 * Checks a whole file set: at least one file, at most MAX_FILES, every path valid, no duplicate, and no path that
 * is both a file and a directory (`a` and `a/b`). Returns the files sorted by path.
 */
export function checkDirectoryFiles(files: readonly DirectoryFile[], maxFiles = MAX_FILES): DirectoryFile[] {
  if (!Array.isArray(files) || files.length === 0) {
    throw new InvalidUploadError("no files: a directory needs at least one file");
  }
  if (files.length > maxFiles) {
    throw new InvalidUploadError(`too many files: ${files.length} (at most ${maxFiles})`);
  }
  const seen = new Set<string>();
  for (const file of files) {
    checkRelativePath(file?.path);
    if (!(file.bytes instanceof Uint8Array)) {
      throw new InvalidUploadError(`bad file ${JSON.stringify(file.path)}: bytes must be a Uint8Array`);
    }
    if (seen.has(file.path)) {
      throw new InvalidUploadError(`duplicate path ${JSON.stringify(file.path)}`);
    }
    seen.add(file.path);
  }
  for (const path of seen) {
    const segments = path.split("/");
    for (let i = 1; i < segments.length; i++) {
      const parent = segments.slice(0, i).join("/");
      if (seen.has(parent)) {
        throw new InvalidUploadError(
          `path conflict: ${JSON.stringify(parent)} is a file but ${JSON.stringify(path)} uses it as a directory`,
        );
      }
    }
  }
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The part of a blockstore the importer uses. */
export type ImportBlockstore = Pick<Blockstore, "get" | "put" | "has">;

/**
 * Imports `files` as ONE UnixFS directory into `blockstore` with importOptions() and returns the root CID and
 * each file's CID. Validates the file set first (InvalidUploadError).
 */
export async function importDirectory(
  blockstore: ImportBlockstore,
  files: readonly DirectoryFile[],
  options: { signal?: AbortSignal; maxFiles?: number } = {},
): Promise<ImportedDirectory> {
  const sorted = checkDirectoryFiles(files, options.maxFiles);
  const sizes = new Map(sorted.map((f) => [f.path, f.bytes.byteLength]));
  const fs = unixfs({ blockstore });
  const imported: ImportedFile[] = [];
  let root: string | undefined;
  for await (const entry of fs.addAll(
    sorted.map((f) => ({ path: f.path, content: f.bytes })),
    { ...importOptions(), signal: options.signal },
  )) {
    const path = entry.path ?? "";
    const size = sizes.get(path);
    if (size !== undefined) {
      imported.push({ path, cid: entry.cid.toString(), size });
    }
    if (path === "") {
      root = entry.cid.toString();
    }
  }
  if (root === undefined || imported.length !== sorted.length) {
    throw new Error(`import did not produce a root directory and ${sorted.length} file entries`);
  }
  imported.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { cid: root, files: imported };
}

/** A blockstore that only counts: the importer hashes every block, nothing is kept (used to compute CIDs). */
export function discardingBlockstore(): ImportBlockstore {
  return {
    async put(cid) {
      return cid;
    },
    async has() {
      return false;
    },
    // eslint-disable-next-line require-yield
    async *get(cid) {
      throw new Error(`block ${cid} was not kept: this blockstore only computes CIDs`);
    },
  };
}
