import type { RequestContext } from "@/lib/access/actor";
import { assertAccountWrite } from "@/lib/accounts/account-access";
import { joinEmails, loadAccountDetail } from "@/lib/accounts/account-detail";
import { ZCreateAccountInput } from "@/lib/accounts/account-schemas";
import type { AccountDetail } from "@/lib/accounts/account-view";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditContextOf } from "@/lib/audit/audit-context";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recomputeSuggestedLinks } from "@/lib/link-suggestions/suggest-links";
import { parseInput } from "@/lib/validation";

export const duplicateExternalId = (externalId: string) =>
  new AppError("CONFLICT", `An account with external id ${externalId} already exists`, { fieldErrors: { externalId: ["already exists"] } });

/** P2002: a unique constraint refused the row (a concurrent create of the same external id). */
export const isUniqueViolation = (e: unknown) => (e as { code?: string } | null)?.code === "P2002";

export async function createAccount(ctx: RequestContext, input: unknown): Promise<AccountDetail> {
  assertAccountWrite(ctx.actor);
  const data = parseInput(ZCreateAccountInput, input);
  const created = await db()
    .$transaction(async (tx) => {
      if (await tx.account.findUnique({ where: { externalId: data.externalId }, select: { id: true } })) {
        throw duplicateExternalId(data.externalId);
      }
      const row = await tx.account.create({
        data: {
          externalId: data.externalId,
          displayName: data.displayName,
          emails: joinEmails(data.emails),
          organization: data.organization,
          country: data.country ?? null,
          providerCreatedAt: data.providerCreatedAt ?? null,
          status: data.status,
          riskScore: data.riskScore,
          attributes: { create: data.attributes },
        },
        select: { id: true },
      });
      await appendAuditEvent(tx, auditContextOf(ctx), {
        action: "account.create",
        entityType: "Account",
        entityId: row.id,
        changes: {
          externalId: { after: data.externalId },
          displayName: { after: data.displayName },
          emails: { after: data.emails },
          organization: { after: data.organization },
          country: { after: data.country ?? null },
          providerCreatedAt: { after: data.providerCreatedAt?.toISOString() ?? null },
          status: { after: data.status },
          riskScore: { after: data.riskScore },
          attributes: { after: data.attributes },
        },
      });
      return row;
    })
    .catch((e: unknown) => {
      throw isUniqueViolation(e) ? duplicateExternalId(data.externalId) : e;
    });
  if (data.attributes.length > 0) await recomputeSuggestedLinks({ accountIds: [created.id] });
  return loadAccountDetail(db(), ctx.actor, created.id);
}
