// Runs independent tasks at the same time, all or nothing: the first failure aborts the others' shared signal at once
// and is the error the caller sees (not a sibling's "aborted"), so a tampered block stops everything immediately.

export async function allOrAbort<T>(
  tasks: readonly ((signal: AbortSignal) => Promise<T>)[],
  parent?: AbortSignal,
): Promise<T[]> {
  parent?.throwIfAborted();
  const controller = new AbortController();
  const stop = () => controller.abort(parent?.reason);
  parent?.addEventListener("abort", stop, { once: true });
  let first: { error: unknown } | null = null;
  try {
    return await new Promise<T[]>((resolve, reject) => {
      const results = new Array<T>(tasks.length);
      let pending = tasks.length;
      if (pending === 0) resolve(results);
      tasks.forEach((task, index) => {
        let running: Promise<T>;
        try {
          running = task(controller.signal);
        } catch (error) {
          running = Promise.reject(error);
        }
        running.then(
          (value) => {
            results[index] = value;
            if (--pending === 0) resolve(results);
          },
          (error: unknown) => {
            if (first) return;
            // A cancellation by the caller surfaces as the caller's reason; any other failure is the first error.
            first = { error: parent?.aborted ? (parent.reason ?? error) : error };
            controller.abort(first.error);
            reject(first.error);
          },
        );
      });
    });
  } finally {
    parent?.removeEventListener("abort", stop);
  }
}
