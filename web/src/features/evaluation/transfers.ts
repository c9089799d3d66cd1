// The page hands the evaluation's buffers to its workers by transfer (no copy), which detaches them. In V8, the first
// detach of a buffer that has a view, and then the first of one whose view starts at an offset, each throw away every
// optimised function of the page that reads typed arrays (V8's log: "dependent prototype chain changed", "dependent
// property cell changed"). Left to the evaluation, they came at its run request and at its first rows: the CAR reader,
// the decoding and the verdict's scoring, warmed when the panel opened, ran unoptimised and were compiled again by
// TurboFan (~28 ms of a core) in the middle of the download. Detaching both kinds once, before anything is warmed,
// leaves nothing for the evaluation's transfers to invalidate (checked in Chromium 156: no such deoptimisation after).

let settled = false;

/** Detaches, once per page, one buffer with a whole view and one with a view at an offset (see above). */
export function settleTransferDeoptimisations(): void {
  // Only a speed-up: a browser without structuredClone (all current ones have it) evaluates without it.
  if (settled || typeof structuredClone !== "function") return;
  settled = true;
  const whole = new Float32Array(16);
  structuredClone(whole, { transfer: [whole.buffer] });
  const backing = new Uint8Array(64);
  const part = backing.subarray(16, 32);
  structuredClone(part, { transfer: [backing.buffer] });
}
