// How long the dApp's first governance page takes through the subgraph reader for a large DAO: 1,000 proposals and
// 50,000 votes, generated with realistic field sizes and served by a local graph-node-shaped endpoint
// (scripts/subgraph/graphql-stub.ts) that answers the client's exact queries with first / skip / where slicing.
// Measured: the dApp's path (subgraph reader: `_meta` health check, the first proposals page, the first votes page of
// the busiest proposal, with JSON parsing and conversion to the dApp's types), as the median of N runs, and beside it
// a reference measured in the same process (the same three requests, raw fetch + JSON.parse, no conversion), so the
// ratio shows what the reader adds. graph-node's own query time is NOT included: the stub slices prepared arrays.
// Usage: node scripts/bench-subgraph.ts [--runs N]. Prints figures, then one JSON line.
import { performance } from "node:perf_hooks";
import { QUERIES, type Proposal, type Vote } from "../subgraph/client/queries.ts";
import { startGraphqlStub } from "./subgraph/graphql-stub.ts";
import { checkReadSource, createSubgraphGovernanceReader } from "../web/src/features/governance/subgraphReader.ts";

const PROPOSALS = 1_000;
const VOTES = 50_000;
const BUSIEST = 5_000; // votes on the busiest proposal; the other 45,000 are spread over the rest
const PROPOSALS_PAGE = 50; // web/src/features/governance/hooks.ts: PROPOSALS_PAGE_SIZE
const VOTES_PAGE = 100;
const TARGET_MS = 1_000;
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 30;
const WARMUP = 3;

// Deterministic data (mulberry32), so every run measures the same bytes.
let seed = 0x6d6f64;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (max: number) => Math.floor(random() * max);
const hex = (bytes: number) => {
  let out = "0x";
  for (let i = 0; i < bytes; i++) out += int(256).toString(16).padStart(2, "0");
  return out as `0x${string}`;
};
const decimal = (digits: number) => {
  let out = String(1 + int(9));
  for (let i = 1; i < digits; i++) out += String(int(10));
  return out;
};
const WORDS =
  `model dataset accuracy evaluation version upgrade rollback treasury grant guardian pause license provenance
  samples benchmark digits penguins classifier threshold quorum delegate proposal review manifest card cid`.split(
    /\s+/,
  );
const sentence = (words: number) => Array.from({ length: words }, () => WORDS[int(WORDS.length)]).join(" ") + ".";
const paragraph = (chars: number) => {
  let text = "";
  while (text.length < chars) text += `${sentence(8 + int(10))} `;
  return text.trim();
};

const contracts = Array.from({ length: 7 }, () => hex(20));
const accounts = Array.from({ length: 10_000 }, () => hex(20));
const STATUSES = ["CREATED", "QUEUED", "EXECUTED", "CANCELED"] as const;
const T0 = 1_780_000_000;
const WEEK = 7 * 86_400;

