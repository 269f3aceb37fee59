// The audit page and GET /api/v1/audit, filtered and paged, for every reader in their scope
// (audit-scope.ts, decision 0020): ADMIN the whole chain; AUDITOR the whole chain with events of
// restricted cases they may not see withheld in place; MANAGER and INVESTIGATOR the events of the
// cases they can see, without the chain's sequence numbers.
import { z } from "zod";
import type { Actor } from "@/lib/access/actor";
import { caseKey } from "@/lib/access/case-access";
import { auditScopeOf, hiddenCasesAmong, notOnHiddenCase, seesEveryCase, type AuditScope } from "@/lib/audit/audit-scope";
import { toAuditEntries, type AuditEntry } from "@/lib/audit/audit-entries";
import { db, dbProvider } from "@/lib/db/client";
import { frag, render, withWhere, type Fragment } from "@/lib/db/sql-fragment";
import { emptyToUndefined, parseInput } from "@/lib/validation";

export type { AuditEntry, AuditEventView, WithheldAuditEvent } from "@/lib/audit/audit-entries";

const optionalText = z.preprocess(emptyToUndefined, z.string().trim().max(200).optional());
const optionalDate = z.preprocess(
  emptyToUndefined,
  z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: "must be a date (YYYY-MM-DD) or an ISO 8601 time" }).optional(),
);

export const ZListAuditQuery = z.object({
  actor: optionalText.describe("actor email (exact) or user id"),
  entityType: optionalText,
  entityId: optionalText,
  action: optionalText.describe("an action (case.transition) or every action of a kind (case)"),
  caseId: optionalText.describe("case id or number"),
  from: optionalDate,
  to: optionalDate,
  page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(1)),
  pageSize: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(200, "must be at most 200").default(50)),
});

export async function listAuditEvents(actor: Actor, query: unknown) {
  const q = parseInput(ZListAuditQuery, query);
  const { scope, where } = await auditWhere(actor, q);
  const [seqs, [{ n }]] = await Promise.all([
    querySeqs(withWhere(frag(`SELECT a."seq" AS "seq" FROM "AuditEvent" a`), where, frag(` ORDER BY a."seq" DESC LIMIT ? OFFSET ?`, q.pageSize, (q.page - 1) * q.pageSize))),
    db().$queryRawUnsafe<{ n: unknown }[]>(...render(withWhere(frag(`SELECT COUNT(*) AS "n" FROM "AuditEvent" a`), where, frag("")), dbProvider())),
  ]);
  const rows = await readRows(seqs);
  const items: AuditEntry[] = await toAuditEntries(db(), rows, scope, await hiddenCasesAmong(db(), actor, rows));
  return { scope, items, total: Number(n), page: q.page, pageSize: q.pageSize };
}

/** Every matching entry, newest first, in chunks paged by sequence number (the CSV export). */
export async function* auditEntryChunks(actor: Actor, query: unknown, chunk = 1000): AsyncGenerator<AuditEntry[]> {
  const q = parseInput(ZListAuditQuery, query);
  const { scope, where } = await auditWhere(actor, q);
  let before: number | undefined;
  for (;;) {
    const page = before === undefined ? where : [...where, frag(`a."seq" < ?`, before)];
    const rows = await readRows(await querySeqs(withWhere(frag(`SELECT a."seq" AS "seq" FROM "AuditEvent" a`), page, frag(` ORDER BY a."seq" DESC LIMIT ?`, chunk))));
    if (rows.length === 0) return;
    yield await toAuditEntries(db(), rows, scope, await hiddenCasesAmong(db(), actor, rows));
    if (rows.length < chunk) return;
    before = rows[rows.length - 1].seq;
  }
}

async function querySeqs(f: Fragment): Promise<number[]> {
  const rows = await db().$queryRawUnsafe<{ seq: unknown }[]>(...render(f, dbProvider()));
  return rows.map((r) => Number(r.seq));
}

/** The events of `seqs` (a page: at most a few thousand), newest first. */
function readRows(seqs: number[]) {
  return seqs.length ? db().auditEvent.findMany({ where: { seq: { in: seqs } }, orderBy: { seq: "desc" } }) : Promise.resolve([]);
}

/**
 * The reader's scope and the conditions (on "AuditEvent" a, joined by AND) of their filters within
 * it (throws 403 for a reader without one). Cases the reader may not see are left out by a
 * subquery on the case's restricted flag and memberships, never by a list of their ids, which
 * with tens of thousands of restricted cases would pass the databases' limits on bound parameters.
 */
export async function auditWhere(actor: Actor, q: z.output<typeof ZListAuditQuery>): Promise<{ scope: AuditScope; where: Fragment[] }> {
  const scope = auditScopeOf(actor);
  const and: Fragment[] = [];
  if (q.actor) and.push(q.actor.includes("@") ? frag(`a."actorEmail" = ?`, q.actor.toLowerCase()) : frag(`a."actorId" = ?`, q.actor));
  if (q.entityType) and.push(frag(`a."entityType" = ?`, q.entityType));
  if (q.entityId) and.push(frag(`a."entityId" = ?`, q.entityId));
  if (q.action) and.push(q.action.includes(".") ? frag(`a."action" = ?`, q.action) : frag(`a."action" LIKE ? ESCAPE '\\'`, `${q.action.replace(/[\\%_]/g, (m) => `\\${m}`)}.%`));
  if (q.caseId) {
    const key = caseKey(q.caseId);
    const id = "number" in key ? ((await db().case.findUnique({ where: key, select: { id: true } }))?.id ?? "-") : q.caseId;
    and.push(frag(`a."caseId" = ?`, id));
  }
  if (q.from) and.push(frag(`a."at" >= ?`, new Date(q.from)));
  if (q.to) and.push(frag(`a."at" <= ?`, new Date(q.to.length === 10 ? `${q.to}T23:59:59.999Z` : q.to)));
  // A filter on what a withheld row hides (actor, action, entity, case) must not match it: that
  // would tell what it hides. Without such a filter an auditor sees the chain whole, in order.
  const filtersContent = !!(q.actor || q.entityType || q.entityId || q.action || q.caseId);
  if (scope === "cases") and.push(frag(`a."caseId" IS NOT NULL`));
  if (!seesEveryCase(actor) && (scope === "cases" || filtersContent)) and.push(notOnHiddenCase(actor));
  return { scope, where: and };
}
