import { describe, expect, it } from "vitest";
import { cardPreviewUrl, fetchCardPreview, summarizeCard } from "../../src/features/registry/modelCard.ts";

const respond = (body: string, status = 200) => (async () => new Response(body, { status })) as unknown as typeof fetch;

describe("cardPreviewUrl", () => {
  it("builds <gateway>/ipfs/<cid>/card.json without double slashes", () => {
    expect(cardPreviewUrl("http://127.0.0.1:8080/", "bafyX")).toBe("http://127.0.0.1:8080/ipfs/bafyX/card.json");
  });
});

describe("fetchCardPreview", () => {
  it("uses the first gateway only", async () => {
    const seen: string[] = [];
    const fetchImpl = (async (url: string) => {
      seen.push(url);
      return new Response('{"name":"digits-cnn"}');
    }) as unknown as typeof fetch;
    const preview = await fetchCardPreview("bafyX", ["http://a", "http://b"], { fetchImpl });
    expect(seen).toEqual(["http://a/ipfs/bafyX/card.json"]);
    expect(preview).toEqual({ ok: true, url: "http://a/ipfs/bafyX/card.json", card: { name: "digits-cnn" } });
  });
  it("explains a missing gateway, an HTTP error, bad JSON and a non-object", async () => {
    expect(await fetchCardPreview("c", [])).toMatchObject({ ok: false, url: null });
    expect(await fetchCardPreview("c", ["http://a"], { fetchImpl: respond("nope", 404) })).toMatchObject({
      ok: false,
      message: expect.stringContaining("404"),
    });
    expect(await fetchCardPreview("c", ["http://a"], { fetchImpl: respond("{oops") })).toMatchObject({
      ok: false,
      message: "The card is not valid JSON.",
    });
    expect(await fetchCardPreview("c", ["http://a"], { fetchImpl: respond("[1]") })).toMatchObject({ ok: false });
  });
  it("gives up after the timeout with a graceful message", async () => {
    const hang = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      })) as unknown as typeof fetch;
    const preview = await fetchCardPreview("c", ["http://a"], { fetchImpl: hang, timeoutMs: 20 });
    expect(preview).toMatchObject({ ok: false, message: expect.stringContaining("did not answer in time") });
  });
  it("reports an unreachable gateway", async () => {
    const down = (async () => {
      throw new TypeError("fetch failed");
    }) as unknown as typeof fetch;
    expect(await fetchCardPreview("c", ["http://a"], { fetchImpl: down })).toMatchObject({
      ok: false,
      message: expect.stringContaining("could not be reached"),
    });
  });
});

describe("summarizeCard", () => {
  it("keeps readable fields in a stable order and skips the rest", () => {
    const fields = summarizeCard({
      limitations: "Only digits",
      name: "digits-cnn",
      framework: 42,
      architecture: { summary: "Conv -> Dense" },
      metrics: { accuracy: 0.9715, macroF1: 0.9712, samples: 2000 },
    });
    expect(fields.map((f) => f.label)).toEqual(["Name", "Limitations", "Architecture", "Reported metrics"]);
    expect(fields.at(-1)?.value).toBe(`accuracy 97.15%, macro-F1 97.12%, on ${(2000).toLocaleString()} samples`);
  });
});
