// A graph-node-shaped GraphQL endpoint on node:http for tests and benchmarks, holding proposals and votes already in
// the shapes subgraph/client/queries.ts receives. It answers the client's own queries (recognised by operation name:
// Meta, Proposals, Proposal, Votes, VotesByWeight) with graph-node's `first` / `skip` / `where: { proposal }` /
// `orderBy` semantics (ties broken by id), and anything else with a GraphQL error. It is not a
// GraphQL engine: it returns every field the client selects, and nothing measures graph-node's own query time.
import { createServer, type Server } from "node:http";
import type { Proposal, Vote } from "../../subgraph/client/queries.ts";

export type StubMeta = { block: { number: number; timestamp: number | null }; hasIndexingErrors: boolean };

export type GraphqlStub = {
  url: string;
  /** Requests answered so far, by operation name. */
  requests: Map<string, number>;
  meta: StubMeta;
  close(): Promise<void>;
};

const byBigDesc = (field: "createdAt" | "weight") => (a: Record<string, unknown>, b: Record<string, unknown>) => {
  const x = BigInt(a[field] as string);
  const y = BigInt(b[field] as string);
  return x === y ? (a.id as string).localeCompare(b.id as string) : x > y ? -1 : 1;
};
const byTimestampAsc = (a: Vote, b: Vote) => {
  const x = BigInt(a.timestamp);
  const y = BigInt(b.timestamp);
  return x === y ? a.id.localeCompare(b.id) : x < y ? -1 : 1;
};

export async function startGraphqlStub(data: {
  proposals: Proposal[];
  votes: Vote[];
  meta: StubMeta;
}): Promise<GraphqlStub> {
  const proposals = [...data.proposals].sort(byBigDesc("createdAt"));
  const proposalById = new Map(proposals.map((p) => [p.id, p]));
  const votesOf = new Map<string, Vote[]>();
  for (const vote of data.votes) {
    const list = votesOf.get(vote.proposal.id) ?? [];
    list.push(vote);
    votesOf.set(vote.proposal.id, list);
  }
  const byTime = new Map([...votesOf].map(([id, list]) => [id, [...list].sort(byTimestampAsc)]));
  const byWeight = new Map([...votesOf].map(([id, list]) => [id, [...list].sort(byBigDesc("weight"))]));
  const requests = new Map<string, number>();
  const slice = <T>(list: T[] | undefined, v: Record<string, unknown>) =>
    (list ?? []).slice(Number(v.skip), Number(v.skip) + Number(v.first));

  const stub: GraphqlStub = {
    url: "",
    requests,
    meta: data.meta,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  function answer(text: string, variables: Record<string, unknown>): { data?: unknown; errors?: unknown[] } {
    const operation = /^\s*query\s+(\w+)/.exec(text)?.[1] ?? "(anonymous)";
    requests.set(operation, (requests.get(operation) ?? 0) + 1);
    switch (operation) {
      case "Meta":
        return { data: { _meta: stub.meta } };
      case "Proposals":
        return { data: { proposals: slice(proposals, variables) } };
      case "Proposal":
        return { data: { proposal: proposalById.get(String(variables.id)) ?? null } };
      case "Votes":
        return { data: { votes: slice(byTime.get(String(variables.proposal)), variables) } };
      case "VotesByWeight":
        return { data: { votes: slice(byWeight.get(String(variables.proposal)), variables) } };
      default:
        return { errors: [{ message: `the stub does not answer ${operation}` }] };
    }
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      let body: string;
      try {
        const request = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
          query: string;
          variables?: Record<string, unknown>;
        };
        body = JSON.stringify(answer(request.query, request.variables ?? {}));
      } catch (error) {
        body = JSON.stringify({ errors: [{ message: `bad request: ${(error as Error).message}` }] });
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  stub.url = `http://127.0.0.1:${(server.address() as { port: number }).port}/subgraphs/name/modeldao/modeldao`;
  return stub;
}
