// Setting the lead and the members of a case (managers and admins). The lead is always a member.
import { z } from "zod";
import type { RequestContext } from "@/lib/access/actor";
import { appendAuditEvent, diffFields } from "@/lib/audit/append-audit-event";
import { auditContextOf } from "@/lib/audit/audit-context";
import { requireCase, type CaseAccessRow } from "@/lib/access/case-access";
import { addMembers, assertAssignableUsers } from "@/lib/cases/case-members";
import { ZAssignCaseInput } from "@/lib/cases/case-schemas";
import type { CaseDetail } from "@/lib/cases/case-view";
import { loadCaseDetail } from "@/lib/cases/load-case-detail";
import { db, type Tx } from "@/lib/db/client";
import { lockCaseRow } from "@/lib/db/dialect";
import { parseInput } from "@/lib/validation";

export async function assignCase(ctx: RequestContext, idOrNumber: string, input: unknown): Promise<CaseDetail> {
  const data = parseInput(ZAssignCaseInput, input);
  return db().$transaction(async (tx) => {
    const access = await requireCase(tx, ctx.actor, idOrNumber, "assign");
    await applyAssignment(tx, ctx, access, data);
    return loadCaseDetail(tx, access.id);
  });
}

/** The assignment inside the caller's transaction; checks the "assign" permission itself. */
export async function applyAssignment(
  tx: Tx,
  ctx: RequestContext,
  access: CaseAccessRow,
  data: z.output<typeof ZAssignCaseInput>,
): Promise<void> {
  await requireCase(tx, ctx.actor, access.id, "assign");
  // Hold the row, so the restricted flag copied onto new memberships cannot change meanwhile.
  await lockCaseRow(tx, access.id);
  const before = await loadCaseDetail(tx, access.id); // read after the lock: its restricted flag is current
  const beforeLead = before.lead?.id ?? null;
  const beforeMembers = before.members.map((m) => m.id).sort();
  const leadId = data.leadId === undefined ? beforeLead : data.leadId;
  const requested = data.memberIds ?? beforeMembers;
  const memberIds = [...new Set([...requested, ...(leadId ? [leadId] : [])])].sort();
  const added = memberIds.filter((id) => !beforeMembers.includes(id));
  // Only new people must be assignable; members who were disabled since stay until removed.
  await assertAssignableUsers(tx, added, "memberIds");
  if (leadId && leadId !== beforeLead) await assertAssignableUsers(tx, [leadId], "leadId");
  const changes = diffFields({ leadId: beforeLead, memberIds: beforeMembers }, { leadId, memberIds });
  if (!Object.keys(changes).length) return;
  await tx.case.update({ where: { id: access.id }, data: { leadId, version: { increment: 1 } } });
  await tx.caseMember.deleteMany({ where: { caseId: access.id, userId: { notIn: memberIds } } });
  await addMembers(tx, { id: access.id, restricted: before.restricted }, added, ctx.actor.id);
  await appendAuditEvent(tx, auditContextOf(ctx), { action: "case.assign", entityType: "Case", entityId: access.id, caseId: access.id, changes });
}
