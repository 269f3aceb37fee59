// `npm run bench -- actions`: 10,000 access-revocation proposals on one queue, approved and then
// executed through the REST API by 8 concurrent clients. Two of the clients deliberately race on the
// same proposals (both approve, then both execute, at the same moment): each race must end with one
// 200 and one 409, and no account revoked twice or not at all. p95 per transition is reported next
// to the trivial route (GET /api/health) measured in the same run, before and after.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { load, formatRow, type LoadResult } from "./http-load";
import { startServer } from "./server";
import { createBenchDatabase, describeBenchDatabase } from "./bench-database";

const PROPOSALS = Number(process.env.BENCH_PROPOSALS ?? 10_000);
const CLIENTS = 8; // clients 0 and 1 race on the same proposals; 2..7 each take a share of their own
const PORT = Number(process.env.BENCH_PORT ?? 3200);
const TRIVIAL_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

type Sample = { move: "approve" | "execute"; ms: number; status: number };

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

async function timedPost(url: string, token: string, body: unknown): Promise<{ ms: number; status: number }> {
  const t = performance.now();
  const res = await fetch(url, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  await res.arrayBuffer();
  return { ms: performance.now() - t, status: res.status };
}

export async function runActionsBench(): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-bench-actions-"));
  process.env.LANTERN_DATA_DIR = dataDir;
  const database = await createBenchDatabase(dataDir, "actions");
  process.env.DATABASE_URL = database.url;
  const databaseName = await describeBenchDatabase(database);
  const { createApiToken } = await import("@/lib/auth/api-tokens");
  const { SYSTEM_CONTEXT } = await import("@/lib/audit/audit-context");
  const { db } = await import("@/lib/db/client");
  const { createCase } = await import("@/lib/cases/create-case");
  try {
    const mk = (role: "INVESTIGATOR" | "MANAGER", i: number) =>
      db().user.create({ data: { email: `${role.toLowerCase()}-${i}@bench.test`, name: `${role} ${i}`, role, passwordHash: "x" }, select: { id: true, email: true, name: true, role: true } });
    const investigator = await mk("INVESTIGATOR", 0);
    const managers = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => mk("MANAGER", i)));
    const tokens = await Promise.all(managers.map(async (m) => (await createApiToken(m.id, SYSTEM_CONTEXT, { name: "bench" })).token));
    const c = await createCase({ actor: investigator, requestId: "bench", ip: null }, { title: "Bench: one queue of revocations" });

    // Seeded in bulk (rows as createAction writes them, without their audit events): one account each.
    const t0 = Date.now();
    const ids: string[] = [];
    for (let from = 0; from < PROPOSALS; from += 1_000) {
      const n = Math.min(1_000, PROPOSALS - from);
      const rows = Array.from({ length: n }, (_, k) => ({ action: `a${randomUUID().replaceAll("-", "")}`, account: `c${randomUUID().replaceAll("-", "")}`, i: from + k }));
      await db().$transaction(async (tx) => {
        await tx.account.createMany({ data: rows.map((r) => ({ id: r.account, externalId: `bench-${r.i}` })) });
        await tx.action.createMany({ data: rows.map((r) => ({ id: r.action, caseId: c.id, type: "ACCESS_REVOCATION" as const, status: "PROPOSED" as const, proposedById: investigator.id, justification: `bench ${r.i}` })) });
        await tx.actionTarget.createMany({ data: rows.map((r) => ({ actionId: r.action, kind: "ACCOUNT" as const, value: r.account, accountId: r.account })) });
        await tx.actionEvent.createMany({ data: rows.map((r) => ({ actionId: r.action, actorId: investigator.id, toStatus: "PROPOSED" as const })) });
      });
      ids.push(...rows.map((r) => r.action));
    }
    const seedSeconds = (Date.now() - t0) / 1000;
    await db().$disconnect();

    // The provider's side of the webhook: every executed revocation is delivered here by the server's
    // job worker while the transitions run (the outbox as in production); counts deliveries per action.
    const delivered = new Map<string, number>();
    const receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const id = (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { data: { actionId: string } }).data.actionId;
        delivered.set(id, (delivered.get(id) ?? 0) + 1);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const server = await startServer(
      { LANTERN_DATA_DIR: dataDir, DATABASE_URL: database.url, LANTERN_WEBHOOK_URL: hook, LANTERN_WEBHOOK_SECRET: "bench-webhook-secret-0123456789" },
      PORT,
    );
    const trivial: LoadResult[] = [];
    const samples: Sample[] = [];
    let races = 0;
    let racesOk = 0;
    let unexpected = 0;
    let wallSeconds = 0;
    try {
      const headers = { authorization: `Bearer ${tokens[0]}` };
      await fetch(`${server.baseUrl}/api/v1/actions?queue=awaiting-approval&pageSize=1`, { headers });
      trivial.push(await load("trivial GET /api/health (before)", `${server.baseUrl}/api/health`, headers, TRIVIAL_SECONDS));
      const url = (id: string) => `${server.baseUrl}/api/v1/actions/${id}/transitions`;
      const raced = ids.filter((_, i) => i % (CLIENTS - 1) === 0);
      const solo = Array.from({ length: CLIENTS - 2 }, (_, k) => ids.filter((_, i) => i % (CLIENTS - 1) === k + 1));
      const t = performance.now();
      const racePair = async () => {
        for (const id of raced) {
          for (const [move, body] of [["approve", { to: "APPROVED" }], ["execute", { to: "EXECUTED", externalReference: `KMS-${id}` }]] as const) {
            const pair = await Promise.all([timedPost(url(id), tokens[0], body), timedPost(url(id), tokens[1], body)]);
            for (const r of pair) samples.push({ move, ...r });
            races += 1;
            const st = pair.map((r) => r.status).sort();
            if (st[0] === 200 && st[1] === 409) racesOk += 1;
          }
        }
      };
      const soloClient = async (k: number) => {
        for (const id of solo[k]) {
          const a = await timedPost(url(id), tokens[k + 2], { to: "APPROVED" });
          samples.push({ move: "approve", ...a });
          const e = await timedPost(url(id), tokens[(k + 3) % CLIENTS], { to: "EXECUTED", externalReference: `KMS-${id}` });
          samples.push({ move: "execute", ...e });
          if (a.status !== 200 || e.status !== 200) unexpected += 1;
        }
      };
      await Promise.all([racePair(), ...solo.map((_, k) => soloClient(k))]);
      wallSeconds = (performance.now() - t) / 1000;
      trivial.push(await load("trivial GET /api/health (after)", `${server.baseUrl}/api/health`, headers, TRIVIAL_SECONDS));
      const drainUntil = Date.now() + 120_000;
      while (delivered.size < PROPOSALS && Date.now() < drainUntil) await new Promise((r) => setTimeout(r, 500));
    } finally {
      await server.stop();
      receiver.close();
    }

    // No lost or doubled update: every action executed once, every account revoked once.
    const { createDb } = await import("@/lib/db/client");
    const check = createDb(database.url);
    const executed = await check.action.count({ where: { status: "EXECUTED" } });
    const revoked = await check.account.count({ where: { status: "REVOKED", version: 2 } });
    const events = await check.actionEvent.count();
    const accountAudits = await check.auditEvent.count({ where: { action: "account.update" } });
    await check.$disconnect();

    const p95 = (move: Sample["move"]) => percentile(samples.filter((s) => s.move === move && s.status === 200).map((s) => s.ms), 95);
    const p50 = (move: Sample["move"]) => percentile(samples.filter((s) => s.move === move && s.status === 200).map((s) => s.ms), 50);
    const base = (trivial[0].p95 + trivial[1].p95) / 2;
    const lines = [
      `Actions: ${PROPOSALS} proposals on one queue (seeded in ${seedSeconds.toFixed(1)} s), ${CLIENTS} clients (2 racing on every ${CLIENTS - 1}th proposal), ${os.cpus().length} cores, ${databaseName}`,
      ...trivial.map(formatRow),
      `approve  (200s)  p50 ${p50("approve").toFixed(1)} ms  p95 ${p95("approve").toFixed(1)} ms  = ${(p95("approve") / base).toFixed(2)}x the trivial route (target <= 4x)`,
      `execute  (200s)  p50 ${p50("execute").toFixed(1)} ms  p95 ${p95("execute").toFixed(1)} ms  = ${(p95("execute") / base).toFixed(2)}x the trivial route (target <= 4x)`,
      `transitions: ${samples.length} requests in ${wallSeconds.toFixed(1)} s (${(samples.length / wallSeconds).toFixed(0)}/s); unexpected answers outside the races: ${unexpected}`,
      `races resolved correctly (one 200, one 409): ${racesOk}/${races} (${((100 * racesOk) / Math.max(races, 1)).toFixed(1)}%)`,
      `webhook: ${delivered.size}/${PROPOSALS} executions delivered to a loopback receiver, ${[...delivered.values()].filter((n) => n > 1).length} delivered more than once`,
      `after: ${executed}/${PROPOSALS} executed, ${revoked}/${PROPOSALS} accounts revoked exactly once, ${accountAudits} account audit events, ${events} action events (expected ${3 * PROPOSALS})`,
    ];
    return lines.join("\n");
  } finally {
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs this file in a Node process of its own (its own database, server and env), as bench/run.ts does. */
export async function runActionsBenchChild(): Promise<string> {
  const { spawn } = await import("node:child_process");
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "actions.ts"), "--main"], {
    cwd: path.join(import.meta.dirname, ".."),
    stdio: ["ignore", "inherit", "inherit"],
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`The actions benchmark failed (exit ${code})`);
  return "";
}

if (process.argv.includes("--main")) {
  runActionsBench().then(
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
