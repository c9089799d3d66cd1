// DatasetRegistry: the whitelist with each dataset's provenance, and revocations.
import { DatasetApproved, DatasetRevoked } from "../generated/DatasetRegistry/DatasetRegistry";
import { Dataset } from "../generated/schema";
import { nameOf } from "./common";

export function handleDatasetApproved(event: DatasetApproved): void {
  const input = event.params.dataset;
  const dataset = new Dataset(event.params.id.toHexString());
  dataset.name = nameOf(event.params.id);
  dataset.cid = input.cid;
  dataset.manifestDigest = input.manifestDigest;
  dataset.cardDigest = input.cardDigest;
  dataset.license = input.license;
  dataset.source = input.source;
  dataset.creator = input.creator;
  dataset.status = "APPROVED";
  dataset.revoked = false;
  dataset.approvedAt = event.block.timestamp;
  dataset.approvedBlock = event.block.number;
  dataset.approvedTx = event.transaction.hash;
  dataset.save();
}

export function handleDatasetRevoked(event: DatasetRevoked): void {
  const dataset = Dataset.load(event.params.id.toHexString());
  if (dataset == null) return;
  dataset.status = "REVOKED";
  dataset.revoked = true;
  dataset.revokedAt = event.block.timestamp;
  dataset.revokeReason = event.params.reason;
  dataset.save();
}
