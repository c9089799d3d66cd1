// Framework-free client for the ModelDAO subgraph: plain fetch + GraphQL strings, typed results, paging with
// `first` / `skip`, the indexed head (`_meta`) and the Governor state derived from indexed fields. The dApp imports it.

/** GraphQL returns BigInt and Bytes as strings. */
export type BigIntString = string;
export type HexString = `0x${string}`;

export type ProposalStatus = "CREATED" | "QUEUED" | "EXECUTED" | "CANCELED";

export type Proposal = {
  id: string;
  proposer: { id: HexString };
  targets: HexString[];
  values: BigIntString[];
  signatures: string[];
  calldatas: HexString[];
  description: string;
  title: string;
  voteStart: BigIntString;
  /** Current deadline, after any extension. */
  voteEnd: BigIntString;
  /** Deadline at creation (the Governor's ProposalCreated `voteEnd`). */
  originalVoteEnd: BigIntString;
  extendedDeadline: BigIntString | null;
  createdAt: BigIntString;
  createdBlock: BigIntString;
  createdTx: HexString;
  status: ProposalStatus;
  forVotes: BigIntString;
  againstVotes: BigIntString;
  abstainVotes: BigIntString;
  voteCount: number;
  quorum: BigIntString;
  eta: BigIntString | null;
  queuedAt: BigIntString | null;
  executedAt: BigIntString | null;
  canceledAt: BigIntString | null;
  canceledBy: HexString | null;
};

export type Vote = {
  id: string;
  proposal: { id: string };
  voter: { id: HexString };
  support: 0 | 1 | 2;
  weight: BigIntString;
  reason: string;
  params: HexString | null;
  timestamp: BigIntString;
  block: BigIntString;
  tx: HexString;
  hasReceipt: boolean;
  receiptModel: string | null;
  receiptVersion: number | null;
  receiptCid: string | null;
  receiptDatasetCid: string | null;
  receiptSamples: number | null;
  receiptBackend: string | null;
  receiptCandidateAccuracyBps: number | null;
  receiptActiveAccuracyBps: number | null;
};

export type ModelVersion = {
  id: string;
  version: number;
  parentVersion: number;
  cid: string;
  manifestDigest: HexString;
  cardDigest: HexString;
  trainingDatasets: { id: HexString; name: string }[];
  evaluationDataset: { id: HexString; name: string };
  claimedAccuracyBps: number;
  claimedMacroF1Bps: number;
  submitter: HexString;
  submittedAt: BigIntString;
  status: "CANDIDATE" | "ACTIVE" | "SUPERSEDED" | "RETIRED" | "REVOKED";
  activatedAt: BigIntString | null;
  statusReason: string | null;
};

export type Model = {
  id: HexString;
  name: string;
  versionCount: number;
  activeVersionNumber: number;
  paused: boolean;
  pauseReason: string | null;
  versions: ModelVersion[];
};

export type Dataset = {
  id: HexString;
  name: string;
  cid: string;
  manifestDigest: HexString;
  cardDigest: HexString;
  license: string;
  source: string;
  creator: string;
  status: "APPROVED" | "REVOKED";
  approvedAt: BigIntString;
  revokedAt: BigIntString | null;
  revokeReason: string | null;
};

export type Governance = {
  proposalCount: number;
  proposalsQueued: number;
  proposalsExecuted: number;
  proposalsCanceled: number;
  voteCount: number;
  delegateCount: number;
  totalVotingPower: BigIntString;
  tokenTotalSupply: BigIntString;
  quorumNumerator: BigIntString;
  votingDelay: BigIntString;
  votingPeriod: BigIntString;
};

export class SubgraphError extends Error {
  readonly status?: number;
  readonly errors?: unknown[];
  constructor(message: string, status?: number, errors?: unknown[]) {
    super(message);
    this.name = "SubgraphError";
    this.status = status;
    this.errors = errors;
  }
}

export type ClientOptions = {
  /** The subgraph's GraphQL endpoint (Studio query URL or `<graph-node>/subgraphs/name/<name>`). */
  url: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
};

