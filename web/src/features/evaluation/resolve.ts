// What to evaluate, read from the chain: the candidate version, the model's active version and the candidate's
// whitelisted evaluation dataset, with their CIDs (from the registries' events) and manifest digests (from storage).
// Light on purpose: the panel shows this before any heavy code (tfjs, Helia) is loaded.
import { hexToString, type Hex, type PublicClient } from "viem";
import { abis } from "../../contracts/abis.ts";
import { getEventsChunked } from "../../shared/chain/logs.ts";

export type DirectoryRef = {
  role: "candidate" | "active" | "dataset";
  label: string;
  cid: string;
  manifestDigest: Hex;
};

export type EvaluationTarget = {
  modelId: Hex;
  model: string;
  candidate: DirectoryRef & { version: number; claimedAccuracyBps: number; claimedMacroF1Bps: number };
  active: (DirectoryRef & { version: number }) | null;
  dataset: DirectoryRef & { id: Hex; name: string; license: string; source: string; creator: string };
};

/** The directories an evaluation downloads, in the order everything is reported: candidate, active (if any), dataset. */
export function targetDirectories(target: EvaluationTarget): DirectoryRef[] {
  return [target.candidate, ...(target.active ? [target.active] : []), target.dataset];
}

export type Addresses = { modelRegistry: Hex; datasetRegistry: Hex };

export async function resolveTarget(
  client: PublicClient,
  addresses: Addresses,
  fromBlock: bigint,
  modelId: Hex,
  candidateVersion: number,
): Promise<EvaluationTarget> {
  const registry = { address: addresses.modelRegistry, abi: abis.modelRegistry } as const;
  const [model, candidate, submitted] = await Promise.all([
    client.readContract({ ...registry, functionName: "getModel", args: [modelId] }),
    client.readContract({ ...registry, functionName: "getVersion", args: [modelId, candidateVersion] }),
    getEventsChunked(client, { ...registry, eventName: "ModelVersionSubmitted", args: { modelId }, fromBlock }),
  ]);
  const cidOf = (version: number) => {
    const log = submitted.find((entry) => entry.args.version === version);
    if (!log) throw new Error(`no ModelVersionSubmitted event for v${version}: cannot find its content address`);
    return log.args.input.cid;
  };
  const name = hexToString(modelId, { size: 32 }).replace(/\0+$/, "");
  const activeVersion = model.activeVersion;
  const active =
    activeVersion > 0 && activeVersion !== candidateVersion
      ? await client.readContract({ ...registry, functionName: "getVersion", args: [modelId, activeVersion] })
      : null;
  const datasetId = candidate.evaluationDataset;
  const [dataset, approvals] = await Promise.all([
    client.readContract({
      address: addresses.datasetRegistry,
      abi: abis.datasetRegistry,
      functionName: "getDataset",
      args: [datasetId],
    }),
    getEventsChunked(client, {
      address: addresses.datasetRegistry,
      abi: abis.datasetRegistry,
      eventName: "DatasetApproved",
      args: { id: datasetId },
      fromBlock,
    }),
  ]);
  const approval = approvals.at(-1);
  if (!approval) throw new Error("the evaluation dataset was never approved: nothing to evaluate on");
  const datasetName = hexToString(datasetId, { size: 32 }).replace(/\0+$/, "");
  return {
    modelId,
    model: name,
    candidate: {
      role: "candidate",
      label: `${name} v${candidateVersion}`,
      version: candidateVersion,
      cid: cidOf(candidateVersion),
      manifestDigest: candidate.manifestDigest,
      claimedAccuracyBps: candidate.claimedAccuracyBps,
      claimedMacroF1Bps: candidate.claimedMacroF1Bps,
    },
    active: active
      ? {
          role: "active",
          label: `${name} v${activeVersion}`,
          version: activeVersion,
          cid: cidOf(activeVersion),
          manifestDigest: active.manifestDigest,
        }
      : null,
    dataset: {
      role: "dataset",
      label: datasetName,
      id: datasetId,
      name: datasetName,
      cid: approval.args.dataset.cid,
      manifestDigest: dataset.manifestDigest,
      license: approval.args.dataset.license,
      source: approval.args.dataset.source,
      creator: approval.args.dataset.creator,
    },
  };
}
