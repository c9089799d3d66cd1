// The upgrade wizard's data: the picked model directory, the maintainer's choices, the maintainer role, and the one
// transaction that submits the candidate (simulated first, so a refusal such as a dataset that is not whitelisted is
// explained before anything is uploaded; then uploaded; then signed).
import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { parseEventLogs } from "viem";
import { useAccount } from "wagmi";
import { prepareModelFiles, upgradeSummary } from "../../../../../scripts/lib/publication.ts";
import type { FileEntry } from "../../../../../scripts/lib/manifest.ts";
import { abis } from "../../../contracts/abis.ts";
import { contractAddress, deployment } from "../../../config/deployment.ts";
import { publicClient } from "../../../shared/chain/client.ts";
import { useTransaction } from "../../../shared/chain/useTransaction.ts";
import { useModelList } from "../../registry/useRegistry.ts";
import { activateAction, type Contracts } from "../actionBuilders.ts";
import type { ProposalAction } from "../../governance/decodeActions.ts";
import { MAINTAINER_ROLE, suggestedChoices, versionInput, type SubmissionChoices } from "./submission.ts";
import { useDirectoryUpload, usePreparedDirectory } from "./usePublication.ts";

const prepare = (files: FileEntry[]) => prepareModelFiles(files, "the picked files");

export type ProposalDraft = { action: ProposalAction; title: string; body: string };

export function useModelSubmission(onSubmitted: (draft: ProposalDraft) => void) {
  const directory = usePreparedDirectory(prepare);
  const upload = useDirectoryUpload();
  const transaction = useTransaction();
  const models = useModelList();
  const [choices, setChoices] = useState<SubmissionChoices>({ model: "", training: "", evaluation: "", parent: "0" });
  const [problem, setProblem] = useState<string | null>(null);
  const { address } = useAccount();

  const activeVersionOf = useCallback(
    (model: string) => models.data?.find((m) => m.name === model)?.activeVersion ?? 0,
    [models.data],
  );
  const ready = directory.state.phase === "ready" ? directory.state : null;
  useEffect(() => {
    if (ready) setChoices(suggestedChoices(ready.prepared, activeVersionOf));
    // Only a new pick resets the choices; a refetch of the model list must not overwrite what was typed.
  }, [ready?.cid]);

  const maintainer = useQuery({
    queryKey: ["chain", "registry", "maintainer", address],
    enabled: !!address && !!publicClient && !!deployment,
    queryFn: () =>
      publicClient!.readContract({
        address: contractAddress("modelRegistry"),
        abi: abis.modelRegistry,
        functionName: "hasRole",
        args: [MAINTAINER_ROLE, address!],
      }),
  });

  const setChoice = (name: keyof SubmissionChoices, value: string) => {
    const next = { ...choices, [name]: value };
    // A different model means a different parent: follow its active version.
    if (name === "model") next.parent = String(activeVersionOf(value.trim()));
    setChoices(next);
  };

  const submit = async () => {
    if (!ready) return;
    setProblem(null);
    let input: ReturnType<typeof versionInput>;
    try {
      input = versionInput(choices, ready.prepared, ready.cid);
    } catch (error) {
      setProblem((error as Error).message);
      return;
    }
    const receipt = await transaction.send(
      {
        address: contractAddress("modelRegistry"),
        abi: abis.modelRegistry,
        functionName: "submitModelVersion",
        args: [input],
      },
      { extraCheck: async () => void (await upload.upload(ready.prepared.files, ready.computed)) },
    );
    if (!receipt) return;
    const [submitted] = parseEventLogs({
      abi: abis.modelRegistry,
      eventName: "ModelVersionSubmitted",
      logs: receipt.logs,
    });
    if (!submitted) return;
    const model = choices.model.trim();
    const version = submitted.args.version;
    onSubmitted({
      action: activateAction({ model, version: String(version) }, deployment!.contracts as Contracts),
      title: `Upgrade ${model} to v${version}`,
      body: upgradeSummary({
        model,
        version,
        cid: ready.cid,
        evaluationDataset: choices.evaluation.trim(),
        claimedAccuracyBps: ready.prepared.claimedAccuracyBps,
        claimedMacroF1Bps: ready.prepared.claimedMacroF1Bps,
      }),
    });
  };

  return {
    directory,
    upload,
    transaction,
    choices,
    setChoice,
    problem,
    submit,
    isMaintainer: maintainer.data,
  };
}
