import type { Tx } from "@/lib/db/client";
import { caseDetailSelect, toCaseDetail, type CaseDetail } from "@/lib/cases/case-view";
import { notFound } from "@/lib/errors";

/** The full view of a case the caller has already been authorized for. */
export async function loadCaseDetail(tx: Tx, caseId: string): Promise<CaseDetail> {
  const row = await tx.case.findUnique({ where: { id: caseId }, select: caseDetailSelect });
  if (!row) throw notFound("Case not found");
  return toCaseDetail(row);
}
