// Files a maintainer picked or dropped, as the relative paths and bytes a content directory is built from. A dropped
// or picked folder loses its own name (the directory's CID covers what is inside it, not what it was called). Only the
// size limit comes from the IPFS code here, so the page does not load the importer before files are picked.
import type { FileEntry } from "../../../../../scripts/lib/manifest.ts";
import { DEFAULT_MAX_UPLOAD_BYTES } from "../../../../../scripts/ipfs/limits.ts";

export class PickedFilesError extends Error {}

type Picked = { path: string; file: File };

/** Drops the folder name every path shares (a picked folder "digits-cnn/model.json" becomes "model.json"). */
export function stripCommonFolder(paths: readonly string[]): string[] {
  const first = paths[0]?.split("/");
  if (!first || first.length < 2 || paths.some((p) => p.split("/")[0] !== first[0] || !p.includes("/"))) {
    return [...paths];
  }
  return paths.map((p) => p.slice(first[0].length + 1));
}

async function read(picked: readonly Picked[], maxBytes: number): Promise<FileEntry[]> {
  if (picked.length === 0) throw new PickedFilesError("No files were chosen.");
  const total = picked.reduce((sum, p) => sum + p.file.size, 0);
  if (total > maxBytes) {
    throw new PickedFilesError(
      `These files hold ${(total / 1e6).toFixed(1)} MB; one upload takes at most ${(maxBytes / 1e6).toFixed(1)} MB.`,
    );
  }
  const paths = stripCommonFolder(picked.map((p) => p.path));
  return Promise.all(
    picked.map(async (p, index) => ({ path: paths[index], bytes: new Uint8Array(await p.file.arrayBuffer()) })),
  );
}

/** From an `<input type="file">` (several files, or a folder through `webkitdirectory`). */
export function filesFromInput(list: FileList | readonly File[], maxBytes = DEFAULT_MAX_UPLOAD_BYTES) {
  const files = Array.from(list);
  return read(
    files.map((file) => ({ path: file.webkitRelativePath || file.name, file })),
    maxBytes,
  );
}

/** From a drop: files and folders (walked through the File System entries API), in any mix. */
export async function filesFromDrop(transfer: DataTransfer, maxBytes = DEFAULT_MAX_UPLOAD_BYTES) {
  const entries = Array.from(transfer.items)
    .map((item) => item.webkitGetAsEntry?.())
    .filter((entry): entry is FileSystemEntry => !!entry);
  if (entries.length === 0) return filesFromInput(transfer.files, maxBytes);
  const picked: Picked[] = [];
  for (const entry of entries) await walk(entry, picked);
  return read(picked, maxBytes);
}

async function walk(entry: FileSystemEntry, into: Picked[]): Promise<void> {
  const path = entry.fullPath.replace(/^\/+/, "");
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    into.push({ path, file });
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries answers in batches until it returns an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    for (const child of batch) await walk(child, into);
  }
}
