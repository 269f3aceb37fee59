// Next calls register() once when a server process starts (`next start`, however it is launched).
// Lantern uses it for storage maintenance on a timer (lib/evidence/storage-maintenance.ts,
// decision 0010) and for the background job worker (lib/worker/start-worker.ts, decision 0013;
// off with LANTERN_WORKER_IN_SERVER=false). NEXT_RUNTIME and NEXT_PHASE are Next's own variables, set by Next itself, which is
// why this file reads them rather than lib/env.ts.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { scheduleStorageMaintenance } = await import("@/lib/evidence/storage-maintenance");
  scheduleStorageMaintenance();
  const { startServerWorker } = await import("@/lib/worker/start-worker");
  startServerWorker();
}
