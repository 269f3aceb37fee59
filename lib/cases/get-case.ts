import type { Actor } from "@/lib/access/actor";
import { requireCase } from "@/lib/access/case-access";
import { caseDetailSelect, toCaseDetail, type CaseDetail } from "@/lib/cases/case-view";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";

export async function getCase(actor: Actor, idOrNumber: string): Promise<CaseDetail> {
  const access = await requireCase(db(), actor, idOrNumber, "read");
  const row = await db().case.findUnique({ where: { id: access.id }, select: caseDetailSelect });
  if (!row) throw notFound("Case not found");
  return toCaseDetail(row);
}
