// Reads a model or dataset directory from disk: its files (for upload) and the digests the chain records.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { MANIFEST_FILENAME, manifestDigest, parseManifest, sha256Hex } from "./manifest.ts";

export type DirectoryFile = { path: string; bytes: Uint8Array };

export type ContentDirectory = {
  dir: string;
  files: DirectoryFile[];
  /** `0x` + sha256 of manifest.json: what the registry stores and the browser checks first. */
  manifestDigest: `0x${string}`;
  /** `0x` + sha256 of card.json (also covered by the manifest). */
  cardDigest: `0x${string}`;
  card: Record<string, unknown>;
};

/** Every file under `dir`, with POSIX paths relative to it, in a stable order. */
export function readDirectoryFiles(dir: string, prefix = ""): DirectoryFile[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      const relative = prefix ? `${prefix}/${name}` : name;
      if (statSync(full).isDirectory()) return readDirectoryFiles(full, relative);
      return [{ path: relative, bytes: new Uint8Array(readFileSync(full)) }];
    });
}

/** Reads `dir`, checking that manifest.json lists exactly the other files with their sizes and hashes. */
export async function readContentDirectory(dir: string): Promise<ContentDirectory> {
  const files = readDirectoryFiles(dir);
  const manifestFile = files.find((f) => f.path === MANIFEST_FILENAME);
  if (!manifestFile) throw new Error(`${dir}: no ${MANIFEST_FILENAME}`);
  const manifest = parseManifest(manifestFile.bytes);
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const file of files) {
    if (file.path === MANIFEST_FILENAME) continue;
    const entry = manifest.files.find((f) => f.path === file.path);
    if (!entry) throw new Error(`${dir}: ${file.path} is not listed in ${MANIFEST_FILENAME}`);
    if (entry.size !== file.bytes.byteLength || entry.sha256 !== (await sha256Hex(file.bytes))) {
      throw new Error(`${dir}: ${file.path} does not match ${MANIFEST_FILENAME}`);
    }
    listed.delete(file.path);
  }
  if (listed.size) throw new Error(`${dir}: ${[...listed].join(", ")} listed in ${MANIFEST_FILENAME} but missing`);
  const cardFile = files.find((f) => f.path === "card.json");
  if (!cardFile) throw new Error(`${dir}: no card.json`);
  return {
    dir,
    files,
    manifestDigest: await manifestDigest(manifestFile.bytes),
    cardDigest: `0x${await sha256Hex(cardFile.bytes)}`,
    card: JSON.parse(new TextDecoder().decode(cardFile.bytes)),
  };
}
