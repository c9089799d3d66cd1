// TimelockController: scheduled, executed and cancelled operations (one entity per batch).
import { Bytes } from "@graphprotocol/graph-ts";
import { CallExecuted, CallScheduled, Cancelled } from "../generated/TimelockController/TimelockController";
import { TimelockOperation } from "../generated/schema";

export function handleCallScheduled(event: CallScheduled): void {
  const p = event.params;
  const id = p.id.toHexString();
  let operation = TimelockOperation.load(id);
  if (operation == null) {
    operation = new TimelockOperation(id);
    operation.callCount = 0;
    operation.targets = [];
    operation.values = [];
    operation.datas = [];
    operation.predecessor = p.predecessor;
    operation.delay = p.delay;
    operation.scheduledAt = event.block.timestamp;
    operation.scheduledTx = event.transaction.hash;
    operation.executedCalls = 0;
    operation.canceled = false;
  }
  const targets = operation.targets;
  targets.push(changetype<Bytes>(p.target));
  operation.targets = targets;
  const values = operation.values;
  values.push(p.value);
  operation.values = values;
  const datas = operation.datas;
  datas.push(p.data);
  operation.datas = datas;
  operation.callCount += 1;
  operation.save();
}

export function handleCallExecuted(event: CallExecuted): void {
  const operation = TimelockOperation.load(event.params.id.toHexString());
  if (operation == null) return;
  operation.executedCalls += 1;
  if (operation.executedCalls == operation.callCount) {
    operation.executedAt = event.block.timestamp;
    operation.executedTx = event.transaction.hash;
  }
  operation.save();
}

export function handleCancelled(event: Cancelled): void {
  const operation = TimelockOperation.load(event.params.id.toHexString());
  if (operation == null) return;
  operation.canceled = true;
  operation.canceledAt = event.block.timestamp;
  operation.save();
}
