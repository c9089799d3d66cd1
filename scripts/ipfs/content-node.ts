// ModelDAO's local IPFS content node: a Helia node with no network at all (no libp2p, no block brokers, no
// routers) whose blocks live on disk (FsBlockstore under `dataDir`, the recent ones also in memory), and a small
// HTTP server on 127.0.0.1 that serves them as a trustless gateway and accepts directory uploads. See
// scripts/ipfs/README.md.
//
//   node scripts/ipfs/content-node.ts --port 8080 --data .data/ipfs
import http from "node:http";
import { once } from "node:events";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { car, UnixFSPath } from "@helia/car";
import { unixfs } from "@helia/unixfs";
import { FsBlockstore } from "blockstore-fs";
import { CachedBlockstore } from "./cached-blockstore.ts";
import { exportDag, isUnixFsRoot } from "./car-export.ts";
import { createHeliaLight } from "helia";
import { CID } from "multiformats/cid";
import {
  DEFAULT_MAX_UPLOAD_BYTES,
  importDirectory,
  importOptions,
  InvalidUploadError,
  MAX_FILES,
} from "./unixfs-import.ts";
import type { DirectoryFile, ImportedDirectory } from "./unixfs-import.ts";
import type { Helia } from "@helia/interface";

export const DEFAULT_DATA_DIR = ".data/ipfs";
export { DEFAULT_MAX_UPLOAD_BYTES };

export interface ContentNodeOptions {
  /** Where blocks are stored (`<dataDir>/blocks`). Default `.data/ipfs` (git-ignored). */
  dataDir?: string;
  /** TCP port; 0 picks a free one. Default 8080. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /** Largest accepted upload body in bytes (multipart framing included). Default 64 MiB. */
  maxUploadBytes?: number;
  /** Most files in one upload. Default 10 000. */
  maxFiles?: number;
  /** Bytes of recently served or stored blocks kept in memory. Default 128 MiB. */
  cacheBytes?: number;
}

export interface ContentNode {
  /** Base URL, e.g. `http://127.0.0.1:8080`: the gateway is `<url>/ipfs/…`, uploads go to `<url>/api/v0/add`. */
  url: string;
  port: number;
  helia: Helia;
  /** Stores `files` as one UnixFS directory and returns its root CID (same as POST /api/v0/add). */
  addDirectory(files: DirectoryFile[]): Promise<string>;
  /** Like addDirectory, also returning each file's CID and size. */
  importDirectory(files: DirectoryFile[]): Promise<ImportedDirectory>;
  /** Stores one file (not wrapped in a directory) and returns its CID. */
  addFile(bytes: Uint8Array): Promise<string>;
  /** Closes the HTTP server (open connections included) and the blockstore. */
  stop(): Promise<void>;
}

class HttpError extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;
  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.headers = headers;
  }
}

const GATEWAY_METHODS = "GET, HEAD, OPTIONS";
const ADD_METHODS = "POST, OPTIONS";
const IMMUTABLE = "public, max-age=29030400, immutable";
const NOT_FOUND_ERRORS = new Set([
  "BlockNotFoundWhileOfflineError",
  "NotFoundError",
  "DoesNotExistError",
  "BadPathError",
]);

