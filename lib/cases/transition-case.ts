// Moving a case through its status machine. Illegal moves are refused with ILLEGAL_TRANSITION (409).
import type { RequestContext } from "@/lib/access/actor";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditContextOf } from "@/lib/audit/audit-context";
import { requireCase } from "@/lib/access/case-access";
import { ZCaseTransitionInput } from "@/lib/cases/case-schemas";
import { CASE_MACHINE, isReopen } from "@/lib/cases/case-status";
import { caseDetailSelect, toCaseDetail, type CaseDetail } from "@/lib/cases/case-view";
import { assertNoOpenActions } from "@/lib/cases/open-actions";
import { db } from "@/lib/db/client";
import type { CaseStatus } from "@/lib/generated/sqlite/enums";
import { assertMove, updateGuarded } from "@/lib/state-machine/state-machine";
import { parseInput } from "@/lib/validation";

export async function transitionCase(ctx: RequestContext, idOrNumber: string, input: unknown): Promise<CaseDetail> {
  const data = parseInput(ZCaseTransitionInput, input);
  return db().$transaction(async (tx) => {
    const access = await requireCase(tx, ctx.actor, idOrNumber, "transition");
    const from = access.status as CaseStatus;
    assertMove(CASE_MACHINE, from, data.to);
    if (isReopen(from, data.to)) await requireCase(tx, ctx.actor, access.id, "reopen");
    // Closing also needs every action on the case to be finished (lib/cases/open-actions.ts).
    const closing = data.to === "CLOSED";
    if (closing) await assertNoOpenActions(tx, access.id);
    await updateGuarded(CASE_MACHINE, from, () =>
      tx.case.updateMany({
        where: { id: access.id, status: from },
        data: {
          status: data.to,
          resolution: closing ? data.resolution : null,
          closedAt: closing ? new Date() : null,
          version: { increment: 1 },
        },
      }),
    );
    // The view is read before the audit event: the chain head is held from the append to the commit.
    const view = toCaseDetail((await tx.case.findUnique({ where: { id: access.id }, select: caseDetailSelect }))!);
    await appendAuditEvent(tx, auditContextOf(ctx), {
      action: "case.transition",
      entityType: "Case",
      entityId: access.id,
      caseId: access.id,
      changes: {
        status: { before: from, after: data.to },
        ...(closing && { resolution: { after: data.resolution } }),
        ...(data.reason && { reason: { after: data.reason } }),
      },
    });
    return view;
  });
}
