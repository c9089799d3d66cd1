import { describe, expect, it } from "vitest";
import { allOrAbort } from "../../src/features/evaluation/concurrent.ts";

/** A task that resolves after `ms` unless its signal aborts first (then it rejects with the signal's reason). */
function sleeper<T>(ms: number, value: T, log: string[], name: string) {
  return (signal: AbortSignal) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        log.push(`${name} done`);
        resolve(value);
      }, ms);
      signal.addEventListener("abort", () => {
        clearTimeout(timer);
        log.push(`${name} aborted`);
        reject(signal.reason);
      });
    });
}

describe("allOrAbort", () => {
  it("runs the tasks at the same time and keeps their order", async () => {
    const log: string[] = [];
    const values = await allOrAbort([
      sleeper(60, "a", log, "a"),
      sleeper(10, "b", log, "b"),
      sleeper(40, "c", log, "c"),
    ]);
    expect(values).toEqual(["a", "b", "c"]);
    expect(log).toEqual(["b done", "c done", "a done"]); // one after the other would be a, b, c
  });

  it("surfaces the first failure at once and aborts the siblings with it", async () => {
    const log: string[] = [];
    const tampered = new Error("block does not match its CID");
    const started = performance.now();
    const outcome = allOrAbort([
      sleeper(5_000, "slow", log, "slow"),
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        throw tampered;
      },
      sleeper(5_000, "slower", log, "slower"),
    ]);
    await expect(outcome).rejects.toBe(tampered);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(log).toEqual(["slow aborted", "slower aborted"]);
  });

  it("reports the caller's cancellation, not a sibling's echo of it", async () => {
    const log: string[] = [];
    const parent = new AbortController();
    const cancelled = new DOMException("Evaluation cancelled", "AbortError");
    const outcome = allOrAbort([sleeper(5_000, 1, log, "one"), sleeper(5_000, 2, log, "two")], parent.signal);
    setTimeout(() => parent.abort(cancelled), 10);
    await expect(outcome).rejects.toBe(cancelled);
    expect(log).toEqual(["one aborted", "two aborted"]);
  });

  it("refuses to start when already cancelled, and treats a synchronous throw as a failure", async () => {
    const parent = new AbortController();
    parent.abort(new Error("gone"));
    let ran = false;
    await expect(
      allOrAbort(
        [
          async () => {
            ran = true;
          },
        ],
        parent.signal,
      ),
    ).rejects.toThrow("gone");
    expect(ran).toBe(false);
    const boom = new Error("sync");
    await expect(
      allOrAbort([
        () => {
          throw boom;
        },
      ]),
    ).rejects.toBe(boom);
    expect(await allOrAbort([])).toEqual([]);
  });
});
