// The audit page and GET /api/v1/audit: ADMIN and AUDITOR, filtered and paged. Events about
// restricted cases the reader may not see are left out, like the cases themselves.
import { z } from "zod";
import type { Actor } from "@/lib/access/actor";
import { can } from "@/lib/access/permissions";
import { assertCan } from "@/lib/access/assert-can";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { emptyToUndefined, parseInput } from "@/lib/validation";

const optionalText = z.preprocess(emptyToUndefined, z.string().trim().max(200).optional());
const optionalDate = z.preprocess(
  emptyToUndefined,
  z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: "must be a date or ISO 8601 time" }).optional(),
);

export const ZListAuditQuery = z.object({
  actor: optionalText.describe("actor email (exact) or user id"),
  entityType: optionalText,
  entityId: optionalText,
  action: optionalText,
  caseId: optionalText,
  from: optionalDate,
  to: optionalDate,
  page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(1)),
  pageSize: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(200, "must be at most 200").default(50)),
});

export type AuditEventView = {
  seq: number;
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  caseId: string | null;
  changes: unknown;
  requestId: string | null;
  ip: string | null;
  hash: string;
};

export async function listAuditEvents(actor: Actor, query: unknown) {
  assertCan(actor, "audit:read", "Only admins and auditors can read the audit trail");
  const q = parseInput(ZListAuditQuery, query);
  const and: Prisma.AuditEventWhereInput[] = [];
  if (q.actor) and.push(q.actor.includes("@") ? { actorEmail: q.actor.toLowerCase() } : { actorId: q.actor });
  if (q.entityType) and.push({ entityType: q.entityType });
  if (q.entityId) and.push({ entityId: q.entityId });
  if (q.action) and.push({ action: q.action.includes(".") ? q.action : { startsWith: `${q.action}.` } });
  if (q.caseId) and.push({ caseId: q.caseId });
  if (q.from) and.push({ at: { gte: new Date(q.from) } });
  if (q.to) and.push({ at: { lte: new Date(q.to.length === 10 ? `${q.to}T23:59:59.999Z` : q.to) } });
  if (!can(actor.role, "case:restricted:all")) {
    const hidden = await db().case.findMany({
      where: { restricted: true, members: { none: { userId: actor.id } } },
      select: { id: true },
    });
    if (hidden.length) and.push({ OR: [{ caseId: null }, { caseId: { notIn: hidden.map((c) => c.id) } }] });
  }
  const where = { AND: and };
  const [rows, total] = await Promise.all([
    db().auditEvent.findMany({ where, orderBy: { seq: "desc" }, skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
    db().auditEvent.count({ where }),
  ]);
  const items: AuditEventView[] = rows.map(({ prevHash: _p, ...r }) => ({
    ...r,
    at: r.at.toISOString(),
    changes: JSON.parse(r.changes) as unknown,
  }));
  return { items, total, page: q.page, pageSize: q.pageSize };
}
