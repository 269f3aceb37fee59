// The audit page and GET /api/v1/audit, filtered and paged, for every reader in their scope
// (audit-scope.ts, decision 0020): ADMIN the whole chain; AUDITOR the whole chain with events of
// restricted cases they may not see withheld in place; MANAGER and INVESTIGATOR the events of the
// cases they can see, without the chain's sequence numbers.
import { z } from "zod";
import type { Actor } from "@/lib/access/actor";
import { caseKey } from "@/lib/access/case-access";
import { auditScopeOf, hiddenCaseIds } from "@/lib/audit/audit-scope";
import { toAuditEntries, type AuditEntry } from "@/lib/audit/audit-entries";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/sqlite/client";
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
  const { scope, where, hidden } = await auditWhere(actor, q);
  const [rows, total] = await Promise.all([
    db().auditEvent.findMany({ where, orderBy: { seq: "desc" }, skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
    db().auditEvent.count({ where }),
  ]);
  const items: AuditEntry[] = await toAuditEntries(db(), rows, scope, new Set(hidden));
  return { scope, items, total, page: q.page, pageSize: q.pageSize };
}

/** Every matching entry, newest first, in chunks paged by sequence number (the CSV export). */
export async function* auditEntryChunks(actor: Actor, query: unknown, chunk = 1000): AsyncGenerator<AuditEntry[]> {
  const q = parseInput(ZListAuditQuery, query);
  const { scope, where, hidden } = await auditWhere(actor, q);
  const hiddenSet = new Set(hidden);
  let before: number | undefined;
  for (;;) {
    const rows = await db().auditEvent.findMany({ where: before === undefined ? where : { AND: [where, { seq: { lt: before } }] }, orderBy: { seq: "desc" }, take: chunk });
    if (rows.length === 0) return;
    yield await toAuditEntries(db(), rows, scope, hiddenSet);
    if (rows.length < chunk) return;
    before = rows[rows.length - 1].seq;
  }
}

/** The reader's scope and the `where` of their filters within it (throws 403 for a reader without one). */
export async function auditWhere(actor: Actor, q: z.output<typeof ZListAuditQuery>) {
  const scope = auditScopeOf(actor);
  const and: Prisma.AuditEventWhereInput[] = [];
  if (q.actor) and.push(q.actor.includes("@") ? { actorEmail: q.actor.toLowerCase() } : { actorId: q.actor });
  if (q.entityType) and.push({ entityType: q.entityType });
  if (q.entityId) and.push({ entityId: q.entityId });
  if (q.action) and.push({ action: q.action.includes(".") ? q.action : { startsWith: `${q.action}.` } });
  if (q.caseId) {
    const key = caseKey(q.caseId);
    const id = "number" in key ? ((await db().case.findUnique({ where: key, select: { id: true } }))?.id ?? "-") : q.caseId;
    and.push({ caseId: id });
  }
  if (q.from) and.push({ at: { gte: new Date(q.from) } });
  if (q.to) and.push({ at: { lte: new Date(q.to.length === 10 ? `${q.to}T23:59:59.999Z` : q.to) } });
  const hidden = await hiddenCaseIds(db(), actor);
  // A filter on what a withheld row hides (actor, action, entity, case) must not match it: that
  // would tell what it hides. Without such a filter an auditor sees the chain whole, in order.
  const filtersContent = !!(q.actor || q.entityType || q.entityId || q.action || q.caseId);
  if (scope === "cases") and.push({ caseId: { not: null } });
  if (hidden.length && (scope === "cases" || filtersContent)) and.push({ OR: [{ caseId: null }, { caseId: { notIn: hidden } }] });
  const where: Prisma.AuditEventWhereInput = { AND: and };
  return { scope, where, hidden };
}
