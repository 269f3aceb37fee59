// A manual link: an investigator says two accounts are one operator, with a reason, a confidence
// and the evidence items behind it (which must be on cases the investigator may see).
import type { RequestContext } from "@/lib/access/actor";
import { assertAccountWrite, requireAccount } from "@/lib/accounts/account-access";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditContextOf } from "@/lib/audit/audit-context";
import { requireCase } from "@/lib/access/case-access";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { linkSelect, toLinkView } from "@/lib/links/link-access";
import { ZCreateLinkInput } from "@/lib/links/link-schemas";
import type { AccountLinkView } from "@/lib/links/link-view";
import { parseInput } from "@/lib/validation";

export async function createLink(ctx: RequestContext, input: unknown): Promise<AccountLinkView> {
  assertAccountWrite(ctx.actor);
  const data = parseInput(ZCreateLinkInput, input);
  return db().$transaction(async (tx) => {
    const first = await requireAccount(tx, data.accountIds[0]);
    const second = await requireAccount(tx, data.accountIds[1]);
    if (first.id === second.id) {
      throw new AppError("INVALID_INPUT", "An account cannot be linked to itself", { fieldErrors: { accountIds: ["an account cannot be linked to itself"] } });
    }
    const [a, b] = first.id < second.id ? [first, second] : [second, first];
    const evidence = [];
    for (const evidenceId of data.evidenceIds) {
      const ev = await tx.evidence.findUnique({ where: { id: evidenceId }, select: { id: true, caseId: true, removedAt: true } });
      if (!ev) throw notFound(`Evidence ${evidenceId} not found`);
      const c = await requireCase(tx, ctx.actor, ev.caseId, "read").catch((e: unknown) => {
        throw e instanceof AppError && e.code === "NOT_FOUND" ? notFound(`Evidence ${evidenceId} not found`) : e;
      });
      evidence.push({ evidenceId: ev.id, caseId: ev.caseId, restricted: c.restricted });
    }
    if (await tx.accountLink.findUnique({ where: { accountAId_accountBId_source: { accountAId: a.id, accountBId: b.id, source: "MANUAL" } }, select: { id: true } })) {
      throw new AppError("CONFLICT", `${a.externalId} and ${b.externalId} are already linked; edit or dismiss that link instead`);
    }
    const row = await tx.accountLink.create({
      data: {
        accountAId: a.id,
        accountBId: b.id,
        source: "MANUAL",
        status: "ACCEPTED",
        reason: data.reason,
        confidence: data.confidence,
        explanation: data.reason,
        createdById: ctx.actor.id,
        decidedById: ctx.actor.id,
        decidedAt: new Date(),
        evidence: { create: evidence.map(({ evidenceId, caseId }) => ({ evidenceId, caseId })) },
      },
      select: linkSelect,
    });
    // The event carries a cited case (a restricted one first), so outsiders' audit views omit it.
    const citedCase = evidence.find((e) => e.restricted)?.caseId ?? evidence[0]?.caseId ?? null;
    await appendAuditEvent(tx, auditContextOf(ctx), {
      action: "link.create",
      entityType: "AccountLink",
      entityId: row.id,
      caseId: citedCase,
      changes: {
        accounts: { after: [a.externalId, b.externalId] },
        reason: { after: data.reason },
        confidence: { after: data.confidence },
        evidenceIds: { after: data.evidenceIds },
        status: { after: "ACCEPTED" },
      },
    });
    return toLinkView(row);
  });
}
