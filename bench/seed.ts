// Seeds a benchmark database: N cases and 20 users, written in bulk with plain SQL (the benchmark
// measures reading; creating 100,000 cases one request at a time would only measure the audit chain).
// The same rows on SQLite (better-sqlite3) and PostgreSQL (pg, unnest of arrays, then ANALYZE).
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { hashPassword } from "@/lib/auth/password";

const SEVERITIES = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
const STATUSES = ["OPEN", "ACTIVE", "ON_HOLD", "IN_REVIEW", "CLOSED"] as const;
const WORDS = ["harvest", "distillation", "reasoning", "trace", "proxy", "rotation", "trial", "accounts", "bulk", "chain-of-thought", "benchmark", "scraper", "payment", "shared", "device", "cluster", "org", "mirror", "export", "token"];
const TAGS = ["harvest", "proxy", "payments", "api-abuse", "nsr", "coding", "math", "reasoning"];

function pick<T>(xs: readonly T[], i: number): T {
  return xs[i % xs.length];
}

const id = () => "c" + randomBytes(12).toString("hex");

export type SeedResult = { users: { id: string; email: string; role: string }[]; password: string };

export async function seedSqlite(file: string, caseCount: number): Promise<SeedResult> {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  const password = "benchmark password";
  const passwordHash = await hashPassword(password);
  const roles = ["ADMIN", "MANAGER", "MANAGER", "AUDITOR", ...Array(16).fill("INVESTIGATOR")];
  const users = roles.map((role, i) => ({ id: id(), email: `user${i}@bench.test`, role }));
  const now = Date.now();
  const year = new Date().getUTCFullYear();
  const insertUser = db.prepare(`INSERT INTO "User" (id, email, name, role, passwordHash, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const insertCase = db.prepare(
    `INSERT INTO "Case" (id, number, title, summary, status, severity, severityRank, restricted, leadId, createdById, dueAt, version, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  );
  const insertTag = db.prepare(`INSERT INTO "CaseTag" (caseId, tag) VALUES (?, ?)`);
  const insertMember = db.prepare(`INSERT INTO "CaseMember" (caseId, userId, addedAt, caseRestricted) VALUES (?, ?, ?, ?)`);
  // The same text form Prisma writes on SQLite, so seeded and app-written rows sort together.
  const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
  db.transaction(() => {
    for (const [i, u] of users.entries()) insertUser.run(u.id, u.email, `User ${i}`, u.role, passwordHash, iso(now), iso(now));
    for (let i = 1; i <= caseCount; i++) {
      const caseId = id();
      const lead = users[4 + (i % 16)];
      const created = now - (caseCount - i) * 60_000;
      const words = [pick(WORDS, i), pick(WORDS, i * 7 + 3), pick(WORDS, i * 13 + 5)];
      const severity = pick(SEVERITIES, i * 31);
      const restricted = i % 20 === 0 ? 1 : 0;
      insertCase.run(
        caseId,
        `LAN-${year}-${String(i).padStart(4, "0")}`,
        `Case ${i}: ${words.join(" ")} via ${pick(WORDS, i * 3)} accounts`,
        `Investigation ${i} into ${words[0]} activity across ${10 + (i % 90)} accounts; pattern ${words[2]} seen in ${pick(TAGS, i)} logs.`,
        pick(STATUSES, i * 17),
        severity,
        SEVERITIES.indexOf(severity) + 1,
        restricted,
        lead.id,
        lead.id,
        i % 3 === 0 ? iso(now + (i % 90) * 86_400_000) : null,
        iso(created),
        iso(created + (i % 1000) * 1000),
      );
      insertTag.run(caseId, pick(TAGS, i));
      if (i % 4 === 0) insertTag.run(caseId, pick(TAGS, i + 3));
      insertMember.run(caseId, lead.id, iso(created), restricted);
    }
    db.prepare(`INSERT INTO "CaseCounter" (year, lastSeq) VALUES (?, ?)`).run(year, caseCount);
  })();
  db.pragma("optimize");
  db.close();
  return { users, password };
}

/** Seeds either database by its DATABASE_URL. */
export async function seedCases(url: string, caseCount: number): Promise<SeedResult> {
  return url.startsWith("file:") ? seedSqlite(url.slice("file:".length), caseCount) : seedPostgres(url, caseCount);
}

/** The rows seedSqlite writes, in the same order and shape, as column arrays for unnest(). */
export async function seedPostgres(url: string, caseCount: number): Promise<SeedResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const password = "benchmark password";
    const passwordHash = await hashPassword(password);
    const roles = ["ADMIN", "MANAGER", "MANAGER", "AUDITOR", ...Array(16).fill("INVESTIGATOR")];
    const users = roles.map((role, i) => ({ id: id(), email: `user${i}@bench.test`, role }));
    const now = Date.now();
    const year = new Date().getUTCFullYear();
    const at = (ms: number) => new Date(ms).toISOString();
    // The bench's cluster runs with synchronous_commit=off (as the tests' does). VACUUM marks a page
    // all-visible only when its rows' inserting transaction is known committed on disk (hint bits),
    // so right after an asynchronous commit it marked nothing, and every count that should be an
    // index-only scan read the heap instead (the restricted cases: 4,154 pages per list page view).
    // A synchronous commit for the seed gives the settled state autovacuum leaves.
    await client.query("SET synchronous_commit = on");
    await client.query("BEGIN");
    for (const [i, u] of users.entries()) {
      await client.query(`INSERT INTO "User" (id, email, name, role, "passwordHash", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4::"Role", $5, $6, $6)`, [u.id, u.email, `User ${i}`, u.role, passwordHash, at(now)]);
    }
    const CHUNK = 10_000;
    for (let from = 1; from <= caseCount; from += CHUNK) {
      const c = { id: [] as string[], number: [] as string[], title: [] as string[], summary: [] as string[], status: [] as string[], severity: [] as string[], rank: [] as number[], restricted: [] as boolean[], lead: [] as string[], due: [] as (string | null)[], created: [] as string[], updated: [] as string[] };
      const tags = { caseId: [] as string[], tag: [] as string[] };
      const members = { caseId: [] as string[], userId: [] as string[], addedAt: [] as string[], restricted: [] as boolean[] };
      for (let i = from; i < Math.min(caseCount + 1, from + CHUNK); i++) {
        const caseId = id();
        const lead = users[4 + (i % 16)];
        const created = now - (caseCount - i) * 60_000;
        const words = [pick(WORDS, i), pick(WORDS, i * 7 + 3), pick(WORDS, i * 13 + 5)];
        const severity = pick(SEVERITIES, i * 31);
        const restricted = i % 20 === 0;
        c.id.push(caseId);
        c.number.push(`LAN-${year}-${String(i).padStart(4, "0")}`);
        c.title.push(`Case ${i}: ${words.join(" ")} via ${pick(WORDS, i * 3)} accounts`);
        c.summary.push(`Investigation ${i} into ${words[0]} activity across ${10 + (i % 90)} accounts; pattern ${words[2]} seen in ${pick(TAGS, i)} logs.`);
        c.status.push(pick(STATUSES, i * 17));
        c.severity.push(severity);
        c.rank.push(SEVERITIES.indexOf(severity) + 1);
        c.restricted.push(restricted);
        c.lead.push(lead.id);
        c.due.push(i % 3 === 0 ? at(now + (i % 90) * 86_400_000) : null);
        c.created.push(at(created));
        c.updated.push(at(created + (i % 1000) * 1000));
        tags.caseId.push(caseId);
        tags.tag.push(pick(TAGS, i));
        if (i % 4 === 0) {
          tags.caseId.push(caseId);
          tags.tag.push(pick(TAGS, i + 3));
        }
        members.caseId.push(caseId);
        members.userId.push(lead.id);
        members.addedAt.push(at(created));
        members.restricted.push(restricted);
      }
      await client.query(
        `INSERT INTO "Case" (id, number, title, summary, status, severity, "severityRank", restricted, "leadId", "createdById", "dueAt", version, "createdAt", "updatedAt")
         SELECT id, number, title, summary, status::"CaseStatus", severity::"Severity", rank, restricted, lead, lead, due, 1, created, updated
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::boolean[], $9::text[], $10::timestamp(3)[], $11::timestamp(3)[], $12::timestamp(3)[])
           AS t(id, number, title, summary, status, severity, rank, restricted, lead, due, created, updated)`,
        [c.id, c.number, c.title, c.summary, c.status, c.severity, c.rank, c.restricted, c.lead, c.due, c.created, c.updated],
      );
      await client.query(`INSERT INTO "CaseTag" ("caseId", tag) SELECT * FROM unnest($1::text[], $2::text[])`, [tags.caseId, tags.tag]);
      await client.query(
        `INSERT INTO "CaseMember" ("caseId", "userId", "addedAt", "caseRestricted") SELECT * FROM unnest($1::text[], $2::text[], $3::timestamp(3)[], $4::boolean[])`,
        [members.caseId, members.userId, members.addedAt, members.restricted],
      );
    }
    await client.query(`INSERT INTO "CaseCounter" (year, "lastSeq") VALUES ($1, $2)`, [year, caseCount]);
    await client.query("COMMIT");
    // What autovacuum does to a settled database: statistics, the visibility map (index-only
    // scans) and the trigram indexes' pending lists merged (a search would scan those row by row).
    await client.query("VACUUM ANALYZE");
    const { rows } = await client.query<{ pages: number; visible: number }>(
      `SELECT relpages AS pages, relallvisible AS visible FROM pg_class WHERE relname = 'Case'`,
    );
    if (rows[0].visible < rows[0].pages) {
      console.warn(`Warning: VACUUM left ${rows[0].pages - rows[0].visible} of ${rows[0].pages} case pages not all-visible (an open transaction elsewhere?); counts will read the table.`);
    }
    return { users, password };
  } finally {
    await client.end();
  }
}
