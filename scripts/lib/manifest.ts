/**
 * ModelDAO content manifest, format "modeldao-manifest/1".
 *
 * A model version or a dataset is a directory of files. Its canonical manifest is the UTF-8 encoding of
 *
 *   JSON.stringify({ format: "modeldao-manifest/1", files: [{ path, size, sha256 }, ...] })
 *
 * with `files` sorted by the UTF-8 bytes of `path` (strictly ascending, so no duplicates), `sha256` the lowercase
 * hex SHA-256 of the file, `size` its length in bytes, keys in exactly that order and no whitespace. The directory
 * stores those exact bytes as `manifest.json` (which is not listed in itself). The on-chain `manifestDigest` is
 * `0x` + the lowercase hex SHA-256 of the manifest bytes.
 *
 * This module is shared by Node scripts and the browser: it uses only WebCrypto (`crypto.subtle`), TextEncoder and
 * TextDecoder, which exist in both.
 */

export const MANIFEST_FORMAT = "modeldao-manifest/1";
export const MANIFEST_FILENAME = "manifest.json";

export interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  files: ManifestFile[];
}

export interface FileEntry {
  path: string;
  bytes: Uint8Array;
}

export interface BuiltManifest {
  manifest: Manifest;
  /** Canonical UTF-8 bytes: exactly what `manifest.json` holds. */
  bytes: Uint8Array;
  /** `0x` + sha256(bytes), lowercase hex: the on-chain manifestDigest. */
  digest: `0x${string}`;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const encoder = new TextEncoder();

/** Lowercase hex SHA-256 of `bytes`, via WebCrypto (Node >= 20 and browsers). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // digest() refuses SharedArrayBuffer-backed views: only those are copied into an ArrayBuffer first (the evaluation
  // hashes every file it downloads, on the page's thread).
  const view = bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
  const digest = await globalThis.crypto.subtle.digest("SHA-256", view);
  return toHex(new Uint8Array(digest));
}

/** Lowercase hex of `bytes` (the form manifests give SHA-256 digests in). */
export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}

/** Compares two strings by their UTF-8 bytes (which is not JavaScript's default UTF-16 code-unit order). */
export function compareUtf8(a: string, b: string): number {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    if (x[i] !== y[i]) return x[i] - y[i];
  }
  return x.length - y.length;
}

/**
 * Throws unless `path` is a relative POSIX path made of non-empty segments other than `.` and `..`, without a
 * leading `/`, backslashes, control characters or unpaired UTF-16 surrogates (which have no UTF-8 encoding).
 */
export function validatePath(path: unknown): asserts path is string {
  if (typeof path !== "string") throw new Error(`invalid manifest path ${JSON.stringify(path)}: not a string`);
  const shown = JSON.stringify(path);
  if (path.length === 0) throw new Error('invalid manifest path "": empty');
  if (path.startsWith("/")) throw new Error(`invalid manifest path ${shown}: must be relative (no leading "/")`);
  if (path.includes("\\")) throw new Error(`invalid manifest path ${shown}: backslashes are not allowed`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) {
    throw new Error(`invalid manifest path ${shown}: control characters are not allowed`);
  }
  if (new TextDecoder().decode(encoder.encode(path)) !== path) {
    throw new Error(`invalid manifest path ${shown}: not valid Unicode (unpaired surrogate)`);
  }
  for (const segment of path.split("/")) {
    if (segment === "") throw new Error(`invalid manifest path ${shown}: empty segment (double or trailing "/")`);
    if (segment === "." || segment === "..") {
      throw new Error(`invalid manifest path ${shown}: "${segment}" segments are not allowed`);
    }
  }
}

/** The canonical bytes of a manifest whose entries are already validated and sorted. */
function canonicalBytes(files: readonly ManifestFile[]): Uint8Array {
  return encoder.encode(
    JSON.stringify({
      format: MANIFEST_FORMAT,
      files: files.map((f) => ({ path: f.path, size: f.size, sha256: f.sha256 })),
    }),
  );
}

/** `0x` + lowercase hex SHA-256 of the manifest bytes. */
export async function manifestDigest(manifestBytes: Uint8Array): Promise<`0x${string}`> {
  return `0x${await sha256Hex(manifestBytes)}`;
}

/**
 * Builds the canonical manifest of a directory's files (any order; `manifest.json` at the root must not be among
 * them). Throws on invalid or duplicate paths.
 */
