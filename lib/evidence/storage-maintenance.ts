// What the server does for its storage while it runs (started by instrumentation.ts): at start and
// then every LANTERN_BLOB_GC_INTERVAL_MINUTES, sweep the temporaries no live upload owns and
// collect unreferenced blobs older than the grace period. Several instances may run it at once
// on one store (decision 0010). Results are logged only when something was removed.
import { env } from "@/lib/env";
import { collectUnreferencedBlobs } from "@/lib/evidence/collect-unreferenced-blobs";
import { blobStore } from "@/lib/storage/blob-store";

/** Temporaries of owners that cannot be checked from here (another host) are taken after this. */
export const STALE_TEMPORARY_MS = 60 * 60 * 1000;

export type MaintenanceResult = { sweptTemporaries: number; collectedBlobs: number; keptBlobs: number };

export async function maintainStorage(graceMinutes = env().LANTERN_BLOB_GC_GRACE_MINUTES): Promise<MaintenanceResult> {
  const sweptTemporaries = await blobStore().sweepStale(STALE_TEMPORARY_MS);
  const gc = await collectUnreferencedBlobs({ graceMinutes });
  const keptBlobs = Object.values(gc.kept).reduce((a, b) => a + b, 0);
  return { sweptTemporaries, collectedBlobs: gc.deleted.length, keptBlobs };
}

export function describeMaintenance(r: MaintenanceResult): string {
  return `storage: removed ${r.sweptTemporaries} unfinished upload(s), collected ${r.collectedBlobs} unreferenced blob(s), kept ${r.keptBlobs} (within the grace period or in use)`;
}

// Per process, whichever bundle (server, proxy) loads this module.
const STARTED = Symbol.for("lantern.storageMaintenance");

/** Runs maintainStorage() now and then on a timer that does not keep the process alive. */
export function scheduleStorageMaintenance(): void {
  const minutes = env().LANTERN_BLOB_GC_INTERVAL_MINUTES;
  const g = globalThis as { [STARTED]?: boolean };
  if (g[STARTED] || minutes === 0) return;
  g[STARTED] = true;
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const r = await maintainStorage();
      if (r.sweptTemporaries || r.collectedBlobs) console.log(`[lantern] ${describeMaintenance(r)}`);
    } catch (e) {
      console.error("[lantern] storage maintenance failed; it runs again at the next interval", e);
    } finally {
      running = false;
    }
  };
  void run();
  setInterval(() => void run(), minutes * 60_000).unref();
}
