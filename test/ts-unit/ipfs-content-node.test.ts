// The local IPFS content node (scripts/ipfs/content-node.ts) and the browser client (scripts/ipfs/client.ts),
// exercised over real HTTP on 127.0.0.1: upload, offline CID computation, verified retrieval, persistence across a
// restart, a tampering gateway, a dead gateway, a silent gateway, and the node's refusals. Nothing leaves the host.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { CarReader } from "@ipld/car";
import { CID } from "multiformats/cid";
import { startContentNode } from "../../scripts/ipfs/content-node.ts";
import type { ContentNode } from "../../scripts/ipfs/content-node.ts";
import {
  computeDirectory,
  computeDirectoryCid,
  ContentRequestError,
  ContentTooLargeError,
  fetchVerified,
  InvalidUploadError,
  uploadDirectory,
  VerificationError,
} from "../../scripts/ipfs/client.ts";

const MiB = 1024 * 1024;
const utf8 = new TextEncoder();
const ABSENT_CID = "bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yea"; // valid, never stored

const files = [
  { path: "model.json", bytes: utf8.encode(JSON.stringify({ name: "mnist-cnn", version: 3 })) },
  { path: "README.md", bytes: utf8.encode("# MNIST CNN\nTrained on the whitelisted dataset.\n") },
  { path: "weights/layer0.bin", bytes: new Uint8Array(randomBytes(1_300_000)) }, // two 1 MiB chunks
  { path: "data/train ü 1.csv", bytes: utf8.encode("label,pixels\n7,0 0 0\n") },
  { path: "data/empty", bytes: new Uint8Array() },
];

let dataDir: string;
let node: ContentNode;
let rootCid: string;

const timeout = (ms = 5_000) => ({ signal: AbortSignal.timeout(ms) });

async function listen(server: http.Server): Promise<string> {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: http.Server): Promise<void> {
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeAllConnections();
  await closed;
}

/** A gateway in front of `target` that flips one byte of each raw block it relays (optionally only raw leaves). */
async function tamperingProxy(target: string, only?: (cid: string) => boolean) {
  const state = { tampered: 0 };
  const server = http.createServer((req, res) => {
    (async () => {
      const upstream = await fetch(`${target}${req.url}`, {
        headers: { accept: req.headers.accept ?? "*/*" },
        signal: AbortSignal.timeout(5_000),
      });
      let body = new Uint8Array(await upstream.arrayBuffer());
      const raw =
        new URL(req.url ?? "/", target).searchParams.get("format") === "raw" ||
        (req.headers.accept ?? "").includes("application/vnd.ipld.raw");
      const cid = (req.url ?? "").split("?")[0].split("/")[2] ?? "";
      if (upstream.ok && raw && (only === undefined || only(cid))) {
        body = body.byteLength === 0 ? Uint8Array.of(1) : body.slice();
        body[body.byteLength >> 1] ^= 0x01;
        state.tampered++;
      }
      res.writeHead(upstream.status, {
        "content-type": upstream.headers.get("content-type") ?? "application/octet-stream",
        "content-length": body.byteLength,
      });
      res.end(body);
    })().catch(() => res.destroy());
  });
  const url = await listen(server);
  return { url, state, close: () => close(server) };
}

function sha256Matches(cid: CID, bytes: Uint8Array): boolean {
  return Buffer.from(createHash("sha256").update(bytes).digest()).equals(Buffer.from(cid.multihash.digest));
}

function multipart(entries: Array<{ name: string; bytes: Uint8Array }>): FormData {
  const form = new FormData();
  for (const e of entries) form.append("file", new Blob([e.bytes as Uint8Array<ArrayBuffer>]), e.name);
  return form;
}

