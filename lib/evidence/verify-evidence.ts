// Re-reads a blob, recomputes its SHA-256 (and, in the same pass, its CRC-32) and records the
// result: a custody event either way, and the item's integrity flag so a failure stays visible.
// The CRC-32 on record is filled in or corrected once the SHA-256 proves the content
// (check-blob-digests.ts); a wrong one fails the check, though the content is intact.
import type { RequestContext } from "@/lib/access/actor";
import { db } from "@/lib/db/client";
import { checkBlobDigests, readBlobDigests } from "@/lib/evidence/check-blob-digests";
import { recordCustody } from "@/lib/evidence/custody";
import { requireEvidence } from "@/lib/evidence/evidence-access";

export type VerifyResult = { ok: boolean; expected: string; observed: string | null; reason: string | null };

export async function verifyEvidence(ctx: RequestContext, evidenceId: string): Promise<VerifyResult> {
  const e = await requireEvidence(db(), ctx.actor, evidenceId, "read");
  const digests = await readBlobDigests(e.sha256);
  const check = checkBlobDigests(e, digests);
  const observed = digests?.sha256 ?? null;
  await db().$transaction(async (tx) => {
    await tx.evidence.update({
      where: { id: e.id },
      data: { lastVerifiedAt: new Date(), lastVerifyOk: check.contentOk, ...(check.crc32ToRecord !== null && { crc32: check.crc32ToRecord }) },
    });
    await recordCustody(tx, ctx, e, "VERIFY", { sha256Observed: observed, ok: check.ok, detail: check.reason, ...(check.crc32Change && { changes: { crc32: check.crc32Change } }) });
  });
  return { ok: check.ok, expected: e.sha256, observed, reason: check.reason };
}