function generate() {
  const proposals: Proposal[] = [];
  for (let i = 0; i < PROPOSALS; i++) {
    const actions = 1 + int(3);
    const title = `${sentence(4 + int(6)).replace(/\.$/, "")}`;
    const createdAt = T0 + i * 3_600;
    const voteStart = createdAt + 86_400;
    const voteEnd = voteStart + WEEK;
    const extended = int(20) === 0 ? voteEnd + 2 * 86_400 : null;
    const status = STATUSES[i >= PROPOSALS - 10 ? 0 : int(4)];
    proposals.push({
      id: decimal(77),
      proposer: { id: accounts[int(200)] },
      targets: Array.from({ length: actions }, () => contracts[int(contracts.length)]),
      values: Array.from({ length: actions }, () => (int(10) === 0 ? decimal(18) : "0")),
      signatures: Array.from({ length: actions }, () => ""),
      calldatas: Array.from({ length: actions }, () => hex(4 + 32 * (2 + int(11)))),
      description: `# ${title}\n\n${paragraph(600 + int(2400))}\n\n## Evaluation\n\n${paragraph(200 + int(400))}`,
      title,
      voteStart: String(voteStart),
      voteEnd: String(extended ?? voteEnd),
      originalVoteEnd: String(voteEnd),
      extendedDeadline: extended === null ? null : String(extended),
      createdAt: String(createdAt),
      createdBlock: String(1_000 + i * 300),
      createdTx: hex(32),
      status,
      forVotes: decimal(24),
      againstVotes: decimal(23),
      abstainVotes: decimal(22),
      voteCount: 0,
      quorum: decimal(23),
      eta: status === "QUEUED" || status === "EXECUTED" ? String(voteEnd + 2 * 86_400) : null,
      queuedAt: status === "QUEUED" || status === "EXECUTED" ? String(voteEnd + 3_600) : null,
      executedAt: status === "EXECUTED" ? String(voteEnd + 3 * 86_400) : null,
      canceledAt: status === "CANCELED" ? String(createdAt + 7_200) : null,
      canceledBy: status === "CANCELED" ? accounts[int(200)] : null,
    });
  }
  const busiest = proposals[PROPOSALS - 1];
  const counts = new Map<Proposal, number>([[busiest, BUSIEST]]);
  for (let i = 0; i < VOTES - BUSIEST; i++) {
    const p = proposals[int(PROPOSALS - 1)];
    counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  const votes: Vote[] = [];
  for (const [p, count] of counts) {
    const offset = int(accounts.length);
    for (let k = 0; k < count; k++) {
      const voter = accounts[(offset + k) % accounts.length]; // distinct voters per proposal
      const kind = int(10);
      const reason =
        kind < 6
          ? ""
          : kind < 9
            ? sentence(6 + int(30))
            : `${sentence(6 + int(12))}\nmodeldao-eval:v1 ${JSON.stringify({
                model: "digits",
                version: 2,
                cid: `bafy${hex(28).slice(2)}`,
                dataset: `bafy${hex(28).slice(2)}`,
                samples: 2000,
                backend: "wasm",
                candidateAccuracy: 0.9715,
                activeAccuracy: 0.928,
                tool: "modeldao/0.1.0",
              })}`;
      const receipt = kind === 9;
      votes.push({
        id: `${p.id}-${voter}`,
        proposal: { id: p.id },
        voter: { id: voter },
        support: int(3) as 0 | 1 | 2,
        weight: decimal(18 + int(7)),
        reason,
        params: null,
        timestamp: String(Number(p.voteStart) + 1 + int(WEEK)),
        block: String(Number(p.createdBlock) + 1 + int(200)),
        tx: hex(32),
        hasReceipt: receipt,
        receiptModel: receipt ? "digits" : null,
        receiptVersion: receipt ? 2 : null,
        receiptCid: receipt ? `bafy${hex(28).slice(2)}` : null,
        receiptDatasetCid: receipt ? `bafy${hex(28).slice(2)}` : null,
        receiptSamples: receipt ? 2000 : null,
        receiptBackend: receipt ? "wasm" : null,
        receiptCandidateAccuracyBps: receipt ? 9715 : null,
        receiptActiveAccuracyBps: receipt ? 9280 : null,
      });
    }
    p.voteCount = count;
  }
  return { proposals, votes, busiest };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x: number, digits = 2) => Number(x.toFixed(digits));

const generated = performance.now();
const { proposals, votes, busiest } = generate();
const HEAD = 1_000 + PROPOSALS * 300;
const now = T0 + PROPOSALS * 3_600 + 3_600;
const stub = await startGraphqlStub({
  proposals,
  votes,
  meta: { block: { number: HEAD, timestamp: now }, hasIndexingErrors: false },
});
console.log(
  `dataset: ${proposals.length} proposals, ${votes.length} votes (busiest: ${BUSIEST}), ` +
    `${Math.round((JSON.stringify(proposals).length + JSON.stringify(votes).length) / 1e6)} MB as JSON, ` +
    `generated in ${Math.round(performance.now() - generated)} ms`,
);

const reader = createSubgraphGovernanceReader(stub.url, async () => now);
const busiestId = BigInt(busiest.id);

/** The dApp's path: health check, first proposals page, first votes page of the busiest proposal. */
async function dappPath() {
  const t0 = performance.now();
  const source = await checkReadSource(stub.url, async () => BigInt(HEAD));
  if (source.source !== "subgraph") throw new Error(`expected a healthy indexer, got ${source.status}`);
  const t1 = performance.now();
  const page = await reader.listProposals({ first: PROPOSALS_PAGE });
  const t2 = performance.now();
  const top = await reader.listVotes(busiestId, { first: VOTES_PAGE });
  const t3 = performance.now();
  if (page.length !== PROPOSALS_PAGE || top.length !== VOTES_PAGE) throw new Error("short page");
  return { total: t3 - t0, meta: t1 - t0, proposals: t2 - t1, votes: t3 - t2 };
}

const bytes = { meta: 0, proposals: 0, votes: 0 };
/** Reference: the same three requests, raw fetch + JSON.parse, nothing converted. */
async function reference() {
  const post = async (text: string, variables: Record<string, unknown>, key: keyof typeof bytes) => {
    const response = await fetch(stub.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ query: text, variables }),
    });
    const body = await response.text();
    bytes[key] = body.length;
    return JSON.parse(body);
  };
  const t0 = performance.now();
  await post(QUERIES.meta, {}, "meta");
  await post(QUERIES.proposals, { first: PROPOSALS_PAGE, skip: 0 }, "proposals");
  await post(QUERIES.votesByWeight, { proposal: busiest.id, first: VOTES_PAGE, skip: 0 }, "votes");
  return performance.now() - t0;
}

