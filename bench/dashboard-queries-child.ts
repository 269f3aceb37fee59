// The work of bench/dashboard-queries.ts, in its own process: seed with plain SQL (like
// bench/seed.ts: the benchmark measures reading), then time the dashboard's query set through
// lib/dashboard exactly as the page runs it, next to a bare count through the same client.
// On SQLite by default, on PostgreSQL with `--db postgresql` (bench/bench-database.ts): the same
// rows, written by seedRest (better-sqlite3) or seedRestPostgres (generated in SQL).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { createBenchDatabase, describeBenchDatabase } from "./bench-database";
import { seedCases } from "./seed";
import type { DashboardBenchResult } from "./dashboard-queries";

const CASES = Number(process.env.BENCH_DASHBOARD_CASES ?? 100_000);
const ACTIONS = Number(process.env.BENCH_DASHBOARD_ACTIONS ?? 20_000);
const AUDIT = Number(process.env.BENCH_DASHBOARD_AUDIT ?? 1_000_000);
const ACCOUNTS = Number(process.env.BENCH_DASHBOARD_ACCOUNTS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_DASHBOARD_ROUNDS ?? 15);
const HOUR = 3600_000;

const id = () => "c" + randomBytes(12).toString("hex");
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

/** Closing times, accounts, actions (60% revocations with 1-3 targets, 40% reviews) and audit events. */
function seedRest(file: string, users: { id: string; role: string }[]): void {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  const now = Date.now();
  const investigators = users.filter((u) => u.role === "INVESTIGATOR");
  const cases = db.prepare(`SELECT "id", "createdAt" FROM "Case"`).all() as { id: string; createdAt: string }[];
  db.transaction(() => {
    db.prepare(`UPDATE "Case" SET "closedAt" = "updatedAt", "resolution" = 'SUBSTANTIATED' WHERE "status" = 'CLOSED'`).run();
    const account = db.prepare(`INSERT INTO "Account" ("id", "externalId", "riskScore", "status", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)`);
    const accountIds: string[] = [];
    for (let i = 0; i < ACCOUNTS; i++) {
      const a = id();
      accountIds.push(a);
      account.run(a, `bench-acct-${i}`, (i * 37) % 101, i % 10 === 0 ? "REVOKED" : "ACTIVE", iso(now), iso(now));
    }
    const action = db.prepare(
      `INSERT INTO "Action" ("id", "caseId", "type", "status", "open", "proposedById", "dueAt", "justification", "referralBody", "approvedAt", "executedAt", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const target = db.prepare(`INSERT INTO "ActionTarget" ("id", "actionId", "kind", "value", "accountId") VALUES (?, ?, 'ACCOUNT', ?, ?)`);
    const REVOCATION = ["PROPOSED", "APPROVED", "EXECUTED", "VERIFIED", "REJECTED", "REVERSED"];
    const REVIEW = ["DRAFT", "REFERRED", "UNDER_REVIEW", "INFO_REQUESTED", "CONCLUDED"];
    const FINAL = new Set(["VERIFIED", "REJECTED", "REVERSED", "CONCLUDED"]);
    for (let i = 0; i < ACTIONS; i++) {
      const c = cases[(i * 7919) % cases.length];
      const created = Date.parse(c.createdAt) + (i % 48) * HOUR;
      const revocation = i % 5 < 3;
      const status = revocation ? REVOCATION[i % REVOCATION.length] : REVIEW[i % REVIEW.length];
      const executed = ["EXECUTED", "VERIFIED", "REVERSED"].includes(status) ? created + (2 + (i % 70)) * HOUR : null;
      const a = id();
      action.run(
        a, c.id, revocation ? "ACCESS_REVOCATION" : "NATIONAL_SECURITY_REVIEW", status, FINAL.has(status) ? 0 : 1,
        investigators[i % investigators.length].id, revocation ? null : iso(now + ((i % 60) - 20) * 24 * HOUR),
        revocation ? `bench revocation ${i}` : "", revocation ? null : "Review board", executed ? iso(created + HOUR) : null,
        executed ? iso(executed) : null, iso(created), iso(created),
      );
      if (revocation) for (let k = 0; k < 1 + (i % 3); k++) {
        const acct = accountIds[(i * 3 + k * 7) % accountIds.length];
        target.run(id(), a, acct, acct);
      }
    }
  })();
  const audit = db.prepare(
    `INSERT INTO "AuditEvent" ("seq", "at", "actorId", "actorEmail", "action", "entityType", "entityId", "caseId", "changes", "requestId", "ip", "prevHash", "hash") VALUES (?, ?, ?, ?, ?, ?, ?, ?, '{}', NULL, NULL, ?, ?)`,
  );
  const ACTIONS_NAMES = ["case.update", "case.transition", "note.create", "evidence.view", "action.transition", "account.update"];
  for (let from = 1; from <= AUDIT; from += 100_000) {
    db.transaction(() => {
      for (let seq = from; seq < Math.min(from + 100_000, AUDIT + 1); seq++) {
        const c = cases[(seq * 104729) % cases.length];
        const u = users[seq % users.length];
        const name = ACTIONS_NAMES[seq % ACTIONS_NAMES.length];
        audit.run(seq, iso(now - (AUDIT - seq) * 5000), u.id, `${u.id}@bench.test`, name, name.split(".")[0], c.id, c.id, (seq - 1).toString(16).padStart(64, "0"), seq.toString(16).padStart(64, "0"));
      }
    })();
  }
  db.pragma("optimize");
  db.close();
}

/** seedRest's rows on PostgreSQL, generated by the server from the same formulas (1,000,000 audit
 *  events would be slow to send row by row): the cases numbered in a temporary table stand for
 *  seedRest's array of cases. */
async function seedRestPostgres(url: string, users: { id: string; role: string }[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const now = new Date().toISOString();
  const investigators = users.filter((u) => u.role === "INVESTIGATOR").map((u) => u.id);
  try {
    await client.query("BEGIN");
    await client.query(`CREATE TEMP TABLE bc ON COMMIT DROP AS SELECT (row_number() OVER (ORDER BY "createdAt", id) - 1)::bigint AS n, id, "createdAt" FROM "Case"`);
    await client.query(`CREATE UNIQUE INDEX ON bc (n)`);
    const { rows } = await client.query<{ c: string }>(`SELECT count(*)::text AS c FROM bc`);
    const cases = Number(rows[0].c);
    await client.query(`UPDATE "Case" SET "closedAt" = "updatedAt", "resolution" = 'SUBSTANTIATED' WHERE "status" = 'CLOSED'`);
    await client.query(
      `INSERT INTO "Account" ("id", "externalId", "riskScore", "status", "createdAt", "updatedAt")
       SELECT 'bench-acct-id-' || i, 'bench-acct-' || i, (i * 37) % 101, (CASE WHEN i % 10 = 0 THEN 'REVOKED' ELSE 'ACTIVE' END)::"AccountStatus", $1::timestamp(3), $1::timestamp(3)
       FROM generate_series(0, $2::int - 1) AS i`,
      [now, ACCOUNTS],
    );
    await client.query(
      `INSERT INTO "Action" ("id", "caseId", "type", "status", "open", "proposedById", "dueAt", "justification", "referralBody", "approvedAt", "executedAt", "createdAt", "updatedAt")
       SELECT 'bench-action-' || i, c.id, (CASE WHEN rev THEN 'ACCESS_REVOCATION' ELSE 'NATIONAL_SECURITY_REVIEW' END)::"ActionType", st::"ActionStatus",
              st NOT IN ('VERIFIED', 'REJECTED', 'REVERSED', 'CONCLUDED'), ($3::text[])[i % cardinality($3::text[]) + 1],
              CASE WHEN rev THEN NULL ELSE $1::timestamp(3) + make_interval(days => (i % 60) - 20) END,
              CASE WHEN rev THEN 'bench revocation ' || i ELSE '' END, CASE WHEN rev THEN NULL ELSE 'Review board' END,
              CASE WHEN ex THEN created + interval '1 hour' END, CASE WHEN ex THEN created + make_interval(hours => 2 + (i % 70)) END, created, created
       FROM (
         SELECT i, rev, st, st IN ('EXECUTED', 'VERIFIED', 'REVERSED') AS ex, c.id, c."createdAt" + make_interval(hours => i % 48) AS created
         FROM (SELECT i, i % 5 < 3 AS rev,
                      CASE WHEN i % 5 < 3 THEN (ARRAY['PROPOSED', 'APPROVED', 'EXECUTED', 'VERIFIED', 'REJECTED', 'REVERSED'])[i % 6 + 1]
                           ELSE (ARRAY['DRAFT', 'REFERRED', 'UNDER_REVIEW', 'INFO_REQUESTED', 'CONCLUDED'])[i % 5 + 1] END AS st
               FROM generate_series(0, $2::int - 1) AS i) a
         JOIN bc c ON c.n = (a.i::bigint * 7919) % $4
       ) AS c`,
      [now, ACTIONS, investigators, cases],
    );
    await client.query(
      `INSERT INTO "ActionTarget" ("id", "actionId", "kind", "value", "accountId")
       SELECT 'bench-target-' || i || '-' || k, 'bench-action-' || i, 'ACCOUNT', 'bench-acct-id-' || ((i * 3 + k * 7) % $2), 'bench-acct-id-' || ((i * 3 + k * 7) % $2)
       FROM generate_series(0, $1::int - 1) AS i, generate_series(0, 2) AS k WHERE i % 5 < 3 AND k < 1 + i % 3`,
      [ACTIONS, ACCOUNTS],
    );
    await client.query(
      `INSERT INTO "AuditEvent" ("seq", "at", "actorId", "actorEmail", "action", "entityType", "entityId", "caseId", "changes", "requestId", "ip", "prevHash", "hash")
       SELECT seq, $1::timestamp(3) - make_interval(secs => ($2::int - seq) * 5), u, u || '@bench.test', name, split_part(name, '.', 1), c.id, c.id, '{}', NULL, NULL,
              lpad(to_hex(seq - 1), 64, '0'), lpad(to_hex(seq), 64, '0')
       FROM (SELECT seq, ($3::text[])[seq % cardinality($3::text[]) + 1] AS u,
                    (ARRAY['case.update', 'case.transition', 'note.create', 'evidence.view', 'action.transition', 'account.update'])[seq % 6 + 1] AS name
             FROM generate_series(1, $2::int) AS seq) a
       JOIN bc c ON c.n = (a.seq::bigint * 104729) % $4`,
      [now, AUDIT, users.map((u) => u.id), cases],
    );
    await client.query("COMMIT");
    await client.query("VACUUM ANALYZE");
  } finally {
    await client.end();
  }
}

function stats(xs: number[]): { median: number; p95: number } {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p95: s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)] };
}

async function main(): Promise<void> {
  // BENCH_DASHBOARD_KEEP=folder keeps the seeded database there and reuses it on the next run.
  const keep = process.env.BENCH_DASHBOARD_KEEP;
  const dataDir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), "lantern-bench-dashboard-"));
  fs.mkdirSync(dataDir, { recursive: true });
  process.env.LANTERN_DATA_DIR = dataDir;
  // On PostgreSQL a fresh database every run (BENCH_DASHBOARD_KEEP keeps SQLite's file only).
  const database = await createBenchDatabase(dataDir, "lantern");
  const reuse = keep !== undefined && database.provider === "sqlite" && fs.existsSync(path.join(dataDir, "users.json"));
  process.env.DATABASE_URL = database.url;
  try {
    const t0 = Date.now();
    let users: { id: string; email: string; role: string }[];
    if (reuse) users = JSON.parse(fs.readFileSync(path.join(dataDir, "users.json"), "utf8")) as typeof users;
    else {
      users = (await seedCases(database.url, CASES)).users;
      if (database.provider === "sqlite") seedRest(database.url.slice("file:".length), users);
      else await seedRestPostgres(database.url, users);
      if (keep) fs.writeFileSync(path.join(dataDir, "users.json"), JSON.stringify(users));
    }
    const seedSeconds = (Date.now() - t0) / 1000;

    const { getDashboard } = await import("@/lib/dashboard/get-dashboard");
    const { queryCount } = await import("@/lib/db/query-rows");
    const { frag } = await import("@/lib/db/sql-fragment");
    const actorOf = (role: string) => {
      const u = users.find((x) => x.role === role)!;
      return { id: u.id, email: u.email, name: u.email, role: role as "MANAGER" | "INVESTIGATOR" };
    };
    const manager = actorOf("MANAGER");
    const investigator = actorOf("INVESTIGATOR");
    const bare = () => queryCount(frag(`SELECT count(*) AS "n" FROM "Case"`));
    const time = async (f: () => Promise<unknown>) => {
      const t = performance.now();
      await f();
      return performance.now() - t;
    };
    // Warm up: the first call of each compiles statements and fills the page cache.
    await bare();
    await getDashboard(manager, {});
    await getDashboard(investigator, {});
    const samples = { bare: [] as number[], manager: [] as number[], investigator: [] as number[] };
    for (let i = 0; i < ROUNDS; i++) {
      samples.bare.push(await time(bare));
      samples.manager.push(await time(() => getDashboard(manager, {})));
      samples.investigator.push(await time(() => getDashboard(investigator, {})));
    }
    const parts = await timeParts(manager);
    const [{ n: actions }] = [{ n: ACTIONS }];
    const result: DashboardBenchResult = {
      database: await describeBenchDatabase(database), cases: CASES, actions, auditEvents: AUDIT, accounts: ACCOUNTS, seedSeconds, rounds: ROUNDS,
      bareCount: stats(samples.bare), manager: stats(samples.manager), investigator: stats(samples.investigator), parts,
    };
    console.log(`DASHBOARD-BENCH ${JSON.stringify(result)}`);
    const { db } = await import("@/lib/db/client");
    await db().$disconnect();
  } finally {
    if (database.provider === "postgresql") await database.drop();
    if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Each query of the set on its own (median of 5), to see where the time goes. */
async function timeParts(actor: { id: string; email: string; name: string; role: "MANAGER" | "INVESTIGATOR" }): Promise<Record<string, number>> {
  const cf = await import("@/lib/dashboard/case-figures");
  const af = await import("@/lib/dashboard/action-figures");
  const { ageBuckets, weeksOf } = await import("@/lib/dashboard/dashboard-periods");
  const now = new Date();
  const weeks = weeksOf({}, now);
  const range = { from: weeks[0].from, to: weeks[weeks.length - 1].to };
  const q = cf.caseQuery({}, {});
  const dash = await import("@/lib/dashboard/get-dashboard");
  const parts: Record<string, () => Promise<unknown>> = {
    "cases by status, severity, lead": () => cf.caseGroups(actor, q),
    "cases by age and week": () => cf.casesByTime(actor, q, ageBuckets(now), weeks),
    "closed per week": () => cf.closedPerWeek(actor, cf.caseQuery({}, {}, { closedFrom: range.from, closedTo: range.to }), weeks),
    "actions by state": () => af.actionsByTypeAndStatus(actor, q, {}),
    median: () => af.medianSecondsToExecution(actor, q, {}),
    overdue: () => af.overdueReviews(actor, q, {}, now),
    "accounts revoked per week": () => af.accountsRevokedPerWeek(actor, weeks),
    "revoked this month": () => dash.countDashboardAccounts(actor, { revokedFrom: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)) }),
    flagged: () => dash.countDashboardAccounts(actor, { riskMin: 70, status: ["ACTIVE", "SUSPENDED"], onRevocation: false }),
  };
  const out: Record<string, number> = {};
  for (const [name, f] of Object.entries(parts)) {
    const xs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await f();
      xs.push(performance.now() - t);
    }
    out[name] = stats(xs).median;
  }
  return out;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
