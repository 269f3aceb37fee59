import type { RequestContext } from "@/lib/access/actor";
import { assertAccountWrite, requireAccount } from "@/lib/accounts/account-access";
import { joinEmails, loadAccountDetail, splitEmails } from "@/lib/accounts/account-detail";
import { ZUpdateAccountInput } from "@/lib/accounts/account-schemas";
import type { AccountDetail } from "@/lib/accounts/account-view";
import { duplicateExternalId, isUniqueViolation } from "@/lib/accounts/create-account";
import { appendAuditEvent, diffFields, type Changes } from "@/lib/audit/append-audit-event";
import { auditContextOf } from "@/lib/audit/audit-context";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { AttributeType } from "@/lib/generated/sqlite/enums";
import { recomputeSuggestedLinks } from "@/lib/link-suggestions/suggest-links";
import { parseInput } from "@/lib/validation";

const attributeKey = (a: { type: string; value: string }) => `${a.type}\u0000${a.value}`;

/** PATCH an account: the given fields; `attributes` replaces the set. A no-op writes nothing. */
export async function updateAccount(ctx: RequestContext, idOrExternalId: string, input: unknown): Promise<AccountDetail> {
  assertAccountWrite(ctx.actor);
  const data = parseInput(ZUpdateAccountInput, input);
  let attributesChanged = false;
  let lostValues: { type: AttributeType; value: string }[] = [];
  const id = await db()
    .$transaction(async (tx) => {
      const key = await requireAccount(tx, idOrExternalId);
      if (data.version !== undefined && data.version !== key.version) {
        throw new AppError("CONFLICT", "This account was changed by someone else since you opened it; reload and try again", {
          currentVersion: key.version,
        });
      }
      const before = await tx.account.findUniqueOrThrow({
        where: { id: key.id },
        include: { attributes: { select: { type: true, value: true } } },
      });
      if (data.externalId !== undefined && data.externalId !== before.externalId) {
        if (await tx.account.findUnique({ where: { externalId: data.externalId }, select: { id: true } })) {
          throw duplicateExternalId(data.externalId);
        }
      }
      const { attributes, version: _v, ...fields } = data;
      const changes: Changes = diffFields(
        {
          externalId: before.externalId,
          displayName: before.displayName,
          emails: splitEmails(before.emails),
          organization: before.organization,
          country: before.country,
          providerCreatedAt: before.providerCreatedAt,
          status: before.status,
          riskScore: before.riskScore,
        } as Record<string, unknown>,
        fields as Record<string, unknown>,
      );
      let added: { type: string; value: string }[] = [];
      let removed: { type: string; value: string }[] = [];
      if (attributes) {
        const old = new Set(before.attributes.map(attributeKey));
        const next = new Set(attributes.map(attributeKey));
        added = attributes.filter((a) => !old.has(attributeKey(a)));
        removed = before.attributes.filter((a) => !next.has(attributeKey(a)));
        if (added.length || removed.length) {
          changes.attributes = { before: before.attributes, after: attributes };
          attributesChanged = true;
          lostValues = removed.map((a) => ({ type: a.type as AttributeType, value: a.value }));
        }
      }
      if (Object.keys(changes).length === 0) return key.id;
      await tx.account.update({
        where: { id: key.id },
        data: {
          ...(fields.externalId !== undefined && { externalId: fields.externalId }),
          ...(fields.displayName !== undefined && { displayName: fields.displayName }),
          ...(fields.emails !== undefined && { emails: joinEmails(fields.emails) }),
          ...(fields.organization !== undefined && { organization: fields.organization }),
          ...(fields.country !== undefined && { country: fields.country }),
          ...(fields.providerCreatedAt !== undefined && { providerCreatedAt: fields.providerCreatedAt }),
          ...(fields.status !== undefined && { status: fields.status }),
          ...(fields.riskScore !== undefined && { riskScore: fields.riskScore }),
          version: { increment: 1 },
        },
      });
      for (const a of removed) {
        await tx.accountAttribute.delete({ where: { accountId_type_value: { accountId: key.id, type: a.type as never, value: a.value } } });
      }
      if (added.length) {
        await tx.accountAttribute.createMany({ data: added.map((a) => ({ accountId: key.id, type: a.type as never, value: a.value })) });
      }
      await appendAuditEvent(tx, auditContextOf(ctx), { action: "account.update", entityType: "Account", entityId: key.id, changes });
      return key.id;
    })
    .catch((e: unknown) => {
      throw isUniqueViolation(e) && data.externalId ? duplicateExternalId(data.externalId) : e;
    });
  if (attributesChanged) await recomputeSuggestedLinks({ accountIds: [id], removedValues: lostValues });
  return loadAccountDetail(db(), ctx.actor, id);
}
