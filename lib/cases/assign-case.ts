// Setting the lead and the members of a case (managers and admins). The lead is always a member.
import type { RequestContext } from "@/lib/auth/actor";
import { appendAuditEvent, diffFields } from "@/lib/audit/append-audit-event";
import { auditContextOf } from "@/lib/audit/audit-context";
import { requireCase } from "@/lib/cases/case-access";
import { addMembers, assertAssignableUsers } from "@/lib/cases/case-members";
import { ZAssignCaseInput } from "@/lib/cases/case-schemas";
import { caseDetailSelect, toCaseDetail, type CaseDetail } from "@/lib/cases/case-view";
import { db } from "@/lib/db/client";
import { parseInput } from "@/lib/validation";

export async function assignCase(ctx: RequestContext, idOrNumber: string, input: unknown): Promise<CaseDetail> {
  const data = parseInput(ZAssignCaseInput, input);
  return db().$transaction(async (tx) => {
    const access = await requireCase(tx, ctx.actor, idOrNumber, "assign");
    const before = toCaseDetail((await tx.case.findUnique({ where: { id: access.id }, select: caseDetailSelect }))!);
    const leadId = data.leadId === undefined ? (before.lead?.id ?? null) : data.leadId;
    const requested = data.memberIds ?? before.members.map((m) => m.id);
    const memberIds = [...new Set([...requested, ...(leadId ? [leadId] : [])])].sort();
    await assertAssignableUsers(tx, memberIds);
    const beforeMembers = before.members.map((m) => m.id).sort();
    const changes = diffFields(
      { leadId: before.lead?.id ?? null, memberIds: beforeMembers },
      { leadId, memberIds },
    );
    if (!Object.keys(changes).length) return before;
    await tx.case.update({ where: { id: access.id }, data: { leadId, version: { increment: 1 } } });
    await tx.caseMember.deleteMany({ where: { caseId: access.id, userId: { notIn: memberIds } } });
    const added = memberIds.filter((id) => !beforeMembers.includes(id));
    await addMembers(tx, { id: access.id, restricted: access.restricted }, added);
    await appendAuditEvent(tx, auditContextOf(ctx), {
      action: "case.assign",
      entityType: "Case",
      entityId: access.id,
      caseId: access.id,
      changes,
    });
    return toCaseDetail((await tx.case.findUnique({ where: { id: access.id }, select: caseDetailSelect }))!);
  });
}
