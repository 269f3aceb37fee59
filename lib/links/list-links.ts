import type { Actor } from "@/lib/access/actor";
import { assertAccountRead, requireAccount } from "@/lib/accounts/account-access";
import { requireCase } from "@/lib/access/case-access";
import type { Page } from "@/lib/cases/list-cases";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { linkSelect, requireLink, toLinkView, visibleLinksWhere } from "@/lib/links/link-access";
import { ZListLinksQuery } from "@/lib/links/link-schemas";
import type { AccountLinkView } from "@/lib/links/link-view";
import { parseInput } from "@/lib/validation";

/** Links the viewer may see, strongest first. `caseId`: links touching an account on that case
 *  or citing its evidence (404 for a case the viewer may not see). */
export async function listLinks(actor: Actor, query: unknown): Promise<Page<AccountLinkView>> {
  assertAccountRead(actor);
  const q = parseInput(ZListLinksQuery, query);
  const and: Prisma.AccountLinkWhereInput[] = [visibleLinksWhere(actor)];
  if (q.status?.length) and.push({ status: { in: q.status } });
  if (q.source?.length) and.push({ source: { in: q.source } });
  if (q.minConfidence !== undefined) and.push({ confidence: { gte: q.minConfidence } });
  if (q.accountId) {
    const a = await requireAccount(db(), q.accountId);
    and.push({ OR: [{ accountAId: a.id }, { accountBId: a.id }] });
  }
  if (q.caseId) {
    const c = await requireCase(db(), actor, q.caseId, "read");
    const onCase = { cases: { some: { caseId: c.id } } };
    and.push({ OR: [{ accountA: onCase }, { accountB: onCase }, { evidence: { some: { caseId: c.id } } }] });
  }
  const where = { AND: and };
  const [rows, total] = await Promise.all([
    db().accountLink.findMany({
      where,
      select: linkSelect,
      orderBy: [{ confidence: "desc" }, { updatedAt: "desc" }, { id: "asc" }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    }),
    db().accountLink.count({ where }),
  ]);
  return { items: rows.map(toLinkView), total, page: q.page, pageSize: q.pageSize };
}

export async function getLink(actor: Actor, id: string): Promise<AccountLinkView> {
  assertAccountRead(actor);
  return toLinkView(await requireLink(db(), actor, id));
}
