// Which links a viewer may see: a link that cites evidence of a case the viewer may not see does
// not exist for them (404, left out of every list, count, cluster and graph). The rule is the
// case visibility rule itself (visibleCasesWhere), applied to the cited evidence's case.
import type { Actor } from "@/lib/access/actor";
import { accountRefSelect, toAccountRef } from "@/lib/accounts/account-detail";
import { visibleCasesWhere } from "@/lib/access/case-access";
import type { Tx } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { AccountLinkView } from "@/lib/links/link-view";
import type { SharedAttribute } from "@/lib/link-suggestions/suggestion-types";

export function visibleLinksWhere(actor: Actor): Prisma.AccountLinkWhereInput {
  const cases = visibleCasesWhere(actor);
  if (Object.keys(cases).length === 0) return {};
  return { evidence: { every: { evidence: { case: cases } } } };
}

export const linkSelect = {
  id: true,
  accountAId: true,
  accountBId: true,
  accountA: { select: accountRefSelect },
  accountB: { select: accountRefSelect },
  source: true,
  status: true,
  reason: true,
  confidence: true,
  explanation: true,
  sharedAttributes: true,
  createdById: true,
  decidedById: true,
  decidedAt: true,
  createdAt: true,
  updatedAt: true,
  evidence: { select: { evidenceId: true }, orderBy: { evidenceId: "asc" } },
} as const;

type LinkRow = Prisma.AccountLinkGetPayload<{ select: typeof linkSelect }>;

export function toLinkView(r: LinkRow): AccountLinkView {
  return {
    id: r.id,
    accountIds: [r.accountAId, r.accountBId],
    accounts: [toAccountRef(r.accountA), toAccountRef(r.accountB)],
    source: r.source,
    status: r.status,
    reason: r.reason,
    confidence: r.confidence,
    explanation: r.explanation,
    sharedAttributes: JSON.parse(r.sharedAttributes) as SharedAttribute[],
    evidenceIds: r.evidence.map((e) => e.evidenceId),
    createdById: r.createdById,
    decidedById: r.decidedById,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** A link the actor may see, or 404. */
export async function requireLink(tx: Tx, actor: Actor, id: string): Promise<LinkRow> {
  const row = await tx.accountLink.findFirst({ where: { AND: [{ id }, visibleLinksWhere(actor)] }, select: linkSelect });
  if (!row) throw notFound("Link not found");
  return row;
}
