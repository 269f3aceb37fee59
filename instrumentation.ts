// Next calls register() once when a server process starts (`next start`, however it is launched).
// Lantern uses it for storage maintenance on a timer (lib/evidence/storage-maintenance.ts,
// decision 0010), to sweep the folders of case-file verifications a crash left, and for the
// background job worker (lib/worker/start-worker.ts, decision 0013; off with LANTERN_WORKER_IN_SERVER=false). NEXT_RUNTIME and NEXT_PHASE are Next's own variables, set by Next itself, which is
// why this file reads them rather than lib/env.ts.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { scheduleStorageMaintenance } = await import("@/lib/evidence/storage-maintenance");
  scheduleStorageMaintenance();
  // Folders of in-app case-file verifications a crash left behind (lib/export/verify-temporaries.ts).
  const { sweepStaleVerifyTemporaries } = await import("@/lib/export/verify-temporaries");
  await sweepStaleVerifyTemporaries()
    .then((n) => n > 0 && console.log(`[lantern] removed ${n} case-file verification folder(s) left by an earlier crash`))
    .catch((e: unknown) => console.error("[lantern] could not sweep the case-file verification folders", e));
  const { startServerWorker } = await import("@/lib/worker/start-worker");
  startServerWorker();
}
