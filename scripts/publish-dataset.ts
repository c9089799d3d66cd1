// Maintainer tool: publish a dataset directory and propose it for the whitelist.
//
//   npm run dataset:publish -- <dir> --id <name> [--propose "<title>"] [--chain <id>]
//
// <dir> holds the data files and card.json (license, source, creator are required: they become the on-chain
// provenance). The script builds the canonical manifest, checks on chain before sending anything that the id was never
// used (ids are never reused, even after a revocation) and that the key may propose, then uploads the directory and
// opens the proposal that approves it. Key: PROPOSER_PRIVATE_KEY, or on the local chain the maintainer's test key.
import { parseArgs } from "node:util";
import { encodeFunctionData, type Hex } from "viem";
import { abis } from "../web/src/contracts/abis.ts";
import { uploadDirectory } from "./ipfs/client.ts";
import { readDeployment, type Deployment } from "./lib/deployments.ts";
import { checkName, datasetSummary, prepareDatasetFiles, PublicationError } from "./lib/publication.ts";
import {
  connect,
  PublishError,
  proposeCall,
  readDirectoryFiles,
  requireProposalRights,
  proposalLink,
  uploadTarget,
} from "./lib/publishing.ts";
import { nameId, ROLES } from "./seed.ts";

export async function publishDataset(options: {
  dir: string;
  id: string;
  propose?: string;
  deployment: Deployment;
  privateKey?: Hex;
  log?: (line: string) => void;
}) {
  const log = options.log ?? (() => {});
  const { dir, id, deployment } = options;
  let prepared;
  try {
    checkName(id, "dataset id");
    prepared = await prepareDatasetFiles(readDirectoryFiles(dir), dir);
  } catch (error) {
    if (error instanceof PublicationError) throw new PublishError(error.message);
    throw new PublishError(`cannot read ${dir}: ${(error as Error).message}`);
  }

  const clients = await connect(deployment, options.privateKey, ROLES.maintainer);
  const known = await clients.client.readContract({
    address: deployment.contracts.datasetRegistry,
    abi: abis.datasetRegistry,
    functionName: "getDataset",
    args: [nameId(id)],
  });
  if (known.status !== 0) {
    throw new PublishError(
      `dataset id "${id}" is already ${known.status === 1 ? "approved" : "revoked"}; ids are never reused`,
    );
  }
  await requireProposalRights(clients, deployment);

  const target = uploadTarget(deployment);
  const { cid } = await uploadDirectory(target.endpoint, prepared.files, {
    signal: AbortSignal.timeout(300_000),
    headers: target.headers,
  });
  log(`uploaded ${prepared.files.length} files: ${cid} (manifest ${prepared.manifestDigest})`);

  const input = {
    id: nameId(id),
    cid,
    manifestDigest: prepared.manifestDigest,
    cardDigest: prepared.cardDigest,
    license: prepared.license,
    source: prepared.source,
    creator: prepared.creator,
  };
  const title = options.propose ?? `Whitelist dataset ${id}`;
  const description = `# ${title}\n\n${datasetSummary({ ...prepared, id, cid })}`;
  const proposalId = await proposeCall(
    clients,
    deployment,
    {
      target: deployment.contracts.datasetRegistry,
      data: encodeFunctionData({ abi: abis.datasetRegistry, functionName: "approveDataset", args: [input] }),
    },
    description,
  );
  log(`proposal ${proposalId}`);
  return { cid, manifestDigest: prepared.manifestDigest, proposalId };
}

if (import.meta.main) {
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: { id: { type: "string" }, propose: { type: "string" }, chain: { type: "string", default: "31337" } },
    });
    const [dir] = positionals;
    if (!dir || !values.id) {
      throw new PublishError(
        'usage: npm run dataset:publish -- <dir> --id <name> [--propose "<title>"] [--chain <id>]',
      );
    }
    const result = await publishDataset({
      dir,
      id: values.id,
      propose: values.propose,
      deployment: readDeployment(Number(values.chain)),
      privateKey: process.env.PROPOSER_PRIVATE_KEY as Hex | undefined,
      log: (line) => console.log(line),
    });
    console.log(`proposal id: ${result.proposalId}`);
    console.log(`link: ${proposalLink(result.proposalId!)}`);
  } catch (error) {
    console.error(`dataset:publish refused: ${(error as Error).message}`);
    process.exit(1);
  }
}
