// ModelRegistry: models, their versions (content address, datasets, claimed metrics) and every status change.
import { Bytes, ethereum } from "@graphprotocol/graph-ts";
import {
  ModelCreated,
  ModelRolledBack,
  ModelVersionActivated,
  ModelVersionRetired,
  ModelVersionRevoked,
  ModelVersionSubmitted,
} from "../generated/ModelRegistry/ModelRegistry";
import { ModelVersion, ModelVersionStatusChange } from "../generated/schema";
import { eventId, loadModel, versionId } from "./common";

function changeStatus(
  event: ethereum.Event,
  version: ModelVersion,
  to: string,
  cause: string,
  reason: string | null,
  suffix: string,
): void {
  const change = new ModelVersionStatusChange(eventId(event) + suffix);
  change.version = version.id;
  change.from = version.status;
  change.to = to;
  change.cause = cause;
  change.reason = reason;
  change.timestamp = event.block.timestamp;
  change.block = event.block.number;
  change.tx = event.transaction.hash;
  change.save();
  version.status = to;
}

export function handleModelCreated(event: ModelCreated): void {
  loadModel(event.params.modelId, event.block.timestamp).save();
}

export function handleModelVersionSubmitted(event: ModelVersionSubmitted): void {
  const p = event.params;
  const input = p.input;
  const number = p.version.toI32();
  const model = loadModel(p.modelId, event.block.timestamp);
  model.versionCount = number;
  model.save();
  const version = new ModelVersion(versionId(p.modelId, number));
  version.model = model.id;
  version.version = number;
  const parent = input.parentVersion.toI32();
  version.parentVersion = parent;
  if (parent != 0) version.parent = versionId(p.modelId, parent);
  version.cid = input.cid;
  version.manifestDigest = input.manifestDigest;
  version.cardDigest = input.cardDigest;
  const training: string[] = [];
  const ids = input.trainingDatasets;
  for (let i = 0; i < ids.length; i++) training.push(ids[i].toHexString());
  version.trainingDatasets = training;
  version.evaluationDataset = input.evaluationDataset.toHexString();
  version.claimedAccuracyBps = input.claimedAccuracyBps;
  version.claimedMacroF1Bps = input.claimedMacroF1Bps;
  version.submitter = p.submitter;
  version.submittedAt = event.block.timestamp;
  version.submittedBlock = event.block.number;
  version.submittedTx = event.transaction.hash;
  version.status = "CANDIDATE";
  version.save();
  const change = new ModelVersionStatusChange(eventId(event));
  change.version = version.id;
  change.to = "CANDIDATE";
  change.cause = "ModelVersionSubmitted";
  change.timestamp = event.block.timestamp;
  change.block = event.block.number;
  change.tx = event.transaction.hash;
  change.save();
}

function makeActive(event: ethereum.Event, modelId: Bytes, number: i32, previous: i32, cause: string): void {
  const model = loadModel(modelId, event.block.timestamp);
  if (previous != 0) {
    const old = ModelVersion.load(versionId(modelId, previous));
    if (old != null) {
      changeStatus(event, old, "SUPERSEDED", "Superseded", null, "-superseded");
      old.save();
    }
  }
  const version = ModelVersion.load(versionId(modelId, number));
  if (version == null) return;
  changeStatus(event, version, "ACTIVE", cause, null, "");
  if (!version.activatedAt) version.activatedAt = event.block.timestamp;
  version.save();
  model.activeVersion = version.id;
  model.activeVersionNumber = number;
  model.save();
}

export function handleModelVersionActivated(event: ModelVersionActivated): void {
  const p = event.params;
  makeActive(event, p.modelId, p.version.toI32(), p.previousVersion.toI32(), "ModelVersionActivated");
}

export function handleModelRolledBack(event: ModelRolledBack): void {
  const p = event.params;
  makeActive(event, p.modelId, p.version.toI32(), p.previousVersion.toI32(), "ModelRolledBack");
}

function end(event: ethereum.Event, modelId: Bytes, number: i32, to: string, cause: string, reason: string): void {
  const version = ModelVersion.load(versionId(modelId, number));
  if (version == null) return;
  if (version.status == "ACTIVE") {
    const model = loadModel(modelId, event.block.timestamp);
    model.activeVersion = null;
    model.activeVersionNumber = 0;
    model.save();
  }
  changeStatus(event, version, to, cause, reason, "");
  version.statusReason = reason;
  version.save();
}

export function handleModelVersionRetired(event: ModelVersionRetired): void {
  const p = event.params;
  end(event, p.modelId, p.version.toI32(), "RETIRED", "ModelVersionRetired", p.reason);
}

export function handleModelVersionRevoked(event: ModelVersionRevoked): void {
  const p = event.params;
  end(event, p.modelId, p.version.toI32(), "REVOKED", "ModelVersionRevoked", p.reason);
}
