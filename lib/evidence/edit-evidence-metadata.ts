// Metadata edits (never content): kind, title, description, source, collected-at. One custody EDIT
// event, whose audit event carries the before and after. The kind may be corrected after upload,
// to any kind that accepts the stored content's type.
import { z } from "zod";
import type { RequestContext } from "@/lib/access/actor";
import { diffFields } from "@/lib/audit/append-audit-event";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordCustody } from "@/lib/evidence/custody";
import { requireEvidence } from "@/lib/evidence/evidence-access";
import { acceptedTypes, acceptsKind } from "@/lib/evidence/media-type";
import { label as kindWords } from "@/lib/state-machine/state-machine";
import { ZEvidenceMetadata } from "@/lib/evidence/evidence-schemas";
import { evidenceSelect, toEvidenceView, type EvidenceView } from "@/lib/evidence/evidence-view";
import { emptyToNull, parseInput } from "@/lib/validation";

export const ZEditEvidenceInput = ZEvidenceMetadata.pick({ kind: true, title: true, description: true, source: true })
  .partial()
  .extend({
    // Unlike at upload, "" or null here clears a collected-at time that was recorded in error.
    collectedAt: z.preprocess(emptyToNull, z.iso.datetime({ offset: true, error: "must be an ISO 8601 time" }).transform((s) => new Date(s)).nullable()).optional(),
    /** The version the editor saw; when given, a concurrent edit answers 409 instead of being overwritten. */
    version: z.coerce.number().int().min(1).optional(),
  })
  .strict();

const STALE_VERSION = "Someone else changed these details since you opened them; reload to see their change, then edit again";

export async function editEvidenceMetadata(ctx: RequestContext, evidenceId: string, input: unknown): Promise<EvidenceView> {
  const { version, ...data } = parseInput(ZEditEvidenceInput, input);
  return db().$transaction(async (tx) => {
    const e = await requireEvidence(tx, ctx.actor, evidenceId, "addEvidence");
    if (e.removedAt) throw new AppError("CONFLICT", "Removed evidence cannot be edited");
    const { version: current, sniffedMediaType, ...before } = await tx.evidence.findUniqueOrThrow({
      where: { id: e.id },
      select: { kind: true, title: true, description: true, source: true, collectedAt: true, version: true, sniffedMediaType: true },
    });
    if (version !== undefined && version !== current) throw new AppError("CONFLICT", STALE_VERSION);
    if (data.kind && data.kind !== before.kind && !acceptsKind(data.kind, sniffedMediaType)) {
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", `${kindWords(data.kind)} evidence must be ${acceptedTypes(data.kind)}; this file is ${sniffedMediaType}`, {
        fieldErrors: { kind: [`${kindWords(data.kind)} does not fit this file (${sniffedMediaType})`] },
      });
    }
    const changes = diffFields(before, data);
    if (Object.keys(changes).length) {
      // The version in the condition closes the gap between the read above and this write (PostgreSQL).
      const updated = await tx.evidence.updateMany({ where: { id: e.id, version: current }, data: { ...data, version: { increment: 1 } } });
      if (updated.count !== 1) throw new AppError("CONFLICT", STALE_VERSION);
      await recordCustody(tx, ctx, e, "EDIT", { detail: `metadata: ${Object.keys(changes).join(", ")}`, changes });
    }
    return toEvidenceView(await tx.evidence.findUniqueOrThrow({ where: { id: e.id }, select: evidenceSelect }));
  });
}
