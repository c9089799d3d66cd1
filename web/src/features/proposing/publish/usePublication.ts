// Preparing and uploading a content directory from the browser: the files are checked, the manifest built and the
// CID computed here (the same code the maintainer scripts run), then uploaded with progress; the content node's CID
// must equal the one computed here. The IPFS code loads only when a maintainer picks files.
import { useCallback, useEffect, useRef, useState } from "react";
import type { FileEntry } from "../../../../../scripts/lib/manifest.ts";
import type { ImportedDirectory, UploadProgress } from "../../../../../scripts/ipfs/client.ts";
import { uploadUrl } from "../../../config/deployment.ts";

const loadContent = () => import("../../../../../scripts/ipfs/client.ts");

export type PreparedState<T> =
  | { phase: "empty" }
  | { phase: "checking" }
  | { phase: "invalid"; message: string }
  | { phase: "ready"; prepared: T; cid: string; computed: ImportedDirectory };

/** Checks picked files with `prepare` and computes the directory's CID before anything leaves the browser. */
export function usePreparedDirectory<T extends { files: FileEntry[] }>(prepare: (files: FileEntry[]) => Promise<T>) {
  const [state, setState] = useState<PreparedState<T>>({ phase: "empty" });
  const latest = useRef(0);
  const choose = useCallback(
    async (read: () => Promise<FileEntry[]>) => {
      const attempt = ++latest.current;
      setState({ phase: "checking" });
      try {
        const prepared = await prepare(await read());
        const { computeDirectory } = await loadContent();
        const computed = await computeDirectory(prepared.files);
        if (attempt === latest.current) setState({ phase: "ready", prepared, cid: computed.cid, computed });
      } catch (error) {
        if (attempt === latest.current) setState({ phase: "invalid", message: (error as Error).message });
      }
    },
    [prepare],
  );
  return { state, choose };
}

export type UploadState =
  | { phase: "idle" }
  | { phase: "uploading"; progress: UploadProgress }
  | { phase: "uploaded"; cid: string }
  | { phase: "failed"; message: string };

/** Uploads a directory to the configured endpoint; cancellable, and canceled when the page goes away. */
export function useDirectoryUpload() {
  const [state, setState] = useState<UploadState>({ phase: "idle" });
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  /** Uploads `files`, whose CIDs `computed` holds (computed when they were picked: they are not hashed again). */
  const upload = useCallback(async (files: FileEntry[], computed: ImportedDirectory): Promise<string> => {
    if (!uploadUrl) throw new Error("No upload endpoint is configured for this build (VITE_CONTENT_UPLOAD_URL).");
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    const total = files.reduce((sum, f) => sum + f.bytes.byteLength, 0);
    setState({ phase: "uploading", progress: { phase: "hashing", loaded: 0, total } });
    try {
      const { uploadDirectory } = await loadContent();
      const signal = AbortSignal.any([abort.signal, AbortSignal.timeout(300_000)]);
      // uploadDirectory refuses an answer whose CIDs differ from `computed`: the node stored what the page showed.
      const result = await uploadDirectory(uploadUrl, files, {
        signal,
        computed,
        onProgress: (progress) => setState({ phase: "uploading", progress }),
      });
      setState({ phase: "uploaded", cid: result.cid });
      return result.cid;
    } catch (error) {
      const message = abort.signal.aborted ? "Upload canceled." : `Upload failed: ${(error as Error).message}`;
      setState({ phase: "failed", message });
      throw new Error(message, { cause: error });
    }
  }, []);

  const cancel = useCallback(() => controller.current?.abort(), []);
  return { state, upload, cancel };
}