/** Starts the node; rejects with a clear message if the port is taken (EADDRINUSE) or the data dir is unusable. */
export async function startContentNode(options: ContentNodeOptions = {}): Promise<ContentNode> {
  const dataDir = path.resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const host = options.host ?? "127.0.0.1";
  const requestedPort = options.port ?? 8080;
  const maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const maxFiles = options.maxFiles ?? MAX_FILES;

  const disk = new FsBlockstore(path.join(dataDir, "blocks"));
  await disk.open();
  // Recently served and stored blocks stay in memory: streaming a directory block by block from disk was most of
  // the time a CAR answer took (cached-blockstore.ts).
  const blockstore = new CachedBlockstore(disk, { maxBytes: options.cacheBytes });
  // No block brokers and no routers: a block that is not on disk is missing, there is nowhere to look for it.
  const helia = createHeliaLight({ blockstore, blockBrokers: [], routers: [] });
  await helia.start();
  const fs = unixfs(helia);
  const cars = car(helia);

  const node = {
    async importDirectory(files: DirectoryFile[], signal?: AbortSignal): Promise<ImportedDirectory> {
      return importDirectory(helia.blockstore, files, { signal, maxFiles });
    },
    async addFile(bytes: Uint8Array): Promise<string> {
      const { wrapWithDirectory: _ignored, ...fileOptions } = importOptions();
      return (await fs.addBytes(bytes, fileOptions)).toString();
    },
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    res.setHeader("access-control-allow-origin", "*");
    // Pages may time their requests here in full (Resource Timing), as they may read the answers.
    res.setHeader("timing-allow-origin", "*");
    res.setHeader(
      "access-control-expose-headers",
      "content-length, content-type, etag, x-ipfs-path, x-ipfs-roots, x-content-type-options",
    );
    const url = new URL(req.url ?? "/", "http://content-node");
    const method = req.method ?? "GET";

    if (url.pathname === "/ipfs" || url.pathname.startsWith("/ipfs/")) {
      if (method === "OPTIONS") return preflight(req, res, GATEWAY_METHODS);
      if (method !== "GET" && method !== "HEAD") {
        throw new HttpError(405, `method ${method} not allowed on /ipfs/: use GET or HEAD`, { allow: GATEWAY_METHODS });
      }
      return serveGateway(req, res, url, method === "HEAD");
    }
    if (url.pathname === "/api/v0/add") {
      if (method === "OPTIONS") return preflight(req, res, ADD_METHODS);
      if (method !== "POST") {
        throw new HttpError(405, `method ${method} not allowed on /api/v0/add: use POST`, { allow: ADD_METHODS });
      }
      return serveAdd(req, res);
    }
    throw new HttpError(404, `no such endpoint ${url.pathname}: use GET /ipfs/<cid>[/<path>] or POST /api/v0/add`);
  }

  function preflight(req: http.IncomingMessage, res: http.ServerResponse, methods: string): void {
    res.setHeader("access-control-allow-methods", methods);
    res.setHeader(
      "access-control-allow-headers",
      req.headers["access-control-request-headers"] ?? "content-type, accept, range",
    );
    res.setHeader("access-control-max-age", "86400");
    // Chrome's Private Network Access: a public page may talk to this loopback node only if it says so.
    if (req.headers["access-control-request-private-network"] === "true") {
      res.setHeader("access-control-allow-private-network", "true");
    }
    res.setHeader("allow", methods);
    res.writeHead(204).end();
  }

  /** One block's bytes (a cached block is its stored bytes, not a copy). */
  async function readBlock(cid: CID, signal: AbortSignal): Promise<Uint8Array> {
    const chunks: Uint8Array[] = [];
    for await (const chunk of blockstore.get(cid, { signal })) chunks.push(chunk);
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
  }

  async function serveGateway(req: http.IncomingMessage, res: http.ServerResponse, url: URL, head: boolean) {
    const [cidText = "", ...rest] = url.pathname.slice("/ipfs/".length).split("/");
    let cid: CID;
    try {
      cid = CID.parse(cidText);
    } catch {
      throw new HttpError(400, `invalid CID ${JSON.stringify(cidText)}`);
    }
    let segments: string[];
    try {
      segments = rest.filter((s) => s !== "").map((s) => decodeURIComponent(s));
    } catch {
      throw new HttpError(400, "path is not valid percent-encoding");
    }
    const subPath = segments.join("/");
    const ipfsPath = `/ipfs/${cid}${subPath === "" ? "" : `/${subPath}`}`;
    const format = requestedFormat(url, req.headers.accept);
    const signal = requestSignal(req, res);

    if (format === "raw") {
      if (subPath !== "") {
        throw new HttpError(400, "format=raw returns exactly one block: request /ipfs/<cid>?format=raw without a path");
      }
      if (!(await blockstore.has(cid))) throw new HttpError(404, `block ${cid} is not stored on this node`);
      const block = await readBlock(cid, signal);
      res.writeHead(200, {
        "content-type": "application/vnd.ipld.raw",
        "content-length": String(block.byteLength),
        "content-disposition": `attachment; filename="${cid}.bin"`,
        "x-content-type-options": "nosniff",
        "cache-control": IMMUTABLE,
        etag: `"${cid}.raw"`,
        "x-ipfs-path": ipfsPath,
        vary: "accept",
      });
      res.end(head ? undefined : block);
      return;
    }

    if (!(await blockstore.has(cid))) throw new HttpError(404, `block ${cid} is not stored on this node`);

    if (format === "car") {
      if (subPath !== "") await statOrNotFound(cid, subPath, ipfsPath, signal);
      const headers = {
        "content-type": "application/vnd.ipld.car; version=1; order=dfs; dups=n",
        "content-disposition": `attachment; filename="${cid}.car"`,
        "x-content-type-options": "nosniff",
        "cache-control": IMMUTABLE,
        etag: `"${cid}${subPath === "" ? "" : `/${subPath}`}.car"`,
        "x-ipfs-path": ipfsPath,
        vary: "accept",
      };
      if (head) {
        res.writeHead(200, headers).end();
        return;
      }
      if (subPath === "" && isUnixFsRoot(cid)) {
        res.writeHead(200, headers);
        await exportDag(
          cid,
          (block) => readBlock(block, signal),
          { write: (bytes) => res.write(bytes), drained: () => drained(res, signal) },
          signal,
        );
        res.end();
        return;
      }
      const stream = cars.export(cid, {
        offline: true,
        signal,
        ...(subPath === "" ? {} : { traversal: new UnixFSPath(subPath), includeTraversalBlocks: true }),
      });
      // Read the first chunk before committing to 200, so a DAG whose blocks are missing fails as an error.
      const first = await stream.next();
      res.writeHead(200, headers);
      if (first.done !== true) res.write(first.value);
      // Blocks come from memory (cached-blockstore.ts), so the export would otherwise run to the socket's limit
      // without returning to the event loop: yielding after each chunk lets other answers (a page asks for several
      // directories at once) start and go on side by side.
      for await (const chunk of stream) {
        if (!res.write(chunk)) await once(res, "drain", { signal });
        else await yieldToEventLoop();
      }
      res.end();
      return;
    }

    // No format: the UnixFS content itself (a convenience for tools; browsers must verify with client.ts).
    const stat = await statOrNotFound(cid, subPath, ipfsPath, signal);
    const common = {
      "x-content-type-options": "nosniff",
      "cache-control": IMMUTABLE,
      etag: `"${stat.cid}"`,
      "x-ipfs-path": ipfsPath,
      "x-ipfs-roots": String(cid),
    };
    if (stat.type === "directory") {
      const entries: Array<{ name: string; cid: string }> = [];
      for await (const entry of fs.ls(cid, { path: subPath, offline: true, signal })) {
        entries.push({ name: entry.name, cid: entry.cid.toString() });
      }
      const body = JSON.stringify({ cid: stat.cid.toString(), path: ipfsPath, entries });
      res.writeHead(200, { ...common, "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(head ? undefined : body);
      return;
    }
    res.writeHead(200, {
      ...common,
      "content-type": contentTypeFor(subPath),
      "content-length": String(stat.size),
    });
    if (head) {
      res.end();
      return;
    }
    for await (const chunk of fs.cat(cid, { path: subPath, offline: true, signal })) {
      if (!res.write(chunk)) await once(res, "drain", { signal });
    }
    res.end();
  }

  async function statOrNotFound(cid: CID, subPath: string, ipfsPath: string, signal: AbortSignal) {
    try {
      return await fs.stat(cid, { path: subPath, offline: true, signal });
    } catch (err) {
      if (NOT_FOUND_ERRORS.has((err as Error).name)) {
        throw new HttpError(404, `${ipfsPath} not found on this node: ${(err as Error).message}`);
      }
      throw err;
    }
  }

  async function serveAdd(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const contentType = req.headers["content-type"] ?? "";
    if (!/^multipart\/form-data\s*;/i.test(contentType)) {
      throw new HttpError(
        415,
        "POST /api/v0/add expects a multipart/form-data body: one part per file, named 'file', whose filename is " +
          "the URI-encoded relative path (encodeURIComponent('weights/layer0.bin'))",
      );
    }
    const declared = Number(req.headers["content-length"] ?? NaN);
    if (declared > maxUploadBytes) throw tooLarge(declared);

    const body = await readBody(req, maxUploadBytes);
    let form: FormData;
    try {
      form = await new Response(body as Uint8Array<ArrayBuffer>, {
        headers: { "content-type": contentType },
      }).formData();
    } catch (err) {
      throw new HttpError(400, `could not parse the multipart/form-data body: ${(err as Error).message}`);
    }
    const parts: Array<[string, FormDataEntryValue]> = [];
    form.forEach((value, field) => parts.push([field, value]));
    const files: DirectoryFile[] = [];
    for (const [field, value] of parts) {
      if (typeof value === "string") {
        throw new HttpError(400, `unexpected text field ${JSON.stringify(field)}: every part must be a file`);
      }
      let filePath: string;
      try {
        filePath = decodeURIComponent(value.name);
      } catch {
        throw new HttpError(400, `filename ${JSON.stringify(value.name)} is not valid percent-encoding`);
      }
      files.push({ path: filePath, bytes: new Uint8Array(await value.arrayBuffer()) });
    }
    let result: ImportedDirectory;
    try {
      result = await node.importDirectory(files, requestSignal(req, res));
    } catch (err) {
      if (err instanceof InvalidUploadError) throw new HttpError(400, err.message);
      throw err;
    }
    sendJson(res, 200, result);
  }

  function tooLarge(bytes: number | undefined): HttpError {
    const size = bytes === undefined ? "more than that" : `${bytes} bytes`;
    return new HttpError(413, `upload too large: at most ${maxUploadBytes} bytes per request, got ${size}`, {
      connection: "close",
    });
  }

  /** Buffers the request body, failing with 413 as soon as it passes `limit` bytes. */
  async function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      total += chunk.byteLength;
      if (total > limit) throw tooLarge(undefined);
      chunks.push(chunk);
    }
    return Buffer.concat(chunks, total);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => fail(req, res, err));
  });
  server.keepAliveTimeout = 5_000;

  function fail(req: http.IncomingMessage, res: http.ServerResponse, err: unknown): void {
    if (res.headersSent) {
      // A stream broke half-way (client gone, block missing mid-DAG): cut the connection so it cannot look complete.
      res.destroy(err instanceof Error ? err : undefined);
      return;
    }
    const httpError =
      err instanceof HttpError ? err : new HttpError(500, `internal error: ${(err as Error)?.message ?? String(err)}`);
    if (httpError.status === 500) console.error("content node:", err);
    for (const [name, value] of Object.entries(httpError.headers)) res.setHeader(name, value);
    sendJson(res, httpError.status, { error: httpError.message });
    if (!req.complete) {
      // Answer at once, then discard what the client is still sending (so it can read the answer) for a short while.
      req.resume();
      // The socket may already be gone (the client hung up, or the node stopped) when the timer fires.
      const timer = setTimeout(() => req.socket?.destroy(), 5_000);
      timer.unref();
      req.once("end", () => clearTimeout(timer));
      req.once("close", () => clearTimeout(timer));
    }
  }

  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(requestedPort, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (err) {
    await helia.stop();
    await disk.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") {
      throw new Error(`content node: port ${requestedPort} on ${host} is already in use (EADDRINUSE)`, { cause: err });
    }
    throw new Error(`content node: cannot listen on ${host}:${requestedPort}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  server.on("error", (err) => console.error("content node: server error:", err));

  const port = (server.address() as { port: number }).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  let stopped: Promise<void> | undefined;

  return {
    url,
    port,
    helia,
    importDirectory: (files) => node.importDirectory(files),
    addDirectory: async (files) => (await node.importDirectory(files)).cid,
    addFile: node.addFile,
    stop() {
      stopped ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
        await helia.stop();
        await disk.close();
      })();
      return stopped;
    },
  };
}

/** `?format=raw|car`, else the Accept header (application/vnd.ipld.raw / .car), else the plain UnixFS content. */
function requestedFormat(url: URL, accept: string | undefined): "raw" | "car" | undefined {
  const format = url.searchParams.get("format");
  if (format !== null) {
    if (format === "raw" || format === "car") return format;
    throw new HttpError(400, `unsupported format ${JSON.stringify(format)}: use format=raw or format=car`);
  }
  const types = (accept ?? "").split(",").map((t) => t.split(";")[0].trim().toLowerCase());
  if (types.includes("application/vnd.ipld.raw")) return "raw";
  if (types.includes("application/vnd.ipld.car")) return "car";
  return undefined;
}

/** Resolves when the response's buffer has room again (rejects when the request is aborted). */
async function drained(res: http.ServerResponse, signal: AbortSignal): Promise<void> {
  await once(res, "drain", { signal });
}

/** An AbortSignal that fires when the client goes away. */
function requestSignal(req: http.IncomingMessage, res: http.ServerResponse): AbortSignal {
  const controller = new AbortController();
  const abort = () => {
    if (!res.writableFinished) controller.abort(new Error("client closed the connection"));
  };
  res.once("close", abort);
  req.once("aborted", abort);
  return controller.signal;
}

const CONTENT_TYPES: Record<string, string> = {
  json: "application/json",
  txt: "text/plain; charset=utf-8",
  md: "text/plain; charset=utf-8",
  csv: "text/csv; charset=utf-8",
};

function contentTypeFor(filePath: string): string {
  const ext = filePath.includes(".") ? filePath.slice(filePath.lastIndexOf(".") + 1).toLowerCase() : "";
  return CONTENT_TYPES[ext] ?? "application/octet-stream";
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

function parseArgs(argv: string[]): ContentNodeOptions {
  const options: ContentNodeOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const need = (): string => {
      if (value === undefined) throw new Error(`${flag} needs a value`);
      i++;
      return value;
    };
    if (flag === "--port") options.port = Number(need());
    else if (flag === "--data") options.dataDir = need();
    else if (flag === "--host") options.host = need();
    else if (flag === "--max-upload-mib") options.maxUploadBytes = Number(need()) * 1024 * 1024;
    else if (flag === "--help" || flag === "-h") {
      console.log(
        "usage: node scripts/ipfs/content-node.ts [--port 8080] [--data .data/ipfs] [--host 127.0.0.1] [--max-upload-mib 64]",
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${flag} (try --help)`);
  }
  if (options.port !== undefined && !(Number.isInteger(options.port) && options.port >= 0 && options.port < 65536)) {
    throw new Error(`--port must be an integer between 0 and 65535`);
  }
  if (options.maxUploadBytes !== undefined && !(options.maxUploadBytes > 0)) {
    throw new Error(`--max-upload-mib must be a positive number`);
  }
  return options;
}

async function main(): Promise<void> {
  let node: ContentNode;
  try {
    node = await startContentNode(parseArgs(process.argv.slice(2)));
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  console.log(`content node ready: ${node.url}`);
  const shutdown = (signal: string) => {
    console.log(`content node: ${signal}, stopping`);
    node.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error("content node: error while stopping:", err);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}
