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
import { buildManifest, MANIFEST_FILENAME } from "./lib/manifest.ts";
import {
  connect,
  parseJsonFile,
  PublishError,
  proposeCall,
  readDirectoryFiles,
  requireProposalRights,
  sha256Hex0x,
  proposalLink,
  uploadTarget,
} from "./lib/publishing.ts";
import { nameId, ROLES } from "./seed.ts";

const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,30}$/;

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
  if (!ID_PATTERN.test(id)) {
    throw new PublishError(
      `dataset id "${id}" must be 1-31 lowercase letters, digits or dashes (it is stored as bytes32)`,
    );
  }
  let files;
  try {
    files = readDirectoryFiles(dir).filter((f) => f.path !== MANIFEST_FILENAME);
  } catch (error) {
    throw new PublishError(`cannot read ${dir}: ${(error as Error).message}`);
  }
  const card = parseJsonFile(files, "card.json", dir);
  for (const field of ["license", "source", "creator"] as const) {
    if (typeof card[field] !== "string" || card[field].trim() === "") {
      throw new PublishError(`card.json must name the dataset's ${field}: it becomes its on-chain provenance`);
    }
  }
  if (files.length < 2) throw new PublishError(`${dir} has no data files besides card.json`);
  const manifest = await buildManifest(files);

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

  const upload = [...files, { path: MANIFEST_FILENAME, bytes: manifest.bytes }];
  const target = uploadTarget(deployment);
  const { cid } = await uploadDirectory(target.endpoint, upload, {
    signal: AbortSignal.timeout(300_000),
    headers: target.headers,
  });
  log(`uploaded ${upload.length} files: ${cid} (manifest ${manifest.digest})`);

  const input = {
    id: nameId(id),
    cid,
    manifestDigest: manifest.digest,
    cardDigest: await sha256Hex0x(files.find((f) => f.path === "card.json")!.bytes),
    license: card.license,
    source: card.source,
    creator: card.creator,
  };
  const title = options.propose ?? `Whitelist dataset ${id}`;
  const description = `# ${title}\n\nApprove \`${id}\` (CID ${cid}). License: ${card.license}. Source: ${card.source}. Creator: ${card.creator}.`;
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
  return { cid, manifestDigest: manifest.digest, proposalId };
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
