// Executing a revocation sets every targeted account to REVOKED, remembering each account's status
// in its target row; reversing restores those statuses. Both in the transition's transaction, each
// account change an audit event like lib/accounts/update-account.ts writes.
import type { RequestContext } from "@/lib/access/actor";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditContextOf } from "@/lib/audit/audit-context";
import type { Tx } from "@/lib/db/client";
import type { AccountStatus } from "@/lib/generated/sqlite/enums";

export async function revokeTargetAccounts(tx: Tx, ctx: RequestContext, actionId: string): Promise<void> {
  const targets = await tx.actionTarget.findMany({
    where: { actionId, kind: "ACCOUNT", accountId: { not: null } },
    select: { id: true, account: { select: { id: true, status: true } } },
  });
  for (const t of targets) {
    if (!t.account) continue;
    await tx.actionTarget.update({ where: { id: t.id }, data: { previousStatus: t.account.status } });
    if (t.account.status === "REVOKED") continue;
    await setAccountStatus(tx, ctx, actionId, t.account.id, t.account.status, "REVOKED");
  }
}

export async function restoreTargetAccounts(tx: Tx, ctx: RequestContext, actionId: string): Promise<void> {
  const targets = await tx.actionTarget.findMany({
    where: { actionId, kind: "ACCOUNT", accountId: { not: null }, previousStatus: { not: null } },
    select: { previousStatus: true, account: { select: { id: true, status: true } } },
  });
  for (const t of targets) {
    if (!t.account || !t.previousStatus || t.account.status === t.previousStatus) continue;
    await setAccountStatus(tx, ctx, actionId, t.account.id, t.account.status, t.previousStatus);
  }
}

async function setAccountStatus(tx: Tx, ctx: RequestContext, actionId: string, accountId: string, before: AccountStatus, after: AccountStatus) {
  await tx.account.update({ where: { id: accountId }, data: { status: after, version: { increment: 1 } } });
  await appendAuditEvent(tx, auditContextOf(ctx), {
    action: "account.update",
    entityType: "Account",
    entityId: accountId,
    changes: { status: { before, after }, actionId: { after: actionId } },
  });
}
