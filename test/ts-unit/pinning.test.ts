// Uploads to a Kubo-compatible pinning service: the request carries the bearer token and the CID settings, and
// Kubo's newline-delimited answer is accepted only when its CIDs equal the ones computed locally.
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { computeDirectory, ContentRequestError, KUBO_ADD_QUERY, uploadDirectory } from "../../scripts/ipfs/client.ts";
import { uploadTarget } from "../../scripts/lib/publishing.ts";

const files = [
  { path: "card.json", bytes: new TextEncoder().encode('{"license":"CC0-1.0"}') },
  { path: "weights/a.bin", bytes: new Uint8Array([1, 2, 3, 4]) },
];

/** A stand-in for a pinning service's Kubo RPC: answers with the given CIDs, records what it was sent. */
function fakeKubo(answer: () => string) {
  const seen: { url?: string; authorization?: string } = {};
  const server = http.createServer((req, res) => {
    seen.url = req.url;
    seen.authorization = req.headers.authorization;
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "application/x-ndjson" }).end(answer()));
  });
  return { server, seen };
}

describe("uploads to a Kubo-compatible pinning service", () => {
  let expected: Awaited<ReturnType<typeof computeDirectory>>;
  let honest: ReturnType<typeof fakeKubo>;
  let lying: ReturnType<typeof fakeKubo>;
  const url = (kubo: ReturnType<typeof fakeKubo>) => `http://127.0.0.1:${(kubo.server.address() as AddressInfo).port}`;

  before(async () => {
    expected = await computeDirectory(files);
    const line = (name: string, hash: string) => JSON.stringify({ Name: name, Hash: hash, Size: "1" });
    honest = fakeKubo(() =>
      [
        ...expected.files.map((f) => line(f.path, f.cid)),
        line("weights", "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi"),
        line("", expected.cid),
      ].join("\n"),
    );
    lying = fakeKubo(() =>
      [
        line("card.json", expected.files[1].cid),
        line("weights/a.bin", expected.files[0].cid),
        line("", expected.cid),
      ].join("\n"),
    );
    await Promise.all([honest, lying].map((k) => new Promise<void>((r) => k.server.listen(0, "127.0.0.1", r))));
  });
  after(() => [honest, lying].forEach((k) => k.server.close()));

  it("sends the bearer token and the CID settings, and accepts an answer whose CIDs match", async () => {
    const target = uploadTarget({ gatewayUrl: null } as never, {
      CONTENT_UPLOAD_URL: url(honest),
      CONTENT_UPLOAD_TOKEN: "s3cret",
    });
    const result = await uploadDirectory(target.endpoint, files, {
      headers: target.headers,
      signal: AbortSignal.timeout(5_000),
    });
    assert.equal(result.cid, expected.cid);
    assert.equal(honest.seen.authorization, "Bearer s3cret");
    assert.equal(honest.seen.url, `/api/v0/add?${KUBO_ADD_QUERY}`);
  });

  it("refuses an answer whose file CIDs differ from what was sent", async () => {
    await assert.rejects(
      uploadDirectory(url(lying), files, { signal: AbortSignal.timeout(5_000) }),
      (error: Error) => error instanceof ContentRequestError && /file list does not match/.test(error.message),
    );
  });

  it("refuses to publish on a network with neither an upload endpoint nor a content node", () => {
    assert.throws(() => uploadTarget({ gatewayUrl: null } as never, {}), /set CONTENT_UPLOAD_URL/);
  });
});
