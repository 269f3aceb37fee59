// `npm run bench`: the case list and case search APIs at 32 concurrent connections on 100,000
// cases, next to a trivial route of the same server measured in the same run; then one large
// evidence upload next to `cp` and a bare SHA-256 pass (bench/upload.ts).
// `npm run bench -- upload` runs the upload part only (and seeds no cases); `npm run bench -- accounts`
// the account import and suggested links (bench/accounts.ts, in a process of its own); `ingest` a
// generated 1,000,000-line log through the ingest job next to a raw baseline (bench/ingest.ts).
// `--db postgresql` (or a PostgreSQL DATABASE_URL) runs the chosen parts on PostgreSQL instead of
// SQLite (bench/bench-database.ts); e.g. `npm run bench -- http --db postgresql`.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchProvider, createBenchDatabase, describeBenchDatabase, postgresServerUrl, takeDbOption } from "./bench-database";
import { seedCases } from "./seed";
import { formatRow, load, type LoadResult } from "./http-load";
import { formatCpuPerRequest, postgresClusterPid, sampleCpu } from "./cpu-per-request";
import { startServer } from "./server";
import { benchUpload, formatUploadResult, type UploadBenchResult } from "./upload";
import { runAccountsBench } from "./accounts-child";
import { runActionsBenchChild } from "./actions";
import { runIngestBench } from "./ingest";
import { runWritesBenchChild } from "./writes";
import { runDashboardExportBench } from "./dashboard-export";

const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 3200);
const UPLOAD_BYTES = Number(process.env.BENCH_UPLOAD_MB ?? 1024) * 1024 * 1024;
const UPLOAD_ROUNDS = Number(process.env.BENCH_UPLOAD_ROUNDS ?? 3);

const PARTS = ["http", "upload", "accounts", "actions", "dashboard-export", "writes", "ingest"] as const;
type Part = (typeof PARTS)[number];

function partsToRun(args: string[]): Set<Part> {
  if (args.length === 0) return new Set(PARTS);
  // `dashboard-export a|b` names one part of that benchmark (bench/dashboard-export.ts).
  if (args[0] === "dashboard-export") return new Set(["dashboard-export"]);
  for (const a of args) if (!PARTS.includes(a as Part)) throw new Error(`Unknown benchmark part '${a}' (known: ${PARTS.join(", ")})`);
  return new Set(args as Part[]);
}

async function main(): Promise<void> {
  const parts = partsToRun(takeDbOption(process.argv.slice(2)));
  if (benchProvider() === "postgresql") await postgresServerUrl(); // one server for every part
  if (parts.has("dashboard-export")) {
    // Its own data folders and servers (bench/dashboard-export.ts).
    await runDashboardExportBench(process.argv[2] === "dashboard-export" ? process.argv.slice(3) : []);
    parts.delete("dashboard-export");
    if (parts.size === 0) return;
  }
  if (parts.has("actions")) {
    // Its own data folder, server and process (bench/actions.ts).
    await runActionsBenchChild();
    parts.delete("actions");
    if (parts.size === 0) return;
  }
  if (parts.has("writes")) {
    // Case creates next to reads on one and two server instances (bench/writes.ts, its own process).
    await runWritesBenchChild();
    parts.delete("writes");
    if (parts.size === 0) return;
  }
  if (parts.has("ingest")) {
    // Its own data folder and server (bench/ingest.ts).
    console.log(await runIngestBench());
    parts.delete("ingest");
    if (parts.size === 0) return;
  }
  if (parts.has("accounts")) {
    console.log(await runAccountsBench());
    parts.delete("accounts");
    if (parts.size === 0) return;
  }
  const caseCount = parts.has("http") ? CASES : 0;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-bench-"));
  process.env.LANTERN_DATA_DIR = dataDir;
  const database = await createBenchDatabase(dataDir);
  process.env.DATABASE_URL = database.url;
  const databaseName = await describeBenchDatabase(database);
  const { createApiToken } = await import("@/lib/auth/api-tokens");
  const { SYSTEM_CONTEXT } = await import("@/lib/audit/audit-context");
  const { db } = await import("@/lib/db/client");

  const results: LoadResult[] = [];
  const cpu: string[] = [];
  let uploaded: UploadBenchResult | undefined;
  try {
    const t = Date.now();
    const { users } = await seedCases(database.url, caseCount);
    console.log(`Seeded ${caseCount} cases and ${users.length} users in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const investigator = users.find((u) => u.role === "INVESTIGATOR")!;
    const { token } = await createApiToken(investigator.id, SYSTEM_CONTEXT, { name: "bench" });
    await db().$disconnect();

    const server = await startServer({ LANTERN_DATA_DIR: dataDir, DATABASE_URL: database.url }, PORT);
    const headers = { authorization: `Bearer ${token}` };
    try {
      if (parts.has("http")) {
        const routes = {
          trivial: `${server.baseUrl}/api/health`,
          list: `${server.baseUrl}/api/v1/cases?pageSize=25`,
          search: `${server.baseUrl}/api/v1/cases?q=LAN-${new Date().getUTCFullYear()}-042`,
        };
        // Every route under the same load first, not measured: a fresh server spends its first
        // ~20 s compiling its hot paths and opening pool connections, which fell on whichever route
        // came first (the trivial route answered 111 req/s then and 470 req/s a minute later).
        for (const url of Object.values(routes)) await load("warm-up", url, headers, WARMUP_SECONDS);
        // CPU per request of the server and (a local) PostgreSQL, beside latency (bench/cpu-per-request.ts).
        const databasePid = database.provider === "postgresql" ? await postgresClusterPid(database.url) : undefined;
        const measure = async (label: string, url: string) => {
          const before = sampleCpu(server.pid, databasePid);
          const result = await load(label, url, headers, SECONDS);
          cpu.push(`${label.padEnd(28)} ${formatCpuPerRequest(before, sampleCpu(server.pid, databasePid), result.requests)}`);
          results.push(result);
        };
        await measure("trivial GET /api/health", routes.trivial);
        await measure("case list GET /cases", routes.list);
        await measure("case search GET /cases?q=", routes.search);
        await measure("trivial again", routes.trivial);
      }
      if (parts.has("upload")) uploaded = await benchUpload({ ...server, token }, UPLOAD_BYTES, UPLOAD_ROUNDS);
    } finally {
      await server.stop();
    }
  } finally {
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  if (parts.has("http")) {
    console.log(`\nHTTP load on ${databaseName}: 32 connections, ${SECONDS} s each, ${CASES} cases, an INVESTIGATOR's token (${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)})`);
    for (const r of results) console.log(formatRow(r));
    for (const line of cpu) console.log(line);
    const trivial = (results[0].p95 + results[3].p95) / 2; // the baseline, before and after
    console.log(`\ncase list   p95 = ${(results[1].p95 / trivial).toFixed(2)}x the trivial route (target <= 3x)`);
    console.log(`case search p95 = ${(results[2].p95 / trivial).toFixed(2)}x the trivial route (target <= 5x)`);
  }
  if (uploaded) console.log(`\n${formatUploadResult(uploaded)}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
