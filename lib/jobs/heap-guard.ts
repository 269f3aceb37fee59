// V8 collects lazily: while a run streams hundreds of MB through short-lived strings and rows, the
// server's heap grows by about 150 MB of garbage before V8 bothers (measured at 300,000 lines; with
// --max-old-space-size=96 the same run grew by 20 MB at the same speed). The server's flags are not
// the ingest's to set (decision 0008), so the job asks for a full collection itself whenever the
// heap has grown HEAP_SLACK (32 MiB: a few batches of garbage) past what was live when the run
// began; measured at 300,000 lines, the peak RSS then grows by some 40 MB instead of 150, at about
// the same speed. The collector is exposed at run time (--expose-gc through v8.setFlagsFromString,
// then a fresh context's `gc`); where that is not possible the guard does nothing. Decision 0019.
import v8 from "node:v8";
import vm from "node:vm";

export const HEAP_SLACK = 32 * 1024 * 1024;

let collector: (() => void) | null | undefined;

function fullCollection(): (() => void) | null {
  if (collector !== undefined) return collector;
  try {
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("typeof gc === 'function' ? gc : null") as (() => void) | null;
    collector = gc;
  } catch {
    collector = null;
  }
  return collector;
}

/** A full collection now, where the collector can be exposed (false where it cannot). A job that
 *  streams many rows calls it at its start: the garbage an earlier job left (the ingest run that
 *  enqueued a distillation refresh leaves up to HEAP_SLACK of it) would otherwise lie under the new
 *  job's own peak (decision 0030). */
export function collectGarbage(): boolean {
  const gc = fullCollection();
  gc?.();
  return gc !== null;
}

export type HeapGuard = { check(): void; collections: number };

export function startHeapGuard(slack = HEAP_SLACK): HeapGuard {
  collectGarbage();
  const gc = fullCollection();
  const limit = v8.getHeapStatistics().used_heap_size + slack;
  const guard = {
    collections: 0,
    check() {
      if (!gc || v8.getHeapStatistics().used_heap_size < limit) return;
      gc();
      guard.collections++;
    },
  };
  return guard;
}
