import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { proposalLink } from "../../scripts/lib/publishing.ts";

describe("proposal links printed by the maintainer tools", () => {
  it("point at the local dApp by default, and at DAPP_URL when set", () => {
    assert.equal(proposalLink(42n, {}), "http://127.0.0.1:5173/proposals/42");
    assert.equal(
      proposalLink(7n, { DAPP_URL: "https://modeldao.example/app" }),
      "https://modeldao.example/app/proposals/7",
    );
  });
});
