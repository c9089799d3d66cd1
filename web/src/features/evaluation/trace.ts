// Timeline marks for the benchmark (`BENCH_TRACE=1 npm run bench:eval` prints them): instants on the wall clock the
// page and its workers share (timeOrigin + now), so one run's download, decoding and inference can be laid side by
// side. Each is also a User Timing mark, so a DevTools or Chromium trace of an evaluation shows where it stood. A mark
// is a push onto an array: nothing is kept beyond one evaluation (evaluate.ts takes them at its start).
import type { TraceMark } from "./workerProtocol.ts";

const marks: TraceMark[] = [];

export function mark(label: string): void {
  marks.push([label, performance.timeOrigin + performance.now()]);
  performance.mark(`evaluation:${label}`);
}

/** Adds marks made elsewhere (a worker's, sent with its answer). */
export function addMarks(list: TraceMark[]): void {
  marks.push(...list);
}

/** The marks so far, in time order; the list (and the User Timing marks made here) is emptied. */
export function takeMarks(): TraceMark[] {
  for (const label of new Set(marks.map(([label]) => label))) performance.clearMarks(`evaluation:${label}`);
  return marks.splice(0).sort((a, b) => a[1] - b[1]);
}
