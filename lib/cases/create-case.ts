import { randomUUID } from "node:crypto";
import type { RequestContext } from "@/lib/access/actor";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditContextOf } from "@/lib/audit/audit-context";
import { assertCan } from "@/lib/access/assert-can";
import { nextCaseNumber } from "@/lib/cases/case-number";
import { ZCreateCaseInput } from "@/lib/cases/case-schemas";
import { SEVERITY_RANK } from "@/lib/cases/case-status";
import { caseDetailSelect, toCaseDetail, type CaseDetail } from "@/lib/cases/case-view";
import { assertAssignableUsers, notifyAddedToCase } from "@/lib/cases/case-members";
import { db } from "@/lib/db/client";
import { parseInput } from "@/lib/validation";

export async function createCase(ctx: RequestContext, input: unknown): Promise<CaseDetail> {
  assertCan(ctx.actor, "case:create", "Your role cannot open cases");
  const data = parseInput(ZCreateCaseInput, input);
  return db().$transaction(async (tx) => {
    const leadId = data.leadId ?? ctx.actor.id;
    // The creator and the lead are members, so a restricted case stays visible to them.
    const memberIds = [...new Set([ctx.actor.id, leadId, ...data.memberIds])];
    await assertAssignableUsers(tx, [leadId, ...data.memberIds]);
    // Everything that needs no shared lock comes first: the case (under a provisional number no one
    // outside this transaction sees), its tags and members, and its view. The two resources every
    // create shares, the number series' counter row and the audit chain head, are taken last, so
    // concurrent creates (on any instance) wait for each other only over those few statements and
    // the commit (decision 0021).
    const row = await tx.case.create({
      data: {
        number: `PENDING-${randomUUID()}`,
        title: data.title,
        summary: data.summary,
        severity: data.severity,
        severityRank: SEVERITY_RANK[data.severity],
        restricted: data.restricted,
        dueAt: data.dueAt ?? null,
        leadId,
        createdById: ctx.actor.id,
        tags: { create: data.tags.map((tag) => ({ tag })) },
        members: { create: memberIds.map((userId) => ({ userId, caseRestricted: data.restricted })) },
      },
      select: caseDetailSelect,
    });
    const number = await nextCaseNumber(tx, data.restricted);
    await tx.case.update({ where: { id: row.id }, data: { number, updatedAt: row.updatedAt }, select: { id: true } });
    const view = { ...toCaseDetail(row), number };
    await notifyAddedToCase(tx, row.id, memberIds.filter((id) => id !== ctx.actor.id), { number, title: view.title });
    await appendAuditEvent(tx, auditContextOf(ctx), {
      action: "case.create",
      entityType: "Case",
      entityId: row.id,
      caseId: row.id,
      changes: {
        number: { after: number },
        title: { after: view.title },
        severity: { after: view.severity },
        restricted: { after: view.restricted },
        tags: { after: view.tags },
        leadId: { after: leadId },
        memberIds: { after: memberIds },
        dueAt: { after: view.dueAt },
      },
    });
    return view;
  });
}
