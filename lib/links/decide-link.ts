// Accepting or dismissing a link (PATCH account-links/{id}). A dismissal remembers the evidence
// fingerprint it dismissed, so the suggestion returns only when its shared values change.
import type { RequestContext } from "@/lib/access/actor";
import { assertAccountWrite } from "@/lib/accounts/account-access";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditContextOf } from "@/lib/audit/audit-context";
import { db } from "@/lib/db/client";
import { linkSelect, requireLink, toLinkView } from "@/lib/links/link-access";
import { ZDecideLinkInput } from "@/lib/links/link-schemas";
import type { AccountLinkView } from "@/lib/links/link-view";
import { parseInput } from "@/lib/validation";

export async function decideLink(ctx: RequestContext, id: string, input: unknown): Promise<AccountLinkView> {
  assertAccountWrite(ctx.actor);
  const { status } = parseInput(ZDecideLinkInput, input);
  return db().$transaction(async (tx) => {
    const link = await requireLink(tx, ctx.actor, id);
    if (link.status === status) return toLinkView(link);
    const current = await tx.accountLink.findUniqueOrThrow({ where: { id: link.id }, select: { evidenceFingerprint: true } });
    const row = await tx.accountLink.update({
      where: { id: link.id },
      data: {
        status,
        decidedById: ctx.actor.id,
        decidedAt: new Date(),
        dismissedFingerprint: status === "DISMISSED" ? current.evidenceFingerprint : null,
      },
      select: linkSelect,
    });
    // A cited restricted case first, so outsiders' audit views omit the event (as in createLink).
    const cited = await tx.case.findFirst({ where: { id: { in: (await tx.accountLinkEvidence.findMany({ where: { linkId: link.id }, select: { caseId: true } })).map((e) => e.caseId) } }, orderBy: { restricted: "desc" }, select: { id: true } });
    await appendAuditEvent(tx, auditContextOf(ctx), {
      action: status === "ACCEPTED" ? "link.accept" : "link.dismiss",
      entityType: "AccountLink",
      entityId: link.id,
      caseId: cited?.id ?? null,
      changes: {
        status: { before: link.status, after: status },
        accounts: { after: [link.accountA.externalId, link.accountB.externalId] },
        reason: { after: link.reason },
      },
    });
    return toLinkView(row);
  });
}
