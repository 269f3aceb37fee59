// `npm run bench -- ingest`: generates a synthetic API usage log (test/support/log-generator.ts, the
// generator of `npm run gen:logs`; 1,000,000 lines unless BENCH_INGEST_LINES), then in the same run:
// 1. the raw baseline (bench/ingest-baseline.ts): the same parser and a prepared better-sqlite3
//    INSERT into a twin database, 5,000 rows a transaction;
// 2. the real thing: the log uploaded as API_LOG evidence, `next start` on a data folder of its own,
//    POST /api/v1/evidence/{id}/ingest, and the run polled until COMPLETED; the server's RSS sampled
//    every 50 ms over its process tree (and its VmHWM read at the end);
// 3. the case's indicators (lib/distillation computeCaseDistillation) over the ingested rows.
// SQLite only: the baseline is a better-sqlite3 loop. Prints one report; figures go to docs/BENCHMARKS.md.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { runIngestBaseline } from "./ingest-baseline";
import { cpuSeconds, peakRssBytes, processTree, rssBytes, sampleRss } from "./process-tree";
import { startServer } from "./server";

const LINES = Number(process.env.BENCH_INGEST_LINES ?? 1_000_000);
const PORT = Number(process.env.BENCH_INGEST_PORT ?? 3210);
const MiB = 1024 * 1024;

export type IngestBenchResult = {
  lines: number;
  fileMiB: number;
  generateSeconds: number;
  baselineSeconds: number;
  baselineLinesPerSecond: number;
  baselineCpuSeconds: number;
  ingestSeconds: number;
  ingestLinesPerSecond: number;
  ratio: number;
  linesOk: number;
  linesFailed: number;
  serverIdleRssMiB: number;
  serverPeakRssMiB: number;
  serverPeakHwmMiB: number;
  /** CPU seconds the server spent from the POST to the end of the run: less at the mercy of the
   *  machine's other load than the wall time. */
  serverCpuSeconds: number;
  /** The follow-on distillation.refresh job in the server: peak RSS, time to its end, its status. */
  refreshPeakRssMiB: number;
  refreshSeconds: number;
  refreshStatus: string;
  indicatorsSeconds: number;
  accountsScored: number;
  loadAverage: number;
};

