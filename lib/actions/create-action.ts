// Proposing an access revocation (PROPOSED) or drafting a national-security review (DRAFT) on a case.
import type { z } from "zod";
import type { RequestContext } from "@/lib/access/actor";
import { caseKey } from "@/lib/access/case-access";
import { can } from "@/lib/access/permissions";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditContextOf } from "@/lib/audit/audit-context";
import { addMembers, syncMembersRestricted } from "@/lib/cases/case-members";
import { db, type Db, type Tx } from "@/lib/db/client";
import { CLOSED_CASE_MESSAGE } from "@/lib/access/case-policy";
import { AppError, forbidden, invalidInput, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { decideAction, forbiddenMessage, type ActionFacts } from "@/lib/actions/action-policy";
import { ZCreateActionInput, type ZCreateReviewInput, type ZCreateRevocationInput } from "@/lib/actions/action-schemas";
import { INITIAL_STATUS } from "@/lib/actions/action-status";
import type { ActionDetail } from "@/lib/actions/action-view";
import { loadActionDetail } from "@/lib/actions/load-action-detail";
import { notifyProposal } from "@/lib/actions/action-hooks";
import { recordActionEvent } from "@/lib/actions/record-action-event";

type CaseRow = { id: string; restricted: boolean; facts: ActionFacts };

export async function createAction(ctx: RequestContext, caseIdOrNumber: string, input: unknown, client: Db = db()): Promise<ActionDetail> {
  const data = parseInput(ZCreateActionInput, input);
  return client.$transaction(async (tx) => {
    const c = await requireCaseForAction(tx, ctx, caseIdOrNumber, data.type === "ACCESS_REVOCATION" ? "propose" : "refer");
    const id = data.type === "ACCESS_REVOCATION" ? await createRevocation(tx, ctx, c, data) : await createReview(tx, ctx, c, data);
    return loadActionDetail(tx, ctx.actor, id);
  });
}

async function requireCaseForAction(tx: Tx, ctx: RequestContext, idOrNumber: string, op: "propose" | "refer"): Promise<CaseRow> {
  const row = await tx.case.findUnique({
    where: caseKey(idOrNumber),
    select: { id: true, restricted: true, status: true, members: { where: { userId: ctx.actor.id }, select: { userId: true } } },
  });
  if (!row) throw notFound("Case not found");
  const facts = { restricted: row.restricted, isMember: row.members.length > 0, isProposer: true };
  const decision = decideAction(ctx.actor, facts, op);
  if (decision === "notFound") throw notFound("Case not found");
  if (decision === "forbidden") throw forbidden(forbiddenMessage(ctx.actor, facts, op));
  // A closed case takes no new actions (its open ones had to finish before it could close).
  if (row.status === "CLOSED") throw new AppError("CONFLICT", CLOSED_CASE_MESSAGE);
  return { id: row.id, restricted: row.restricted, facts };
}

async function createRevocation(tx: Tx, ctx: RequestContext, c: CaseRow, data: z.output<typeof ZCreateRevocationInput>): Promise<string> {
  const accounts = await tx.account.findMany({ where: { id: { in: data.targetAccountIds } }, select: { id: true } });
  if (accounts.length !== data.targetAccountIds.length) {
    const found = new Set(accounts.map((a) => a.id));
    const missing = data.targetAccountIds.filter((id) => !found.has(id));
    throw invalidInput(`Unknown account(s): ${missing.join(", ")}`, { targetAccountIds: [`unknown account(s): ${missing.join(", ")}`] });
  }
  await assertEvidenceOfCase(tx, c.id, data.evidenceIds);
  const targets = [
    ...data.targetAccountIds.map((id) => ({ kind: "ACCOUNT" as const, value: id, accountId: id })),
    ...data.targetApiKeyIds.map((value) => ({ kind: "API_KEY" as const, value })),
    ...(data.targetOrganization ? [{ kind: "ORGANIZATION" as const, value: data.targetOrganization }] : []),
  ];
  const status = INITIAL_STATUS.ACCESS_REVOCATION;
  const row = await tx.action.create({
    data: {
      caseId: c.id,
      type: "ACCESS_REVOCATION",
      status,
      proposedById: ctx.actor.id,
      justification: data.justification,
      scope: data.scope,
      dueAt: data.dueAt ?? null,
      targets: { create: targets },
      evidence: { create: data.evidenceIds.map((evidenceId) => ({ evidenceId })) },
    },
    select: { id: true },
  });
  await recordActionEvent(tx, ctx, {
    actionId: row.id,
    caseId: c.id,
    from: null,
    to: status,
    changes: {
      type: { after: "ACCESS_REVOCATION" },
      justification: { after: data.justification },
      scope: { after: data.scope },
      targets: { after: targets.map((t) => `${t.kind}:${t.value}`) },
      evidenceIds: { after: data.evidenceIds },
    },
  });
  await notifyProposal(tx, ctx, { actionId: row.id, caseId: c.id });
  return row.id;
}

async function assertEvidenceOfCase(tx: Tx, caseId: string, evidenceIds: string[]): Promise<void> {
  if (!evidenceIds.length) return;
  const found = await tx.evidence.findMany({ where: { id: { in: evidenceIds }, caseId, removedAt: null }, select: { id: true } });
  if (found.length === evidenceIds.length) return;
  const ok = new Set(found.map((e) => e.id));
  const bad = evidenceIds.filter((id) => !ok.has(id));
  throw invalidInput(`Evidence not on this case: ${bad.join(", ")}`, { evidenceIds: [`not evidence of this case: ${bad.join(", ")}`] });
}

async function createReview(tx: Tx, ctx: RequestContext, c: CaseRow, data: z.output<typeof ZCreateReviewInput>): Promise<string> {
  const keepOpen = !c.restricted && data.keepUnrestrictedReason !== undefined;
  if (keepOpen && !can(ctx.actor.role, "action:keep-unrestricted")) {
    throw forbidden("Only an admin can keep a case unrestricted while it is under national-security review");
  }
  if (!c.restricted && !keepOpen) await restrictCase(tx, ctx, c);
  const status = INITIAL_STATUS.NATIONAL_SECURITY_REVIEW;
  const row = await tx.action.create({
    data: {
      caseId: c.id,
      type: "NATIONAL_SECURITY_REVIEW",
      status,
      proposedById: ctx.actor.id,
      referralBody: data.referralBody,
      referenceNumber: data.referenceNumber ?? null,
      classification: data.classification ?? null,
      dueAt: data.dueAt,
      notes: data.notes,
      keepUnrestrictedReason: c.restricted ? null : (data.keepUnrestrictedReason ?? null),
    },
    select: { id: true },
  });
  await recordActionEvent(tx, ctx, {
    actionId: row.id,
    caseId: c.id,
    from: null,
    to: status,
    changes: {
      type: { after: "NATIONAL_SECURITY_REVIEW" },
      referralBody: { after: data.referralBody },
      referenceNumber: { after: data.referenceNumber ?? null },
      classification: { after: data.classification ?? null },
      dueAt: { after: data.dueAt.toISOString() },
      ...(keepOpen && { keepUnrestrictedReason: { after: data.keepUnrestrictedReason } }),
    },
  });
  return row.id;
}

/** A review makes its case restricted (as lib/cases/update-case.ts does it: flag, version, the
 *  members' copy of the flag, an audit event). Whoever refers it stays able to see the case. */
async function restrictCase(tx: Tx, ctx: RequestContext, c: CaseRow): Promise<void> {
  await tx.case.update({ where: { id: c.id }, data: { restricted: true, version: { increment: 1 } } });
  await syncMembersRestricted(tx, c.id, true);
  const addSelf = !c.facts.isMember && !can(ctx.actor.role, "case:restricted:all");
  if (addSelf) await addMembers(tx, { id: c.id, restricted: true }, [ctx.actor.id]);
  await appendAuditEvent(tx, auditContextOf(ctx), {
    action: "case.update",
    entityType: "Case",
    entityId: c.id,
    caseId: c.id,
    changes: {
      restricted: { before: false, after: true },
      reason: { after: "national-security review referred" },
      ...(addSelf && { memberIds: { after: [ctx.actor.id] } }),
    },
  });
}
