// KillSwitch: global and per-model pauses with their reasons, and the guardian.
import { Bytes, ethereum } from "@graphprotocol/graph-ts";
import {
  AllPaused,
  AllUnpaused,
  GuardianChanged,
  ModelPaused,
  ModelUnpaused,
} from "../generated/KillSwitch/KillSwitch";
import { KillSwitch, PauseEvent } from "../generated/schema";
import { eventId, loadModel } from "./common";

const KILL_SWITCH_ID = "killswitch";

function loadKillSwitch(): KillSwitch {
  let state = KillSwitch.load(KILL_SWITCH_ID);
  if (state == null) {
    state = new KillSwitch(KILL_SWITCH_ID);
    state.globallyPaused = false;
    state.pauseCount = 0;
  }
  return state;
}

function record(event: ethereum.Event, kind: string, modelId: Bytes | null, by: Bytes | null, reason: string): void {
  const pause = new PauseEvent(eventId(event));
  pause.kind = kind;
  if (modelId) {
    pause.modelId = modelId;
    pause.model = modelId.toHexString();
  }
  pause.by = by;
  pause.reason = reason;
  pause.timestamp = event.block.timestamp;
  pause.block = event.block.number;
  pause.tx = event.transaction.hash;
  pause.save();
}

export function handleAllPaused(event: AllPaused): void {
  const state = loadKillSwitch();
  state.globallyPaused = true;
  state.globalPausedAt = event.block.timestamp;
  state.globalPauseReason = event.params.reason;
  state.pauseCount += 1;
  state.save();
  record(event, "ALL_PAUSED", null, event.params.by, event.params.reason);
}

export function handleAllUnpaused(event: AllUnpaused): void {
  const state = loadKillSwitch();
  state.globallyPaused = false;
  state.globalPausedAt = null;
  state.globalPauseReason = null;
  state.save();
  record(event, "ALL_UNPAUSED", null, null, event.params.reason);
}

export function handleModelPaused(event: ModelPaused): void {
  const model = loadModel(event.params.modelId, event.block.timestamp);
  model.paused = true;
  model.pausedAt = event.block.timestamp;
  model.pauseReason = event.params.reason;
  model.save();
  const state = loadKillSwitch();
  state.pauseCount += 1;
  state.save();
  record(event, "MODEL_PAUSED", event.params.modelId, event.params.by, event.params.reason);
}

export function handleModelUnpaused(event: ModelUnpaused): void {
  const model = loadModel(event.params.modelId, event.block.timestamp);
  model.paused = false;
  model.pausedAt = null;
  model.pauseReason = null;
  model.save();
  record(event, "MODEL_UNPAUSED", event.params.modelId, null, event.params.reason);
}

export function handleGuardianChanged(event: GuardianChanged): void {
  const state = loadKillSwitch();
  state.guardian = event.params.newGuardian;
  state.save();
}