export async function runIngestBench(): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-bench-ingest-"));
  const file = path.join(dataDir, "lantern.db");
  const twin = path.join(dataDir, "raw.db");
  const log = path.join(dataDir, "usage.jsonl");
  process.env.LANTERN_DATA_DIR = dataDir;
  process.env.DATABASE_URL = `file:${file}`;
  try {
    const { applyPendingMigrations } = await import("@/lib/db/migrations");
    await applyPendingMigrations(`file:${file}`);
    await applyPendingMigrations(`file:${twin}`);
    const { writeLogFile } = await import("@/test/support/log-generator");
    let t = performance.now();
    const truth = await writeLogFile({ lines: LINES, seed: 1, out: log });
    const generateSeconds = (performance.now() - t) / 1000;
    console.log(`Generated ${LINES.toLocaleString("en-US")} lines (${(truth.bytes / MiB).toFixed(0)} MiB) in ${generateSeconds.toFixed(1)} s`);

    const baselineCpu = process.cpuUsage();
    const baseline = await runIngestBaseline(log, twin);
    const baselineCpuSeconds = (({ user, system }) => (user + system) / 1e6)(process.cpuUsage(baselineCpu));
    console.log(`Raw baseline: ${baseline.lines.toLocaleString("en-US")} lines in ${baseline.seconds.toFixed(1)} s`);
    fs.rmSync(twin, { force: true });

    // The evidence and a token, written before the server starts (the upload is not what is measured).
    const { db } = await import("@/lib/db/client");
    const { createApiToken } = await import("@/lib/auth/api-tokens");
    const { SYSTEM_CONTEXT } = await import("@/lib/audit/audit-context");
    const { createCase } = await import("@/lib/cases/create-case");
    const { stageEvidenceFile } = await import("@/lib/evidence/stage-evidence-file");
    const { uploadEvidence } = await import("@/lib/evidence/upload-evidence");
    const user = await db().user.create({ data: { email: "bench@ingest.bench", name: "Bench", role: "ADMIN", passwordHash: "x" }, select: { id: true, email: true, name: true, role: true } });
    const ctx = { actor: user, requestId: "bench", ip: null };
    const c = await createCase(ctx, { title: "Ingest benchmark" });
    const evidence = await uploadEvidence(ctx, c.id, await stageEvidenceFile(fs.createReadStream(log), { filename: "usage.jsonl", mimeType: "application/x-ndjson" }), { kind: "API_LOG", title: "Usage log" });
    const { token } = await createApiToken(user.id, SYSTEM_CONTEXT, { name: "bench" });
    await db().$disconnect();
    fs.rmSync(log, { force: true });

    const server = await startServer({ LANTERN_DATA_DIR: dataDir, DATABASE_URL: `file:${file}` }, PORT);
    const headers = { authorization: `Bearer ${token}` };
    let run: { id: string; state: string; linesOk: number; linesFailed: number; linesTotal: number; startedAt: string; finishedAt: string; error: string | null };
    let rss: { peak: number };
    let hwm: number;
    let idle: number;
    let cpu: number;
    let refresh: { peak: number; seconds: number; status: string };
    try {
      // The server's own footprint first: it settles within seconds of start-up (routes, Prisma, worker).
      await fetch(`${server.baseUrl}/api/v1/ingest-runs/none`, { headers });
      await new Promise((r) => setTimeout(r, 10_000));
      idle = rssBytes(processTree(server.pid));
      const sampler = sampleRss(server.pid, 50);
      const cpuBefore = cpuSeconds(processTree(server.pid));
      t = performance.now();
      const started = await fetch(`${server.baseUrl}/api/v1/evidence/${evidence.id}/ingest`, { method: "POST", headers });
      if (started.status !== 202) throw new Error(`POST ingest answered ${started.status}: ${await started.text()}`);
      const runId = ((await started.json()) as { id: string }).id;
      for (;;) {
        run = (await (await fetch(`${server.baseUrl}/api/v1/ingest-runs/${runId}?errorsPageSize=1`, { headers })).json()) as typeof run;
        if (run.state === "COMPLETED" || run.state === "FAILED") break;
        await new Promise((r) => setTimeout(r, 200));
      }
      rss = sampler.stop();
      hwm = peakRssBytes(processTree(server.pid));
      cpu = cpuSeconds(processTree(server.pid)) - cpuBefore;
      // The run's end enqueues the case's distillation.refresh job (lib/distillation/refresh-distillation.ts),
      // which the server's worker runs next: its memory is the server's too, reported apart.
      const refreshSampler = sampleRss(server.pid, 50);
      const { DISTILLATION_REFRESH_JOB, distillationRefreshKey } = await import("@/lib/distillation/refresh-distillation");
      const refreshStarted = performance.now();
      for (;;) {
        const job = await db().job.findUnique({ where: { dedupeKey: distillationRefreshKey(c.id) }, select: { type: true, status: true } });
        if (!job || job.type !== DISTILLATION_REFRESH_JOB || !["QUEUED", "RUNNING"].includes(job.status) || performance.now() - refreshStarted > 300_000) {
          refresh = { peak: refreshSampler.stop().peak, seconds: (performance.now() - refreshStarted) / 1000, status: job?.status ?? "none" };
          break;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      await db().$disconnect();
    } finally {
      await server.stop();
    }
    if (run.state !== "COMPLETED") throw new Error(`The ingest run ended ${run.state}: ${run.error}`);
    // The job's own time, start to finish (the poll adds up to 200 ms to the wall time).
    const ingestSeconds = (new Date(run.finishedAt).getTime() - new Date(run.startedAt).getTime()) / 1000;

    const { computeCaseDistillation } = await import("@/lib/distillation/compute-case-distillation");
    t = performance.now();
    const analysis = await computeCaseDistillation(c.id);
    const indicatorsSeconds = (performance.now() - t) / 1000;
    const accountsScored = analysis.accounts.length;
    await db().$disconnect();

    const result: IngestBenchResult = {
      lines: run.linesTotal,
      fileMiB: truth.bytes / MiB,
      generateSeconds,
      baselineSeconds: baseline.seconds,
      baselineLinesPerSecond: baseline.lines / baseline.seconds,
      baselineCpuSeconds,
      ingestSeconds,
      ingestLinesPerSecond: run.linesTotal / ingestSeconds,
      ratio: baseline.seconds / ingestSeconds,
      linesOk: run.linesOk,
      linesFailed: run.linesFailed,
      serverIdleRssMiB: idle / MiB,
      serverPeakRssMiB: rss.peak / MiB,
      serverPeakHwmMiB: hwm / MiB,
      serverCpuSeconds: cpu,
      refreshPeakRssMiB: refresh.peak / MiB,
      refreshSeconds: refresh.seconds,
      refreshStatus: refresh.status,
      indicatorsSeconds,
      accountsScored,
      loadAverage: os.loadavg()[0],
    };
    return formatIngestResult(result);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export function formatIngestResult(r: IngestBenchResult): string {
  const n = (x: number) => Math.round(x).toLocaleString("en-US");
  return [
    `\nIngest of ${n(r.lines)} lines (${r.fileMiB.toFixed(0)} MiB JSON Lines, ${n(r.linesFailed)} malformed) on SQLite (${os.cpus().length} cores, load average ${r.loadAverage.toFixed(1)})`,
    `raw baseline (parse + prepared INSERT)  ${r.baselineSeconds.toFixed(1).padStart(7)} s  ${n(r.baselineLinesPerSecond).padStart(9)} lines/s  (CPU ${r.baselineCpuSeconds.toFixed(1)} s)`,
    `ingest job on the server                ${r.ingestSeconds.toFixed(1).padStart(7)} s  ${n(r.ingestLinesPerSecond).padStart(9)} lines/s  (server CPU ${r.serverCpuSeconds.toFixed(1)} s)`,
    `ratio ${r.ratio.toFixed(2)}x the baseline (target >= 0.6x); by CPU seconds ${(r.baselineCpuSeconds / r.serverCpuSeconds).toFixed(2)}x (less at the mercy of other load)`,
    `server peak RSS ${r.serverPeakRssMiB.toFixed(0)} MiB sampled every 50 ms (VmHWM ${r.serverPeakHwmMiB.toFixed(0)} MiB; target < 300 MB); ` +
      `idle before the run ${r.serverIdleRssMiB.toFixed(0)} MiB, so the run added ${(r.serverPeakRssMiB - r.serverIdleRssMiB).toFixed(0)} MiB`,
    `then the server's distillation.refresh job (enqueued by the run's end): ${r.refreshStatus} after ${r.refreshSeconds.toFixed(1)} s, server peak RSS ${r.refreshPeakRssMiB.toFixed(0)} MiB`,
    `indicators of ${n(r.accountsScored)} accounts over ${n(r.linesOk)} rows (computeCaseDistillation): ${r.indicatorsSeconds.toFixed(1)} s (target < 10 s)`,
  ].join("\n");
}