export async function buildManifest(files: readonly FileEntry[]): Promise<BuiltManifest> {
  const entries: ManifestFile[] = [];
  for (const file of files) {
    validatePath(file.path);
    if (file.path === MANIFEST_FILENAME) {
      throw new Error(`"${MANIFEST_FILENAME}" cannot be listed in its own manifest`);
    }
    if (!(file.bytes instanceof Uint8Array))
      throw new Error(`file ${JSON.stringify(file.path)}: bytes must be a Uint8Array`);
    entries.push({ path: file.path, size: file.bytes.length, sha256: await sha256Hex(file.bytes) });
  }
  entries.sort((a, b) => compareUtf8(a.path, b.path));
  for (let i = 1; i < entries.length; i++) {
    if (entries[i - 1].path === entries[i].path) {
      throw new Error(`duplicate manifest path ${JSON.stringify(entries[i].path)}`);
    }
  }
  const bytes = canonicalBytes(entries);
  return { manifest: { format: MANIFEST_FORMAT, files: entries }, bytes, digest: await manifestDigest(bytes) };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function expectKeys(obj: Record<string, unknown>, keys: readonly string[], where: string): void {
  const actual = Object.keys(obj);
  if (actual.length !== keys.length || actual.some((k, i) => k !== keys[i])) {
    throw new Error(
      `invalid manifest: ${where} must have exactly the keys ${keys.join(", ")} in that order; got ${actual.join(", ") || "none"}`,
    );
  }
}

/**
 * Parses `manifest.json` bytes and validates them strictly: valid UTF-8 JSON, the exact schema, valid paths, valid
 * sizes and digests, strictly ascending UTF-8 path order, and bytes identical to the canonical encoding (so there is
 * exactly one accepted byte string per manifest, and its digest is well defined).
 */
export function parseManifest(bytes: Uint8Array): Manifest {
  if (!(bytes instanceof Uint8Array)) throw new Error("invalid manifest: expected bytes (Uint8Array)");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new Error("invalid manifest: not valid UTF-8");
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`invalid manifest: not valid JSON (${(e as Error).message})`);
  }
  if (!isPlainObject(data)) throw new Error("invalid manifest: top level must be a JSON object");
  expectKeys(data, ["format", "files"], "the top-level object");
  if (data.format !== MANIFEST_FORMAT) {
    throw new Error(`invalid manifest: format must be "${MANIFEST_FORMAT}", got ${JSON.stringify(data.format)}`);
  }
  if (!Array.isArray(data.files)) throw new Error("invalid manifest: files must be an array");
  const files: ManifestFile[] = [];
  data.files.forEach((entry: unknown, i: number) => {
    const where = `files[${i}]`;
    if (!isPlainObject(entry)) throw new Error(`invalid manifest: ${where} must be an object`);
    expectKeys(entry, ["path", "size", "sha256"], where);
    const { path, size, sha256 } = entry;
    validatePath(path);
    if (path === MANIFEST_FILENAME) throw new Error(`invalid manifest: ${where} lists "${MANIFEST_FILENAME}" itself`);
    if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) {
      throw new Error(
        `invalid manifest: ${where} (${JSON.stringify(path)}) size must be a non-negative integer, got ${JSON.stringify(size)}`,
      );
    }
    if (typeof sha256 !== "string" || !SHA256_HEX.test(sha256)) {
      throw new Error(
        `invalid manifest: ${where} (${JSON.stringify(path)}) sha256 must be 64 lowercase hex digits, got ${JSON.stringify(sha256)}`,
      );
    }
    if (i > 0 && compareUtf8(files[i - 1].path, path) >= 0) {
      throw new Error(
        `invalid manifest: files must be sorted by path (UTF-8 byte order) without duplicates; ${JSON.stringify(path)} comes after ${JSON.stringify(files[i - 1].path)}`,
      );
    }
    files.push({ path, size, sha256 });
  });
  const canonical = canonicalBytes(files);
  if (canonical.length !== bytes.length || canonical.some((b, i) => b !== bytes[i])) {
    throw new Error(
      "invalid manifest: bytes are not in canonical form (whitespace, escaping, number format or a byte-order mark differ)",
    );
  }
  return { format: MANIFEST_FORMAT, files };
}

/** The files and bytes that the directories of these manifests hold in all (what downloading them all costs). */
export function contentSize(manifests: readonly Manifest[]): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const manifest of manifests)
    for (const file of manifest.files) {
      bytes += file.size;
      files += 1;
    }
  return { bytes, files };
}

/** The manifest entry for `path`, or throws naming the file. */
export function manifestEntry(manifest: Manifest, path: string): ManifestFile {
  const entry = manifest.files.find((f) => f.path === path);
  if (!entry) throw new Error(`file ${JSON.stringify(path)} is not listed in the manifest`);
  return entry;
}

/** Throws a clear error naming the file unless `bytes` match its manifest entry (size, then sha256). */
export async function verifyFile(
  manifest: Manifest,
  path: string,
  bytes: Uint8Array,
  /** The bytes' SHA-256 (hex) when already computed and checked (a single-block file's content address). */
  knownSha256?: string,
): Promise<void> {
  const entry = manifestEntry(manifest, path);
  if (bytes.length !== entry.size) {
    throw new Error(
      `file ${JSON.stringify(path)} does not match the manifest: size expected ${entry.size} bytes, actual ${bytes.length} bytes`,
    );
  }
  const actual = knownSha256 ?? (await sha256Hex(bytes));
  if (actual !== entry.sha256) {
    throw new Error(
      `file ${JSON.stringify(path)} does not match the manifest: sha256 expected ${entry.sha256}, actual ${actual}`,
    );
  }
}

/**
 * Verifies a complete directory listing against a manifest: every listed file present and matching, and no unlisted
 * file (other than `manifest.json` itself at the root).
 */
export async function verifyFiles(manifest: Manifest, files: readonly FileEntry[]): Promise<void> {
  const seen = new Set<string>();
  for (const file of files) {
    if (file.path === MANIFEST_FILENAME) continue;
    if (seen.has(file.path)) throw new Error(`file ${JSON.stringify(file.path)} given twice`);
    seen.add(file.path);
    await verifyFile(manifest, file.path, file.bytes);
  }
  const missing = manifest.files.filter((f) => !seen.has(f.path)).map((f) => JSON.stringify(f.path));
  if (missing.length > 0) throw new Error(`missing file(s) listed in the manifest: ${missing.join(", ")}`);
}
