// Metadata edits (never content): title, description, source, collected-at. One custody EDIT
// event, whose audit event carries the before and after.
import { z } from "zod";
import type { RequestContext } from "@/lib/auth/actor";
import { diffFields } from "@/lib/audit/append-audit-event";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordCustody } from "@/lib/evidence/custody";
import { requireEvidence } from "@/lib/evidence/evidence-access";
import { ZEvidenceMetadata } from "@/lib/evidence/evidence-schemas";
import { evidenceSelect, toEvidenceView, type EvidenceView } from "@/lib/evidence/evidence-view";
import { emptyToNull, parseInput } from "@/lib/validation";

export const ZEditEvidenceInput = ZEvidenceMetadata.pick({ title: true, description: true, source: true })
  .partial()
  .extend({
    // Unlike at upload, "" or null here clears a collected-at time that was recorded in error.
    collectedAt: z.preprocess(emptyToNull, z.iso.datetime({ offset: true, error: "must be an ISO 8601 time" }).transform((s) => new Date(s)).nullable()).optional(),
  })
  .strict();

export async function editEvidenceMetadata(ctx: RequestContext, evidenceId: string, input: unknown): Promise<EvidenceView> {
  const data = parseInput(ZEditEvidenceInput, input);
  return db().$transaction(async (tx) => {
    const e = await requireEvidence(tx, ctx.actor, evidenceId, "addEvidence");
    if (e.removedAt) throw new AppError("CONFLICT", "Removed evidence cannot be edited");
    const before = await tx.evidence.findUniqueOrThrow({ where: { id: e.id }, select: { title: true, description: true, source: true, collectedAt: true } });
    const changes = diffFields(before, data);
    if (Object.keys(changes).length) {
      await tx.evidence.update({ where: { id: e.id }, data });
      await recordCustody(tx, ctx, e, "EDIT", { detail: `metadata: ${Object.keys(changes).join(", ")}`, changes });
    }
    return toEvidenceView(await tx.evidence.findUniqueOrThrow({ where: { id: e.id }, select: evidenceSelect }));
  });
}
