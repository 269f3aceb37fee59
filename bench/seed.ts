// Seeds a benchmark database: N cases and 20 users, written in bulk with plain SQL (the benchmark
// measures reading; creating 100,000 cases one request at a time would only measure the audit chain).
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
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
