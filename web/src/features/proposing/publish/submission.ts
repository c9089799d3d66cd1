// What the upgrade wizard sends: the registry's ModelVersionInput from the checked files, their CID and what the
// maintainer chose. Pure: every rule that is not the contract's own is checked here, with a message for the form.
import { keccak256, toHex, type Hex } from "viem";
import { checkName, PublicationError, type PreparedModel } from "../../../../../scripts/lib/publication.ts";
import { nameToId } from "../../../shared/format.ts";

export const MAINTAINER_ROLE: Hex = keccak256(toHex("MAINTAINER_ROLE"));

export type SubmissionChoices = {
  model: string;
  /** Comma- or space-separated dataset ids. */
  training: string;
  evaluation: string;
  /** Whole number; 0 when the model has no active version yet. */
  parent: string;
};

export function datasetList(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/[\s,]+/)
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ];
}

/** Pre-fills what the model card suggests; the parent defaults to the model's active version. */
export function suggestedChoices(prepared: PreparedModel, activeVersionOf: (model: string) => number) {
  const model = prepared.suggested.model ?? "";
  return {
    model,
    training: prepared.suggested.trainingDatasets.join(", "),
    evaluation: prepared.suggested.evaluationDataset ?? "",
    parent: String(model ? activeVersionOf(model) : 0),
  } satisfies SubmissionChoices;
}

export function versionInput(choices: SubmissionChoices, prepared: PreparedModel, cid: string) {
  const model = checkName(choices.model.trim(), "model name");
  const training = datasetList(choices.training);
  if (training.length === 0) throw new PublicationError("Name at least one training dataset.");
  for (const id of training) checkName(id, "dataset id");
  const evaluation = checkName(choices.evaluation.trim(), "dataset id");
  if (!/^\d+$/.test(choices.parent.trim())) throw new PublicationError("The parent version is a whole number.");
  return {
    modelId: nameToId(model),
    parentVersion: Number(choices.parent),
    cid,
    manifestDigest: prepared.manifestDigest,
    cardDigest: prepared.cardDigest,
    trainingDatasets: training.map(nameToId),
    evaluationDataset: nameToId(evaluation),
    claimedAccuracyBps: prepared.claimedAccuracyBps,
    claimedMacroF1Bps: prepared.claimedMacroF1Bps,
  };
}
