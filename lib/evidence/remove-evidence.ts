// Removal is ADMIN-only and needs a reason. It is a tombstone: the row, its hash and its custody
// history stay; the content is no longer served.
import { z } from "zod";
import type { RequestContext } from "@/lib/access/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordCustody } from "@/lib/evidence/custody";
import { requireEvidence } from "@/lib/evidence/evidence-access";
import { parseInput } from "@/lib/validation";

export const ZRemoveEvidenceInput = z.object({ reason: z.string().trim().min(5, "must say why (5+ characters)").max(2000) });

export async function removeEvidence(ctx: RequestContext, evidenceId: string, input: unknown): Promise<void> {
  const { reason } = parseInput(ZRemoveEvidenceInput, input);
  await db().$transaction(async (tx) => {
    const e = await requireEvidence(tx, ctx.actor, evidenceId, "removeEvidence");
    if (e.removedAt) throw new AppError("CONFLICT", "This evidence was already removed");
    await tx.evidence.update({ where: { id: e.id }, data: { removedAt: new Date(), removedById: ctx.actor.id, removalReason: reason } });
    await recordCustody(tx, ctx, e, "REMOVE", { sha256Observed: e.sha256, detail: reason });
  });
}
