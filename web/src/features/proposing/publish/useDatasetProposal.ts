// The whitelisting wizard's data: the picked dataset directory, its id (never used before: ids are never reused),
// and the upload that must succeed before the approval is added to the proposal.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import {
  checkName,
  datasetSummary,
  NAME_PATTERN,
  prepareDatasetFiles,
} from "../../../../../scripts/lib/publication.ts";
import type { FileEntry } from "../../../../../scripts/lib/manifest.ts";
import { abis } from "../../../contracts/abis.ts";
import { contractAddress, deployment } from "../../../config/deployment.ts";
import { publicClient } from "../../../shared/chain/client.ts";
import { nameToId } from "../../../shared/format.ts";
import { datasetAction, type Contracts } from "../actionBuilders.ts";
import { DATASET_STATUS } from "../../registry/registryModel.ts";
import type { ProposalDraft } from "./useModelSubmission.ts";
import { useDirectoryUpload, usePreparedDirectory } from "./usePublication.ts";

const prepare = (files: FileEntry[]) => prepareDatasetFiles(files, "the picked files");

export function useDatasetProposal(onReady: (draft: ProposalDraft) => void) {
  const directory = usePreparedDirectory(prepare);
  const upload = useDirectoryUpload();
  const [id, setId] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const ready = directory.state.phase === "ready" ? directory.state : null;
  useEffect(() => {
    const suggested = ready?.prepared.card.id;
    if (typeof suggested === "string") setId(suggested);
  }, [ready]);

  const trimmed = id.trim();
  const existing = useQuery({
    queryKey: ["chain", "registry", "dataset-status", trimmed],
    enabled: !!publicClient && !!deployment && NAME_PATTERN.test(trimmed),
    queryFn: async () => {
      const record = await publicClient!.readContract({
        address: contractAddress("datasetRegistry"),
        abi: abis.datasetRegistry,
        functionName: "getDataset",
        args: [nameToId(trimmed)],
      });
      return DATASET_STATUS[record.status] ?? "Unknown";
    },
  });
  const taken = existing.data && existing.data !== "Unknown" ? existing.data : null;

  const add = async () => {
    if (!ready) return;
    setProblem(null);
    try {
      checkName(trimmed, "dataset id");
      if (taken) throw new Error(`Dataset id "${trimmed}" is already ${taken.toLowerCase()}; ids are never reused.`);
      const cid = await upload.upload(ready.prepared.files, ready.computed);
      const { prepared } = ready;
      onReady({
        action: datasetAction({ ...prepared, id: trimmed, cid }, deployment!.contracts as Contracts),
        title: `Whitelist dataset ${trimmed}`,
        body: datasetSummary({ ...prepared, id: trimmed, cid }),
      });
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  return { directory, upload, id, setId, taken, problem, add };
}
