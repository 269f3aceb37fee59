// `npm run bench -- writes [--db postgresql]` (issue 14): case creates through POST /api/v1/cases at
// 16 connections, next to reads (GET /api/v1/cases/{number}) at 16 connections, first on one
// server instance, then on two instances of the server sharing the database (8 + 8 connections).
// Every create appends to the one audit chain and takes a number from one counter row, so this is
// where writes would serialize. Afterwards: case numbers gap-free and unique, the chain verifies.
// Runs in a process of its own (bench/run.ts), with its own data folder and database.
import type { EventEmitter } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon, { type Result } from "autocannon";
import { createBenchDatabase, describeBenchDatabase } from "./bench-database";
import { seedCases } from "./seed";
import { startServer, type Server } from "./server";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 16;
const PORT = Number(process.env.BENCH_PORT ?? 3200);

type Phase = { label: string; requests: number; perSecond: number; p50: number; p95: number; max: number; failed: number };

/** `connections` spread evenly over the servers, for SECONDS; latencies of every answer. */
async function drive(label: string, servers: Server[], path_: string, token: string, body?: () => string): Promise<Phase> {
  const times: number[] = [];
  let failed = 0;
  const runs = servers.map((s) => {
    const instance = autocannon({
      url: `${s.baseUrl}${path_}`,
      connections: CONNECTIONS / servers.length,
      duration: SECONDS,
      method: body ? "POST" : "GET",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      // A body per request, so every create is a case of its own.
      requests: body ? [{ setupRequest: (req) => ({ ...req, body: body() }) }] : undefined,
    }) as unknown as Promise<Result> & EventEmitter;
    instance.on("response", (_c: unknown, status: number, _b: number, ms: number) => {
      if (status >= 200 && status < 300) times.push(ms);
      else failed += 1;
    });
    return instance;
  });
  await Promise.all(runs);
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  return { label, requests: times.length, perSecond: times.length / SECONDS, p50: at(0.5), p95: at(0.95), max: times.at(-1) ?? NaN, failed };
}

const row = (p: Phase) =>
  `${p.label.padEnd(34)} p50 ${p.p50.toFixed(1).padStart(7)} ms   p95 ${p.p95.toFixed(1).padStart(7)} ms   max ${p.max.toFixed(0).padStart(5)} ms   ${p.perSecond.toFixed(0).padStart(5)}/s   (${p.requests} ok, ${p.failed} failed)`;

export async function runWritesBench(): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-bench-writes-"));
  process.env.LANTERN_DATA_DIR = dataDir;
  const database = await createBenchDatabase(dataDir, "writes");
  process.env.DATABASE_URL = database.url;
  const { createApiToken } = await import("@/lib/auth/api-tokens");
  const { SYSTEM_CONTEXT } = await import("@/lib/audit/audit-context");
  const { db } = await import("@/lib/db/client");
  const { verifyAuditChain } = await import("@/lib/audit/verify-audit-chain");
  const servers: Server[] = [];
  try {
    const name = await describeBenchDatabase(database);
    const { users } = await seedCases(database.url, 1_000);
    const investigator = users.find((u) => u.role === "INVESTIGATOR")!;
    const { token } = await createApiToken(investigator.id, SYSTEM_CONTEXT, { name: "bench" });
    const readPath = `/api/v1/cases/LAN-${new Date().getUTCFullYear()}-0421`;
    let n = 0;
    const body = () => JSON.stringify({ title: `Bench create ${++n}`, summary: "Created by npm run bench -- writes", tags: ["bench"] });
    const env = { LANTERN_DATA_DIR: dataDir, DATABASE_URL: database.url, AUTH_SECRET: "bench-secret-bench-secret-bench-secret-0123" };
    servers.push(await startServer(env, PORT));
    const phases: Phase[] = [];
    await fetch(`${servers[0].baseUrl}${readPath}`, { headers: { authorization: `Bearer ${token}` } });
    phases.push(await drive("reads, one instance", servers, readPath, token));
    phases.push(await drive("creates, one instance", servers, "/api/v1/cases", token, body));
    servers.push(await startServer(env, PORT + 1));
    await fetch(`${servers[1].baseUrl}${readPath}`, { headers: { authorization: `Bearer ${token}` } });
    phases.push(await drive("reads, two instances (8 + 8)", servers, readPath, token));
    phases.push(await drive("creates, two instances (8 + 8)", servers, "/api/v1/cases", token, body));
    for (const s of servers.splice(0)) await s.stop();

    // Numbers gap-free and unique in the normal series; the chain whole.
    const year = new Date().getUTCFullYear();
    const numbers = (await db().case.findMany({ select: { number: true }, where: { number: { startsWith: `LAN-${year}-` } } })).map((c) => Number(c.number.split("-")[2]));
    const counter = await db().caseCounter.findUnique({ where: { year_restricted: { year, restricted: false } } });
    const gapFree = new Set(numbers).size === numbers.length && numbers.length === counter?.lastSeq && Math.max(...numbers) === numbers.length;
    const chain = await verifyAuditChain(db());
    await db().$disconnect();

    const ratio = (i: number) => (phases[i + 1].p95 / phases[i].p95).toFixed(2);
    return [
      `Writes on ${name}: ${CONNECTIONS} connections, ${SECONDS} s per phase, an INVESTIGATOR's token (${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)})`,
      ...phases.map(row),
      `creates p95 / reads p95: one instance ${ratio(0)}x, two instances ${ratio(2)}x (target <= 5x)`,
      `case numbers: ${numbers.length} in the normal series, ${gapFree ? "gap-free and unique" : "NOT gap-free"}; audit chain: ${chain.ok ? `verifies (${chain.events} events)` : `BROKEN at ${chain.brokenSeq}: ${chain.reason}`}`,
    ].join("\n");
  } finally {
    for (const s of servers) await s.stop();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs this file in a Node process of its own, as bench/run.ts does for the other write-heavy parts. */
export async function runWritesBenchChild(): Promise<void> {
  const { spawn } = await import("node:child_process");
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "writes.ts"), "--main"], {
    cwd: path.join(import.meta.dirname, ".."),
    stdio: ["ignore", "inherit", "inherit"],
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`The writes benchmark failed (exit ${code})`);
}

if (process.argv.includes("--main")) {
  runWritesBench().then(
    (out) => {
      console.log(out);
      process.exit(0);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