/** POSTs one GraphQL query; throws SubgraphError on HTTP errors, GraphQL errors or a response without data. */
export async function query<T>(
  options: ClientOptions,
  text: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(options.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ query: text, variables }),
      signal: options.signal,
    });
  } catch (error) {
    throw new SubgraphError(`subgraph unreachable at ${options.url}: ${(error as Error).message}`);
  }
  if (!response.ok) {
    throw new SubgraphError(`subgraph answered HTTP ${response.status} at ${options.url}`, response.status);
  }
  let body: { data?: T | null; errors?: { message: string }[] };
  try {
    body = await response.json();
  } catch {
    throw new SubgraphError(`subgraph answered with invalid JSON at ${options.url}`, response.status);
  }
  if (body.errors?.length) {
    throw new SubgraphError(`subgraph error: ${body.errors.map((e) => e.message).join("; ")}`, 200, body.errors);
  }
  if (!body.data) throw new SubgraphError("subgraph answered without data", 200);
  return body.data;
}

/** graph-node caps `first` at 1000. */
export const MAX_PAGE = 1000;

/**
 * Fetches every item of a list field page by page with `first` / `skip` (the query must take `$first` and `$skip`
 * and have a stable `orderBy`), stopping at the first short page or at `limit` items.
 */
export async function fetchAll<T>(
  options: ClientOptions,
  text: string,
  field: string,
  variables: Record<string, unknown> = {},
  { pageSize = MAX_PAGE, limit = Infinity }: { pageSize?: number; limit?: number } = {},
): Promise<T[]> {
  if (pageSize < 1 || pageSize > MAX_PAGE) throw new RangeError(`pageSize must be 1..${MAX_PAGE}`);
  const items: T[] = [];
  for (let skip = 0; items.length < limit; skip += pageSize) {
    const data = await query<Record<string, T[]>>(options, text, { ...variables, first: pageSize, skip });
    const page = data[field];
    if (!Array.isArray(page)) throw new SubgraphError(`subgraph answer has no list "${field}"`);
    items.push(...page);
    if (page.length < pageSize) break;
  }
  return items.slice(0, limit);
}

export const PROPOSAL_FIELDS = `id proposer { id } targets values signatures calldatas description title voteStart voteEnd
  originalVoteEnd extendedDeadline createdAt createdBlock createdTx status forVotes againstVotes abstainVotes voteCount quorum eta
  queuedAt executedAt canceledAt canceledBy`;
export const VOTE_FIELDS = `id proposal { id } voter { id } support weight reason params timestamp block tx hasReceipt receiptModel
  receiptVersion receiptCid receiptDatasetCid receiptSamples receiptBackend receiptCandidateAccuracyBps
  receiptActiveAccuracyBps`;
const VERSION_FIELDS = `id version parentVersion cid manifestDigest cardDigest trainingDatasets { id name }
  evaluationDataset { id name } claimedAccuracyBps claimedMacroF1Bps submitter submittedAt status activatedAt
  statusReason`;

export const QUERIES = {
  meta: `query Meta { _meta { block { number timestamp } hasIndexingErrors } }`,
  governance: `query Governance { governance(id: "governance") { proposalCount proposalsQueued proposalsExecuted
    proposalsCanceled voteCount delegateCount totalVotingPower tokenTotalSupply quorumNumerator votingDelay
    votingPeriod } }`,
  proposals: `query Proposals($first: Int!, $skip: Int!) { proposals(first: $first, skip: $skip,
    orderBy: createdAt, orderDirection: desc) { ${PROPOSAL_FIELDS} } }`,
  proposal: `query Proposal($id: ID!) { proposal(id: $id) { ${PROPOSAL_FIELDS} } }`,
  votes: `query Votes($proposal: String!, $first: Int!, $skip: Int!) { votes(first: $first, skip: $skip,
    where: { proposal: $proposal }, orderBy: timestamp, orderDirection: asc) { ${VOTE_FIELDS} } }`,
  votesByWeight: `query VotesByWeight($proposal: String!, $first: Int!, $skip: Int!) { votes(first: $first,
    skip: $skip, where: { proposal: $proposal }, orderBy: weight, orderDirection: desc) { ${VOTE_FIELDS} } }`,
  models: `query Models($first: Int!, $skip: Int!) { models(first: $first, skip: $skip, orderBy: name) { id name
    versionCount activeVersionNumber paused pauseReason versions(orderBy: version, first: 1000) { ${VERSION_FIELDS} } } }`,
  datasets: `query Datasets($first: Int!, $skip: Int!) { datasets(first: $first, skip: $skip, orderBy: name) { id name
    cid manifestDigest cardDigest license source creator status approvedAt revokedAt revokeReason } }`,
} as const;

