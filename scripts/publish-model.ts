// Maintainer tool: publish a trained tfjs model directory as a candidate version, and optionally open the proposal
// that activates it.
//
//   npm run model:publish -- <dir> --model <name> --train <dataset…> --eval <dataset> [--parent <version>]
//                            [--propose "<title>"] [--chain <id>]
//
// <dir> holds model.json, its weight shards and card.json. The script checks the files (model.json parses and every
// weight file it names is present), builds the canonical manifest, and checks on chain — before sending anything —
// that every dataset is whitelisted, that the key holds the maintainer role, and (with --propose) that it has enough
// votes to propose. Then it uploads the directory to the content node, submits the version and proposes.
// Key: MAINTAINER_PRIVATE_KEY, or on the local chain the seeded maintainer's test key.
import { parseArgs } from "node:util";
import { encodeFunctionData, parseEventLogs, type Hex } from "viem";
import { abis } from "../web/src/contracts/abis.ts";
import { uploadDirectory } from "./ipfs/client.ts";
import { readDeployment, type Deployment } from "./lib/deployments.ts";
import type { FileEntry } from "./lib/manifest.ts";
import { prepareModelFiles, PublicationError, upgradeSummary } from "./lib/publication.ts";
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

export { PublishError };

export type PublishOptions = {
  dir: string;
  model: string;
  train: string[];
  eval: string;
  parent?: number;
  propose?: string;
  deployment: Deployment;
  privateKey?: Hex;
  log?: (line: string) => void;
};

/** Checks a tfjs layers-model directory and returns its files (manifest.json rebuilt), card and claim. */
export async function prepareModelDirectory(dir: string) {
  let files: FileEntry[];
  try {
    files = readDirectoryFiles(dir);
  } catch (error) {
    throw new PublishError(`cannot read ${dir}: ${(error as Error).message}`);
  }
  try {
    return await prepareModelFiles(files, dir);
  } catch (error) {
    if (error instanceof PublicationError) throw new PublishError(error.message);
    throw error;
  }
}

export async function publishModel(options: PublishOptions) {
  const log = options.log ?? (() => {});
  const { deployment } = options;
  const prepared = await prepareModelDirectory(options.dir);
  const { claimedAccuracyBps, claimedMacroF1Bps } = prepared;

  const clients = await connect(deployment, options.privateKey, ROLES.maintainer);
  const { client, wallet, account } = clients;
  const c = deployment.contracts;

  // Every check that can fail happens before anything is uploaded or sent.
  const datasets = [...options.train, options.eval];
  for (const name of datasets) {
    const approved = await client.readContract({
      address: c.datasetRegistry,
      abi: abis.datasetRegistry,
      functionName: "isApproved",
      args: [nameId(name)],
    });
    if (!approved) throw new PublishError(`dataset "${name}" is not on the whitelist: propose it for approval first`);
  }
  if (options.train.includes(options.eval)) {
    throw new PublishError(`"${options.eval}" cannot be both a training and the evaluation dataset`);
  }
  const maintainerRole = await client.readContract({
    address: c.modelRegistry,
    abi: abis.modelRegistry,
    functionName: "MAINTAINER_ROLE",
  });
  const isMaintainer = await client.readContract({
    address: c.modelRegistry,
    abi: abis.modelRegistry,
    functionName: "hasRole",
    args: [maintainerRole, account.address],
  });
  if (!isMaintainer) throw new PublishError(`${account.address} is not a maintainer: governance grants that role`);
  const modelId = nameId(options.model);
  const { activeVersion } = await client.readContract({
    address: c.modelRegistry,
    abi: abis.modelRegistry,
    functionName: "getModel",
    args: [modelId],
  });
  if (options.propose) await requireProposalRights(clients, deployment);

  const target = uploadTarget(deployment);
  const uploaded = await uploadDirectory(target.endpoint, prepared.files, {
    signal: AbortSignal.timeout(120_000),
    headers: target.headers,
  });
  log(`uploaded ${prepared.files.length} files: ${uploaded.cid} (manifest ${prepared.manifestDigest})`);

  const input = {
    modelId,
    parentVersion: options.parent ?? activeVersion,
    cid: uploaded.cid,
    manifestDigest: prepared.manifestDigest,
    cardDigest: prepared.cardDigest,
    trainingDatasets: options.train.map(nameId),
    evaluationDataset: nameId(options.eval),
    claimedAccuracyBps,
    claimedMacroF1Bps,
  };
  const submitHash = await wallet.writeContract({
    address: c.modelRegistry,
    abi: abis.modelRegistry,
    functionName: "submitModelVersion",
    args: [input],
  });
  const submitReceipt = await client.waitForTransactionReceipt({ hash: submitHash });
  const [submitted] = parseEventLogs({
    abi: abis.modelRegistry,
    eventName: "ModelVersionSubmitted",
    logs: submitReceipt.logs,
  });
  const version = submitted.args.version;
  log(`submitted ${options.model} v${version} (tx ${submitHash})`);

  if (!options.propose) return { cid: uploaded.cid, version, proposalId: undefined };
  const description = `# ${options.propose}\n\n${upgradeSummary({
    model: options.model,
    version,
    cid: uploaded.cid,
    evaluationDataset: options.eval,
    claimedAccuracyBps,
    claimedMacroF1Bps,
  })}`;
  const proposalId = await proposeCall(
    clients,
    deployment,
    {
      target: c.modelRegistry,
      data: encodeFunctionData({ abi: abis.modelRegistry, functionName: "activateVersion", args: [modelId, version] }),
    },
    description,
  );
  log(`proposal ${proposalId}`);
  return { cid: uploaded.cid, version, proposalId };
}

if (import.meta.main) {
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        model: { type: "string" },
        train: { type: "string", multiple: true },
        eval: { type: "string" },
        parent: { type: "string" },
        propose: { type: "string" },
        chain: { type: "string", default: "31337" },
      },
    });
    // `--train a b` (several values after one flag) is accepted too: extra positionals after the dir are datasets.
    const [dir, ...moreTrain] = positionals;
    if (!dir || !values.model || !values.eval || !(values.train?.length || moreTrain.length)) {
      throw new PublishError(
        'usage: npm run model:publish -- <dir> --model <name> --train <dataset…> --eval <dataset> [--propose "<title>"]',
      );
    }
    const result = await publishModel({
      dir,
      model: values.model,
      train: [...(values.train ?? []), ...moreTrain],
      eval: values.eval,
      parent: values.parent === undefined ? undefined : Number(values.parent),
      propose: values.propose,
      deployment: readDeployment(Number(values.chain)),
      privateKey: process.env.MAINTAINER_PRIVATE_KEY as Hex | undefined,
      log: (line) => console.log(line),
    });
    if (result.proposalId !== undefined) {
      console.log(`proposal id: ${result.proposalId}`);
      console.log(`link: ${proposalLink(result.proposalId)}`);
    }
  } catch (error) {
    console.error(`model:publish refused: ${(error as Error).message}`);
    process.exit(1);
  }
}
