// One step of an action's history: an ActionEvent row and its audit event, in the caller's transaction.
import type { RequestContext } from "@/lib/access/actor";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditContextOf } from "@/lib/audit/audit-context";
import type { Tx } from "@/lib/db/client";
import type { ActionStatus } from "@/lib/generated/sqlite/enums";

export async function recordActionEvent(
  tx: Tx,
  ctx: RequestContext,
  e: { actionId: string; caseId: string; from: ActionStatus | null; to: ActionStatus; comment?: string; changes?: Record<string, { before?: unknown; after?: unknown }> },
): Promise<void> {
  await tx.actionEvent.create({
    data: { actionId: e.actionId, actorId: ctx.actor.id, fromStatus: e.from, toStatus: e.to, comment: e.comment ?? "" },
  });
  await appendAuditEvent(tx, auditContextOf(ctx), {
    action: e.from === null ? "action.create" : "action.transition",
    entityType: "Action",
    entityId: e.actionId,
    caseId: e.caseId,
    changes: { status: { ...(e.from !== null && { before: e.from }), after: e.to }, ...(e.comment && { comment: { after: e.comment } }), ...e.changes },
  });
}
