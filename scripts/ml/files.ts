/** Node-only helpers to write and read artefact directories (dataset or model version) with their manifest. */
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import {
  buildManifest,
  MANIFEST_FILENAME,
  manifestDigest,
  parseManifest,
  verifyFile,
  type BuiltManifest,
  type FileEntry,
  type Manifest,
} from "../lib/manifest.ts";

/** The repository root (this file is scripts/ml/files.ts). */
export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Every regular file under `dir`, as relative POSIX paths, sorted. Throws on symlinks and other special files. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(d: string): Promise<void> {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) out.push(relative(dir, full).split(sep).join("/"));
      else throw new Error(`${full}: not a regular file or directory`);
    }
  }
  await walk(dir);
  return out.sort();
}

/** Replaces `dir` with exactly `files` plus their canonical manifest.json. */
export async function writeArtifactDir(dir: string, files: readonly FileEntry[]): Promise<BuiltManifest> {
  const built = await buildManifest(files);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const file of files) {
    const target = join(dir, ...file.path.split("/"));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.bytes);
  }
  await writeFile(join(dir, MANIFEST_FILENAME), built.bytes);
  return built;
}

export interface VerifiedDir {
  dir: string;
  manifest: Manifest;
  manifestBytes: Uint8Array;
  digest: `0x${string}`;
  /** Verified bytes of every listed file. */
  files: Map<string, Uint8Array>;
  /** The verified bytes of `path`, or throws. */
  get(path: string): Uint8Array;
  /** The verified bytes of `path` parsed as JSON. */
  json<T>(path: string): T;
}

/**
 * Reads `dir/manifest.json`, parses it strictly, then reads every listed file and verifies it (size and sha256)
 * before anything is parsed. Throws if the directory holds a file the manifest does not list.
 */
export async function loadVerifiedDir(dir: string): Promise<VerifiedDir> {
  const manifestBytes = new Uint8Array(await readFile(join(dir, MANIFEST_FILENAME)));
  const manifest = parseManifest(manifestBytes);
  const listed = new Set(manifest.files.map((f) => f.path));
  const extra = (await listFiles(dir)).filter((p) => p !== MANIFEST_FILENAME && !listed.has(p));
  if (extra.length > 0) throw new Error(`${dir}: file(s) not listed in manifest.json: ${extra.join(", ")}`);
  const files = new Map<string, Uint8Array>();
  for (const f of manifest.files) {
    const bytes = new Uint8Array(await readFile(join(dir, ...f.path.split("/"))));
    try {
      await verifyFile(manifest, f.path, bytes);
    } catch (e) {
      throw new Error(`${dir}: ${(e as Error).message}`);
    }
    files.set(f.path, bytes);
  }
  const digest = await manifestDigest(manifestBytes);
  const get = (path: string): Uint8Array => {
    const b = files.get(path);
    if (!b) throw new Error(`${dir}: "${path}" is not listed in manifest.json`);
    return b;
  };
  return {
    dir,
    manifest,
    manifestBytes,
    digest,
    files,
    get,
    json: <T>(path: string): T => JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(get(path))) as T,
  };
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
