import type { Actor } from "@/lib/access/actor";
import { assertAccountRead, requireAccount } from "@/lib/accounts/account-access";
import { loadAccountDetail } from "@/lib/accounts/account-detail";
import type { AccountDetail } from "@/lib/accounts/account-view";
import { toAuditEntries } from "@/lib/audit/audit-entries";
import type { AuditEventView } from "@/lib/audit/list-audit-events";
import { visibleCasesWhere } from "@/lib/access/case-access";
import type { Page } from "@/lib/cases/list-cases";
import { db } from "@/lib/db/client";
import { parseInput, ZPageQuery } from "@/lib/validation";

/** An account by id (or external id), with its attributes and the cases the viewer may see. */
export async function getAccount(actor: Actor, idOrExternalId: string): Promise<AccountDetail> {
  assertAccountRead(actor);
  const key = await requireAccount(db(), idOrExternalId);
  return loadAccountDetail(db(), actor, key.id);
}

/** The history of an account's changes from the audit trail, newest first. Events tied to a case
 *  the viewer may not see (attaching the account to a restricted case) are left out. */
export async function listAccountHistory(actor: Actor, idOrExternalId: string, query: unknown = {}): Promise<Page<AuditEventView>> {
  assertAccountRead(actor);
  const q = parseInput(ZPageQuery, query);
  const key = await requireAccount(db(), idOrExternalId);
  const about = { entityType: "Account", entityId: key.id };
  const caseIds = (
    await db().auditEvent.findMany({ where: { ...about, caseId: { not: null } }, distinct: ["caseId"], select: { caseId: true } })
  ).map((e) => e.caseId as string);
  const visible = caseIds.length
    ? (await db().case.findMany({ where: { AND: [{ id: { in: caseIds } }, visibleCasesWhere(actor)] }, select: { id: true } })).map((c) => c.id)
    : [];
  const where = { ...about, OR: [{ caseId: null }, { caseId: { in: visible } }] };
  const [rows, total] = await Promise.all([
    db().auditEvent.findMany({ where, orderBy: { seq: "desc" }, skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
    db().auditEvent.count({ where }),
  ]);
  // Rows of hidden cases are left out above, so none comes back withheld.
  const items = (await toAuditEntries(db(), rows, "all", new Set())) as AuditEventView[];
  return { items, total, page: q.page, pageSize: q.pageSize };
}