async function allProposals() {
  const t0 = performance.now();
  const all = await reader.listProposals();
  if (all.length !== PROPOSALS) throw new Error(`read ${all.length} proposals`);
  return performance.now() - t0;
}

for (let i = 0; i < WARMUP; i++) {
  await dappPath();
  await reference();
  await allProposals();
}
const dapp: Awaited<ReturnType<typeof dappPath>>[] = [];
const ref: number[] = [];
const all: number[] = [];
for (let i = 0; i < RUNS; i++) {
  // Interleaved, so both see the same machine load.
  dapp.push(await dappPath());
  ref.push(await reference());
  all.push(await allProposals());
}
await stub.close();

const result = {
  bench: "subgraph-first-page",
  proposals: PROPOSALS,
  votes: VOTES,
  busiestVotes: BUSIEST,
  pages: { proposals: PROPOSALS_PAGE, votes: VOTES_PAGE },
  runs: RUNS,
  medianMs: round(median(dapp.map((d) => d.total))),
  steps: {
    metaMs: round(median(dapp.map((d) => d.meta))),
    proposalsPageMs: round(median(dapp.map((d) => d.proposals))),
    votesPageMs: round(median(dapp.map((d) => d.votes))),
  },
  maxMs: round(Math.max(...dapp.map((d) => d.total))),
  referenceMedianMs: round(median(ref)),
  ratio: round(median(dapp.map((d) => d.total)) / median(ref)),
  allProposalsMedianMs: round(median(all)),
  responseBytes: bytes,
  targetMs: TARGET_MS,
  pass: median(dapp.map((d) => d.total)) <= TARGET_MS,
  graphNodeTimeIncluded: false,
};
console.log(
  `first page (meta + ${PROPOSALS_PAGE} proposals + top ${VOTES_PAGE} votes of the busiest), median of ${RUNS}: ` +
    `${result.medianMs} ms (meta ${result.steps.metaMs}, proposals ${result.steps.proposalsPageMs}, votes ` +
    `${result.steps.votesPageMs}; max ${result.maxMs}) — target ≤ ${TARGET_MS} ms: ${result.pass ? "met" : "MISSED"}`,
);
console.log(
  `reference (same requests, raw fetch + JSON.parse): ${result.referenceMedianMs} ms; ratio ${result.ratio}×`,
);
console.log(
  `all ${PROPOSALS} proposals through the reader (one 1,000-item request): ${result.allProposalsMedianMs} ms`,
);
console.log(
  `response sizes: meta ${bytes.meta} B, proposals page ${Math.round(bytes.proposals / 1024)} KiB, votes page ` +
    `${Math.round(bytes.votes / 1024)} KiB. graph-node's own query time is not included (local stub server).`,
);
console.log(JSON.stringify(result));
if (!result.pass) process.exitCode = 1;
