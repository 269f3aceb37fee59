// Evidence inherits the access rules of its case: an item on a case the actor may not see does
// not exist for them (404 "Evidence not found", the same answer as for a wrong id).
import type { Actor } from "@/lib/access/actor";
import { requireCase } from "@/lib/access/case-access";
import type { CaseOperation } from "@/lib/access/case-policy";
import type { Tx } from "@/lib/db/client";
import { isAppError, notFound } from "@/lib/errors";

export async function requireEvidence(tx: Tx, actor: Actor, evidenceId: string, op: CaseOperation) {
  const row = await tx.evidence.findUnique({
    where: { id: evidenceId },
    select: { id: true, caseId: true, sha256: true, crc32: true, sizeBytes: true, removedAt: true, sniffedMediaType: true, originalFilename: true },
  });
  if (!row) throw notFound("Evidence not found");
  await requireCase(tx, actor, row.caseId, op).catch((e: unknown) => {
    throw isAppError(e) && e.code === "NOT_FOUND" ? notFound("Evidence not found") : e;
  });
  return row;
}
