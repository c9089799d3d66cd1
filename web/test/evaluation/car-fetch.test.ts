// @vitest-environment node
// Trustless directory downloads as one CAR stream (scripts/ipfs/car-fetch.ts), against the real content node, directly
// and through a proxy that tampers with, cuts, stalls or replaces its answers: every file comes out byte for byte, a
// changed byte anywhere is refused naming the file and block, and every failure of the gateway is said in words.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchCarDirectory } from "../../../scripts/ipfs/car-fetch.ts";
import { ContentRequestError, ContentTooLargeError, VerificationError } from "../../../scripts/ipfs/client.ts";
import { startContentNode, type ContentNode } from "../../../scripts/ipfs/content-node.ts";
import { sha256Hex } from "../../../scripts/lib/manifest.ts";
import { startProxy } from "./proxy.ts";

let node: ContentNode;
let dataDir: string;
let cid: string;
let otherCid: string;
const servers: Server[] = [];
/** More than two 1 MiB chunks: a file node with three leaves. */
const big = new Uint8Array(2 * 1024 * 1024 + 4321);
const small = new TextEncoder().encode('{"hello":"car"}');
const files = () => [
  { path: "big.bin", bytes: big },
  { path: "card.json", bytes: small },
  { path: "empty.bin", bytes: new Uint8Array() },
];

/** A gateway in front of the content node that hands each complete answer to `change` (or answers itself). */
async function gateway(change: (body: Buffer) => Buffer | "stall", status?: number): Promise<string> {
  const { url, server } = await startProxy(node.url, (answer, outgoing) => {
    const chunks: Buffer[] = [];
    answer.on("data", (chunk: Buffer) => chunks.push(chunk));
    answer.on("end", () => {
      const body = change(Buffer.concat(chunks));
      const headers = { ...answer.headers };
      delete headers["content-length"];
      if (body === "stall") {
        outgoing.writeHead(200, headers);
        outgoing.write(Buffer.concat(chunks).subarray(0, 100));
        return; // and nothing more
      }
      outgoing.writeHead(status ?? answer.statusCode ?? 502, headers);
      outgoing.end(body);
    });
  });
  servers.push(server);
  return url;
}

const generous = { maxBytes: 8 * 1024 * 1024, idleTimeoutMs: 10_000 };

async function readAll(gatewayUrl: string, options = generous) {
  const car = fetchCarDirectory(gatewayUrl, cid, options);
  const out = await Promise.all(files().map((file) => car.file(file.path)));
  await car.done;
  return out;
}

beforeAll(async () => {
  for (let i = 0; i < big.length; i += 65536) crypto.getRandomValues(big.subarray(i, i + 65536));
  dataDir = mkdtempSync(path.join(tmpdir(), "modeldao-car-test-"));
  node = await startContentNode({ dataDir, port: 0 });
  cid = await node.addDirectory(files());
  otherCid = await node.addDirectory([{ path: "card.json", bytes: new TextEncoder().encode("{}") }]);
});

afterAll(async () => {
  for (const server of servers) server.closeAllConnections?.();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await node?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a directory as one verified CAR stream", () => {
  it("gives every file byte for byte, a multi-block file and an empty one included", async () => {
    const [bigOut, smallOut, emptyOut] = await readAll(node.url);
    expect(Buffer.from(bigOut).equals(Buffer.from(big))).toBe(true);
    expect(new TextDecoder().decode(smallOut)).toBe('{"hello":"car"}');
    expect(emptyOut.length).toBe(0);
  });

  it("gives a one-block file's SHA-256 from its content address, and none for a file of several blocks", async () => {
    const car = fetchCarDirectory(node.url, cid, generous);
    const [bigOut, smallOut] = await Promise.all([car.file("big.bin"), car.file("card.json")]);
    await car.done;
    expect(car.sha256Of("card.json")).toBe(await sha256Hex(smallOut));
    expect(car.sha256Of("big.bin")).toBeNull();
    expect(bigOut.length).toBe(big.length);
    expect(car.sha256Of("empty.bin")).toBeNull(); // not read yet
  });

  it("with a path asks only for the blocks down to that file", async () => {
    let received = 0;
    const car = fetchCarDirectory(node.url, cid, { ...generous, path: "card.json", onBytes: (n) => (received = n) });
    expect(new TextDecoder().decode(await car.file("card.json"))).toBe('{"hello":"car"}');
    await car.done;
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(4096);
  });

  it("refuses a block whose bytes were changed, naming the file and the block", async () => {
    const tampering = await gateway((body) => {
      const at = body.indexOf(Buffer.from(big.subarray(1024 * 1024 + 100, 1024 * 1024 + 356)));
      if (at >= 0) body[at + 10] ^= 0xff;
      return body;
    });
    const car = fetchCarDirectory(tampering, cid, generous);
    const failure = await car.done.catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(VerificationError);
    expect((failure as VerificationError).path).toBe("big.bin");
    expect((failure as Error).message).toMatch(/block \S+ that does not match its CID/);
    await expect(car.file("big.bin")).rejects.toBeInstanceOf(VerificationError);
  });

  it("says the gateway left a block out when the stream ends early", async () => {
    const cutting = await gateway((body) => body.subarray(0, body.length - big.length / 2));
    await expect(readAll(cutting)).rejects.toThrow(ContentRequestError);
    await expect(readAll(cutting)).rejects.toThrow(/malformed CAR|did not send block/);
  });

  it("refuses more bytes than allowed, and a CAR for another root", async () => {
    await expect(readAll(node.url, { ...generous, maxBytes: 1024 * 1024 })).rejects.toBeInstanceOf(
      ContentTooLargeError,
    );
    const elsewhere = await gateway(() => Buffer.alloc(0));
    await expect(fetchCarDirectory(elsewhere, cid, generous).done).rejects.toThrow(/did not send a CAR|malformed/);
    const other = await fetch(`${node.url}/ipfs/${otherCid}?format=car`).then(async (r) =>
      Buffer.from(await r.arrayBuffer()),
    );
    const liar = await gateway(() => other);
    await expect(fetchCarDirectory(liar, cid, generous).done).rejects.toThrow(/CAR for another root/);
  });

  it("says a gateway that is down, answers 404, or stalls, in words", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(fetchCarDirectory(`http://127.0.0.1:${port}`, cid, generous).done).rejects.toThrow(
      /could not be reached/,
    );
    const missing = await gateway((body) => body, 404);
    await expect(fetchCarDirectory(missing, cid, generous).done).rejects.toThrow(/does not have .* \(HTTP 404\)/);
    const stalling = await gateway(() => "stall");
    const started = Date.now();
    await expect(fetchCarDirectory(stalling, cid, { ...generous, idleTimeoutMs: 400 }).done).rejects.toThrow(
      /sent nothing for 0.4 s/,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("stops when its signal aborts, with the signal's reason", async () => {
    const stalling = await gateway(() => "stall");
    const controller = new AbortController();
    const car = fetchCarDirectory(stalling, cid, { ...generous, signal: controller.signal });
    setTimeout(() => controller.abort(new Error("the holder cancelled")), 100);
    await expect(car.done).rejects.toThrow("the holder cancelled");
    await expect(car.file("card.json")).rejects.toThrow("the holder cancelled");
  });
});