describe("IPFS content node", { timeout: 30_000 }, () => {
  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "modeldao-ipfs-"));
    node = await startContentNode({ dataDir, port: 0, maxUploadBytes: 4 * MiB });
  });

  after(async () => {
    await node?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("computes the pinned CID settings offline (IPIP-499 unixfs-v1-2025 known answer)", async () => {
    const cid = await computeDirectoryCid([
      { path: "hello.txt", bytes: utf8.encode("hello\n") },
      { path: "sub/zeros.bin", bytes: new Uint8Array(1.5 * MiB) },
    ]);
    assert.equal(cid, "bafybeif7csmbmxj76khgyym5ktzz2vnc45zvslkagthwm465jwvhdmvwoe");
  });

  it("round trip: upload, CID equals the offline computation, every file comes back verified", async () => {
    const expected = await computeDirectoryCid(files, timeout());
    assert.equal(await computeDirectoryCid([...files].reverse(), timeout()), expected, "order must not matter");

    const phases: string[] = [];
    const uploaded = await uploadDirectory(node.url, files, {
      ...timeout(10_000),
      onProgress: (p) => phases.push(p.phase),
    });
    rootCid = uploaded.cid;
    assert.equal(rootCid, expected);
    assert.match(rootCid, /^bafybei/, "CIDv1 dag-pb, base32");
    assert.deepEqual(phases, ["hashing", "uploading", "done"]);
    assert.deepEqual(
      uploaded.files.map((f) => [f.path, f.size]),
      [...files].sort((a, b) => (a.path < b.path ? -1 : 1)).map((f) => [f.path, f.bytes.byteLength]),
    );
    assert.equal(await node.addDirectory(files), rootCid, "the node's own API agrees");

    for (const file of files) {
      const bytes = await fetchVerified(node.url, rootCid, file.path, timeout());
      assert.ok(Buffer.from(bytes).equals(Buffer.from(file.bytes)), `${file.path} differs`);
    }
    const single = uploaded.files.find((f) => f.path === "README.md")!;
    const direct = await fetchVerified(node.url, single.cid, "", timeout());
    assert.equal(new TextDecoder().decode(direct), new TextDecoder().decode(files[1].bytes));
  });

  it("serves raw blocks, CARs and plain paths as a trustless gateway", async () => {
    const raw = await fetch(`${node.url}/ipfs/${rootCid}?format=raw`, timeout());
    assert.equal(raw.status, 200);
    assert.equal(raw.headers.get("content-type"), "application/vnd.ipld.raw");
    assert.equal(raw.headers.get("access-control-allow-origin"), "*");
    assert.ok(sha256Matches(CID.parse(rootCid), new Uint8Array(await raw.arrayBuffer())));

    const byAccept = await fetch(`${node.url}/ipfs/${rootCid}`, {
      headers: { accept: "application/vnd.ipld.raw" },
      ...timeout(),
    });
    assert.equal(byAccept.headers.get("content-type"), "application/vnd.ipld.raw");
    await byAccept.arrayBuffer();

    const carResponse = await fetch(`${node.url}/ipfs/${rootCid}`, {
      headers: { accept: "application/vnd.ipld.car" },
      ...timeout(),
    });
    assert.equal(carResponse.status, 200);
    const reader = await CarReader.fromBytes(new Uint8Array(await carResponse.arrayBuffer()));
    assert.deepEqual((await reader.getRoots()).map(String), [rootCid]);
    let blocks = 0;
    for await (const { cid, bytes } of reader.blocks()) {
      assert.ok(sha256Matches(cid, bytes), `CAR block ${cid} does not match its CID`);
      blocks++;
    }
    // root dir + weights/ + data/ + 3 small files + empty file + layer0 root + 2 leaves
    assert.equal(blocks, 10);

    const plain = await fetch(`${node.url}/ipfs/${rootCid}/data/${encodeURIComponent("train ü 1.csv")}`, timeout());
    assert.equal(plain.status, 200);
    assert.equal(await plain.text(), "label,pixels\n7,0 0 0\n");
    const listing = await fetch(`${node.url}/ipfs/${rootCid}/weights`, timeout());
    assert.deepEqual(
      ((await listing.json()) as { entries: Array<{ name: string }> }).entries.map((e) => e.name),
      ["layer0.bin"],
    );
  });

  it("still serves the content after a restart on the same data dir", async () => {
    await node.stop();
    node = await startContentNode({ dataDir, port: 0, maxUploadBytes: 4 * MiB });
    for (const file of files) {
      const bytes = await fetchVerified(node.url, rootCid, file.path, timeout());
      assert.ok(Buffer.from(bytes).equals(Buffer.from(file.bytes)), `${file.path} differs after restart`);
    }
  });

  it("rejects a gateway that flips one byte in every raw block, fast and without returning data", async () => {
    const proxy = await tamperingProxy(node.url);
    try {
      for (const file of ["model.json", "weights/layer0.bin"]) {
        const started = Date.now();
        await assert.rejects(fetchVerified(proxy.url, rootCid, file, timeout()), (err: Error) => {
          assert.ok(err instanceof VerificationError, `expected VerificationError, got ${err.name}: ${err.message}`);
          assert.match(err.message, /verification failed/);
          assert.ok(err.message.includes(`${rootCid}/${file}`), err.message);
          return true;
        });
        assert.ok(Date.now() - started < 10_000, "must fail well before the 5 s timeout runs out");
      }
      assert.ok(proxy.state.tampered >= 2, "the proxy really tampered with the blocks");
    } finally {
      await proxy.close();
    }
  });

  it("rejects a tampered leaf in the middle of a large file even though its root block is genuine", async () => {
    const proxy = await tamperingProxy(node.url, (cid) => cid.startsWith("bafkrei"));
    try {
      await assert.rejects(fetchVerified(proxy.url, rootCid, "weights/layer0.bin", timeout()), VerificationError);
      assert.ok(proxy.state.tampered >= 1);
    } finally {
      await proxy.close();
    }
  });

  it("reports a gateway that is down, quickly", async () => {
    const probe = http.createServer();
    const deadUrl = await listen(probe);
    await close(probe);
    const started = Date.now();
    await assert.rejects(fetchVerified(deadUrl, rootCid, "model.json", timeout()), (err: Error) => {
      assert.ok(err instanceof ContentRequestError, `${err.name}: ${err.message}`);
      assert.match(err.message, /could not be reached/);
      return true;
    });
    await assert.rejects(uploadDirectory(deadUrl, files.slice(0, 1), timeout()), /could not be reached/);
    assert.ok(Date.now() - started < 3_000, `took ${Date.now() - started} ms`);
  });

  it("reports a gateway that never answers as a timeout", async () => {
    const silent = http.createServer(() => {}); // accepts, never responds
    const silentUrl = await listen(silent);
    try {
      const started = Date.now();
      await assert.rejects(fetchVerified(silentUrl, rootCid, "model.json", timeout(1_000)), (err: Error) => {
        assert.match(err.message, /gateway http:\/\/127\.0\.0\.1:\d+ did not answer within \d+\.\d s/);
        return true;
      });
      assert.ok(Date.now() - started < 3_000);
    } finally {
      await close(silent);
    }
  });

  it("refuses content above maxBytes and unknown paths", async () => {
    await assert.rejects(
      fetchVerified(node.url, rootCid, "weights/layer0.bin", { ...timeout(), maxBytes: 1 * MiB }),
      (err: Error) => err instanceof ContentTooLargeError && /exceeds 1048576 bytes/.test(err.message),
    );
    await assert.rejects(fetchVerified(node.url, rootCid, "weights/missing.bin", timeout()), /not found/);
    await assert.rejects(fetchVerified(node.url, rootCid, "weights", timeout()), /is a directory/);
    await assert.rejects(fetchVerified(node.url, ABSENT_CID, "", timeout()), /does not have block/);
  });

  it("refuses bad paths (400), oversized uploads (413), wrong methods (405), unknown CIDs (404)", async () => {
    const add = `${node.url}/api/v0/add`;
    const post = (body: FormData | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
      fetch(add, { method: "POST", body, headers, duplex: "half", ...timeout() } as RequestInit);

    for (const bad of ["../evil.txt", "weights/../../evil.txt", "/etc/passwd"]) {
      const res = await post(multipart([{ name: encodeURIComponent(bad), bytes: utf8.encode("x") }]));
      assert.equal(res.status, 400, bad);
      assert.match(((await res.json()) as { error: string }).error, /bad path .*(\.\.|absolute)/);
    }
    await assert.rejects(
      uploadDirectory(node.url, [{ path: "../evil.txt", bytes: utf8.encode("x") }], timeout()),
      InvalidUploadError,
    );
    const dup = await post(
      multipart([
        { name: "a", bytes: utf8.encode("1") },
        { name: "a/b", bytes: utf8.encode("2") },
      ]),
    );
    assert.equal(dup.status, 400);
    assert.match(((await dup.json()) as { error: string }).error, /path conflict/);

    const oversized = await post(multipart([{ name: "big.bin", bytes: new Uint8Array(5 * MiB) }]));
    assert.equal(oversized.status, 413);
    assert.match(((await oversized.json()) as { error: string }).error, /too large: at most 4194304 bytes/);
    const chunk = new Uint8Array(MiB);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 6) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await post(stream, { "content-type": "multipart/form-data; boundary=x" });
    assert.equal(streamed.status, 413, "no content-length: counted while reading");
    await streamed.arrayBuffer();

    const notMultipart = await fetch(add, { method: "POST", body: "{}", ...timeout() });
    assert.equal(notMultipart.status, 415);
    await notMultipart.arrayBuffer();

    for (const [method, url] of [
      ["GET", add],
      ["PUT", add],
      ["POST", `${node.url}/ipfs/${rootCid}`],
      ["DELETE", `${node.url}/ipfs/${rootCid}`],
    ]) {
      const res = await fetch(url, { method, ...timeout() });
      assert.equal(res.status, 405, `${method} ${url}`);
      assert.ok(res.headers.get("allow"), "405 names the allowed methods");
      await res.arrayBuffer();
    }

    for (const suffix of ["?format=raw", "?format=car", "", "/model.json"]) {
      const started = Date.now();
      const res = await fetch(`${node.url}/ipfs/${ABSENT_CID}${suffix}`, timeout());
      assert.equal(res.status, 404, suffix);
      assert.match(((await res.json()) as { error: string }).error, /not stored on this node/);
      assert.ok(Date.now() - started < 1_000, "a missing block fails fast");
    }
    const missingPath = await fetch(`${node.url}/ipfs/${rootCid}/nope.txt`, timeout());
    assert.equal(missingPath.status, 404);
    await missingPath.arrayBuffer();
    const invalid = await fetch(`${node.url}/ipfs/not-a-cid`, timeout());
    assert.equal(invalid.status, 400);
    await invalid.arrayBuffer();
  });

  it("answers CORS preflights", async () => {
    const res = await fetch(`${node.url}/api/v0/add`, {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:5173",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
      ...timeout(),
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get("access-control-allow-origin"), "*");
    assert.match(res.headers.get("access-control-allow-methods") ?? "", /POST/);
    assert.equal(res.headers.get("access-control-allow-headers"), "content-type");
  });

  it("fails clearly when the port is taken", async () => {
    const otherDir = await mkdtemp(path.join(tmpdir(), "modeldao-ipfs-"));
    try {
      await assert.rejects(startContentNode({ dataDir: otherDir, port: node.port }), /already in use \(EADDRINUSE\)/);
    } finally {
      await rm(otherDir, { recursive: true, force: true });
    }
  });

  it("runs as a CLI: prints the ready line, serves, stops on SIGTERM", async () => {
    const cliDir = await mkdtemp(path.join(tmpdir(), "modeldao-ipfs-cli-"));
    const child = spawn(process.execPath, ["scripts/ipfs/content-node.ts", "--port", "0", "--data", cliDir], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        const timer = setTimeout(() => reject(new Error(`no ready line within 10 s: ${out}`)), 10_000);
        child.stdout.on("data", (chunk) => {
          out += chunk;
          const match = /content node ready: (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
        child.once("exit", (code) => reject(new Error(`exited with ${code}: ${out}`)));
      });
      const uploaded = await uploadDirectory(url, files.slice(0, 2), timeout());
      assert.equal(uploaded.cid, await computeDirectoryCid(files.slice(0, 2)));
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      const [code] = await exited;
      assert.equal(code, 0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      await rm(cliDir, { recursive: true, force: true });
    }
  });
});

describe("computeDirectory", () => {
  it("refuses the same paths the node refuses, before any network", async () => {
    for (const bad of ["", "/abs", "a/../b", "a//b", "a/", "./a", "a\\b", "C:/x", "a\u0000b"]) {
      await assert.rejects(computeDirectory([{ path: bad, bytes: new Uint8Array() }]), InvalidUploadError, bad);
    }
    await assert.rejects(
      computeDirectory([
        { path: "x", bytes: new Uint8Array() },
        { path: "x", bytes: new Uint8Array(1) },
      ]),
      /duplicate path/,
    );
    await assert.rejects(computeDirectory([]), /no files/);
  });
});
