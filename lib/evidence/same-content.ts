// "These bytes are already evidence": other items with the same SHA-256 on the cases the actor can
// see (this case included). Items on restricted cases they may not see are never counted or named.
import type { Actor } from "@/lib/access/actor";
import { visibleCasesWhere } from "@/lib/access/case-access";
import { db } from "@/lib/db/client";

export type SameContentItem = { id: string; title: string; caseNumber: string; sameCase: boolean; removed: boolean };

const LIMIT = 20;

export async function listSameContent(actor: Actor, evidence: { id: string; caseId: string; sha256: string }): Promise<SameContentItem[]> {
  const rows = await db().evidence.findMany({
    where: { sha256: evidence.sha256, id: { not: evidence.id }, case: visibleCasesWhere(actor) },
    select: { id: true, title: true, caseId: true, removedAt: true, case: { select: { number: true } } },
    orderBy: { createdAt: "asc" },
    take: LIMIT,
  });
  return rows.map((r) => ({ id: r.id, title: r.title, caseNumber: r.case.number, sameCase: r.caseId === evidence.caseId, removed: r.removedAt !== null }));
}