export async function fetchMeta(options: ClientOptions) {
  const data = await query<{
    _meta: { block: { number: number; timestamp: number | null }; hasIndexingErrors: boolean } | null;
  }>(options, QUERIES.meta);
  if (!data._meta) throw new SubgraphError("subgraph answered without _meta");
  return data._meta;
}

export async function fetchGovernance(options: ClientOptions): Promise<Governance | null> {
  return (await query<{ governance: Governance | null }>(options, QUERIES.governance)).governance;
}

export const fetchProposals = (options: ClientOptions, paging?: { pageSize?: number; limit?: number }) =>
  fetchAll<Proposal>(options, QUERIES.proposals, "proposals", {}, paging);

/** One page of proposals, newest first: what a list view needs without fetching them all. */
export async function fetchProposalsPage(
  options: ClientOptions,
  { first, skip = 0 }: { first: number; skip?: number },
) {
  if (first < 1 || first > MAX_PAGE) throw new RangeError(`first must be 1..${MAX_PAGE}`);
  return (await query<{ proposals: Proposal[] }>(options, QUERIES.proposals, { first, skip })).proposals;
}

/** One page of a proposal's votes, heaviest first (as the dApp lists them). */
export async function fetchVotesPage(
  options: ClientOptions,
  proposalId: string,
  { first, skip = 0 }: { first: number; skip?: number },
) {
  if (first < 1 || first > MAX_PAGE) throw new RangeError(`first must be 1..${MAX_PAGE}`);
  return (await query<{ votes: Vote[] }>(options, QUERIES.votesByWeight, { proposal: proposalId, first, skip })).votes;
}

export async function fetchProposal(options: ClientOptions, id: string): Promise<Proposal | null> {
  return (await query<{ proposal: Proposal | null }>(options, QUERIES.proposal, { id })).proposal;
}

export const fetchVotes = (
  options: ClientOptions,
  proposalId: string,
  paging?: { pageSize?: number; limit?: number },
) => fetchAll<Vote>(options, QUERIES.votes, "votes", { proposal: proposalId }, paging);

export const fetchModels = (options: ClientOptions, paging?: { pageSize?: number; limit?: number }) =>
  fetchAll<Model>(options, QUERIES.models, "models", {}, paging);

export const fetchDatasets = (options: ClientOptions, paging?: { pageSize?: number; limit?: number }) =>
  fetchAll<Dataset>(options, QUERIES.datasets, "datasets", {}, paging);

/** OpenZeppelin's ProposalState numbering. */
export const PROPOSAL_STATES = [
  "Pending",
  "Active",
  "Canceled",
  "Defeated",
  "Succeeded",
  "Queued",
  "Expired",
  "Executed",
] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

/**
 * The Governor's `state(proposalId)` at `now` (unix seconds), from indexed fields only: what events say (queued,
 * executed, canceled), then the clock against voteStart / voteEnd (after extensions), then the tallies against the
 * quorum (For + Abstain must reach it; For must beat Against), as GovernorCountingSimple and
 * GovernorTimelockControl decide. A timelock operation cancelled outside the Governor is not seen here.
 */
export function proposalState(
  p: Pick<Proposal, "status" | "voteStart" | "voteEnd" | "forVotes" | "againstVotes" | "abstainVotes" | "quorum">,
  now: bigint | number,
): ProposalState {
  const t = BigInt(now);
  if (p.status === "EXECUTED") return "Executed";
  if (p.status === "CANCELED") return "Canceled";
  if (BigInt(p.voteStart) >= t) return "Pending";
  if (BigInt(p.voteEnd) >= t) return "Active";
  const forVotes = BigInt(p.forVotes);
  const quorumReached = BigInt(p.quorum) <= forVotes + BigInt(p.abstainVotes);
  if (!quorumReached || forVotes <= BigInt(p.againstVotes)) return "Defeated";
  return p.status === "QUEUED" ? "Queued" : "Succeeded";
}
