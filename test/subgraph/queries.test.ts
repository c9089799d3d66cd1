// subgraph/client/queries.ts against a tiny local node:http GraphQL endpoint that answers with recorded responses
// (graph-node's answer shapes: `data`, `errors`, HTTP errors). It checks the requests the client sends, paging with
// first / skip, `_meta`, and that every failure becomes a SubgraphError.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { after, before, describe, it } from "node:test";
import {
  fetchAll,
  fetchMeta,
  fetchProposals,
  fetchVotes,
  proposalState,
  query,
  QUERIES,
  SubgraphError,
} from "../../subgraph/client/queries.ts";

type Request = { query: string; variables: Record<string, unknown> };
type Reply = { status?: number; body: string };

let server: Server;
let base = "";
const requests: Request[] = [];
/** Route by path: each answers one recorded response for the request it got. */
const routes = new Map<string, (request: Request) => Reply>();

const proposals = Array.from({ length: 7 }, (_, i) => ({ id: String(1000 + i), title: `Proposal ${i}` }));

before(async () => {
  routes.set("/paged", ({ variables }) => {
    const { first, skip } = variables as { first: number; skip: number };
    return { body: JSON.stringify({ data: { proposals: proposals.slice(skip, skip + first) } }) };
  });
  routes.set("/meta", () => ({
    body: JSON.stringify({
      data: { _meta: { block: { number: 71, timestamp: 1799718908 }, hasIndexingErrors: false } },
    }),
  }));
  routes.set("/graphql-error", () => ({
    body: JSON.stringify({
      data: null,
      errors: [{ message: "Type `Query` has no field `proposalz`" }, { message: "second" }],
    }),
  }));
  routes.set("/indexing-error", () => ({
    body: JSON.stringify({ errors: [{ message: "indexing_error" }], data: { proposals: [] } }),
  }));
  routes.set("/http-500", () => ({ status: 500, body: "internal error" }));
  routes.set("/not-json", () => ({ body: "<html>gateway</html>" }));
  routes.set("/no-data", () => ({ body: JSON.stringify({}) }));
  routes.set("/not-a-list", () => ({ body: JSON.stringify({ data: { proposals: null } }) }));
  routes.set("/votes", ({ variables }) => ({
    body: JSON.stringify({
      data: { votes: variables.skip === 0 ? [{ id: "a" }, { id: "b" }] : [{ id: "c" }] },
    }),
  }));
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const request = JSON.parse(body) as Request;
      requests.push(request);
      const route = routes.get(req.url ?? "");
      const reply = route ? route(request) : { status: 404, body: "not found" };
      res.writeHead(reply.status ?? 200, { "content-type": "application/json" });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  base = `http://127.0.0.1:${port}`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("subgraph query client", () => {
  it("pages with first / skip until a short page, sending the query and variables", async () => {
    requests.length = 0;
    const all = await fetchProposals({ url: `${base}/paged` }, { pageSize: 3 });
    assert.deepEqual(
      all.map((p) => p.id),
      proposals.map((p) => p.id),
    );
    assert.deepEqual(
      requests.map((r) => r.variables),
      [
        { first: 3, skip: 0 },
        { first: 3, skip: 3 },
        { first: 3, skip: 6 },
      ],
    );
    assert.equal(requests[0].query, QUERIES.proposals);
    assert.match(requests[0].query, /orderBy: createdAt/);
  });

  it("asks one more page when the last page is exactly full, and stops at a limit", async () => {
    requests.length = 0;
    const seven = await fetchAll({ url: `${base}/paged` }, QUERIES.proposals, "proposals", {}, { pageSize: 7 });
    assert.equal(seven.length, 7);
    assert.equal(requests.length, 2, "a full page may not be the last one");
    requests.length = 0;
    const four = await fetchProposals({ url: `${base}/paged` }, { pageSize: 2, limit: 4 });
    assert.equal(four.length, 4);
    assert.equal(requests.length, 2);
  });

  it("passes filter variables beside the paging ones", async () => {
    requests.length = 0;
    const votes = await fetchVotes({ url: `${base}/votes` }, "42", { pageSize: 2 });
    assert.deepEqual(
      votes.map((v) => v.id),
      ["a", "b", "c"],
    );
    assert.deepEqual(requests[0].variables, { proposal: "42", first: 2, skip: 0 });
  });

  it("rejects page sizes graph-node would refuse", async () => {
    await assert.rejects(fetchProposals({ url: `${base}/paged` }, { pageSize: 1001 }), RangeError);
    await assert.rejects(fetchProposals({ url: `${base}/paged` }, { pageSize: 0 }), RangeError);
  });

  it("reads the indexed head from _meta", async () => {
    const meta = await fetchMeta({ url: `${base}/meta` });
    assert.equal(meta.block.number, 71);
    assert.equal(meta.hasIndexingErrors, false);
  });

  it("turns GraphQL errors, HTTP errors, bad JSON, missing data and unreachable servers into SubgraphError", async () => {
    const fails = async (url: string, pattern: RegExp, status?: number) => {
      const error = (await query({ url }, QUERIES.meta).then(
        () => assert.fail(`${url} should fail`),
        (e: unknown) => e,
      )) as SubgraphError;
      assert.ok(error instanceof SubgraphError, `${url}: ${String(error)}`);
      assert.match(error.message, pattern);
      if (status !== undefined) assert.equal(error.status, status);
      return error;
    };
    const graphql = await fails(`${base}/graphql-error`, /has no field `proposalz`; second/, 200);
    assert.equal(graphql.errors?.length, 2);
    await fails(`${base}/indexing-error`, /indexing_error/);
    await fails(`${base}/http-500`, /HTTP 500/, 500);
    await fails(`${base}/missing`, /HTTP 404/, 404);
    await fails(`${base}/not-json`, /invalid JSON/);
    await fails(`${base}/no-data`, /without data/);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as { port: number };
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await fails(`http://127.0.0.1:${port}/`, /unreachable/);
    await assert.rejects(fetchProposals({ url: `${base}/not-a-list` }), /no list "proposals"/);
  });
});

describe("proposalState", () => {
  const base = {
    status: "CREATED" as const,
    voteStart: "100",
    voteEnd: "200",
    forVotes: "50",
    againstVotes: "10",
    abstainVotes: "0",
    quorum: "40",
  };
  it("follows the Governor: Pending at the snapshot, Active through the deadline, then the tallies", () => {
    assert.equal(proposalState(base, 100), "Pending");
    assert.equal(proposalState(base, 101), "Active");
    assert.equal(proposalState(base, 200), "Active");
    assert.equal(proposalState(base, 201), "Succeeded");
    assert.equal(proposalState({ ...base, status: "QUEUED" }, 201), "Queued");
    assert.equal(proposalState({ ...base, status: "EXECUTED" }, 150), "Executed");
    assert.equal(proposalState({ ...base, status: "CANCELED" }, 50), "Canceled");
  });
  it("is Defeated without quorum (For + Abstain) or when For does not beat Against", () => {
    assert.equal(proposalState({ ...base, forVotes: "30", abstainVotes: "9" }, 201), "Defeated");
    assert.equal(proposalState({ ...base, forVotes: "30", abstainVotes: "10" }, 201), "Succeeded");
    assert.equal(proposalState({ ...base, againstVotes: "50" }, 201), "Defeated");
  });
});
