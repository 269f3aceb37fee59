// The activity timeline of one case: its status changes, assignments, notes, evidence, accounts
// and actions, read from the audit trail (reads of evidence stay in the item's custody timeline,
// reads of prompt text in the audit trail), newest first, a page at a time. Whoever can read the case reads its timeline.
import type { Actor } from "@/lib/access/actor";
import { assertCan } from "@/lib/access/assert-can";
import { requireCase } from "@/lib/access/case-access";
import { toAuditEntries, type AuditEventView } from "@/lib/audit/audit-entries";
import { db } from "@/lib/db/client";
import { parseInput, ZPageQuery } from "@/lib/validation";

/** Reads, not changes: left out of the timeline (evidence reads are in the item's custody timeline,
 *  reads of prompt text on the distillation views in the audit trail). */
export const READ_ACTIONS = ["evidence.view", "evidence.download", "evidence.export", "distillation.templates.view", "distillation.samples.view"];

export async function listCaseActivity(actor: Actor, caseIdOrNumber: string, query: unknown) {
  assertCan(actor, "audit:read:cases", "You cannot read this case's activity");
  const q = parseInput(ZPageQuery, query);
  const access = await requireCase(db(), actor, caseIdOrNumber, "read");
  const where = { caseId: access.id, action: { notIn: READ_ACTIONS } };
  const [rows, total] = await Promise.all([
    db().auditEvent.findMany({ where, orderBy: { seq: "desc" }, skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
    db().auditEvent.count({ where }),
  ]);
  const items = (await toAuditEntries(db(), rows, "cases", new Set())) as AuditEventView[];
  return { items, total, page: q.page, pageSize: q.pageSize };
}
