// Records a staged file as evidence: validate metadata and the kind/type pair, make the blob
// durable, then write the row, its UPLOAD custody event and the audit event in one transaction.
// A failure at any point discards the temporary and leaves no row.
import type { RequestContext } from "@/lib/access/actor";
import { requireCase } from "@/lib/access/case-access";
import { db, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordCustody } from "@/lib/evidence/custody";
import { ZEvidenceMetadata } from "@/lib/evidence/evidence-schemas";
import { evidenceSelect, toEvidenceView, type EvidenceView } from "@/lib/evidence/evidence-view";
import { acceptedTypes, acceptsKind } from "@/lib/evidence/media-type";
import type { StagedEvidenceFile } from "@/lib/evidence/stage-evidence-file";
import { withSupersededDefaults } from "@/lib/evidence/supersede-defaults";
import { parseInput } from "@/lib/validation";

/** Checked before the body is read, so nobody streams gigabytes into a case they may not touch. */
export async function authorizeEvidenceUpload(ctx: RequestContext, caseIdOrNumber: string) {
  return requireCase(db(), ctx.actor, caseIdOrNumber, "addEvidence");
}

export async function uploadEvidence(
  ctx: RequestContext,
  caseIdOrNumber: string,
  file: StagedEvidenceFile | null,
  fields: Record<string, unknown>,
  opts: { supersedesId?: string; onRecorded?: (tx: Tx, evidence: EvidenceView) => Promise<void> } = {},
): Promise<EvidenceView> {
  if (!file) throw new AppError("INVALID_INPUT", "Attach the file in the multipart field 'file'", { fieldErrors: { file: ["is required"] } });
  try {
    const metadata = parseInput(ZEvidenceMetadata, opts.supersedesId ? await withSupersededDefaults(db(), opts.supersedesId, fields) : fields);
    if (!acceptsKind(metadata.kind, file.sniffedMediaType)) {
      throw new AppError(
        "UNSUPPORTED_MEDIA_TYPE",
        `${metadata.kind} evidence must be ${acceptedTypes(metadata.kind)}; this file is ${file.sniffedMediaType}`,
        { fieldErrors: { file: [`${file.sniffedMediaType} is not accepted for ${metadata.kind}`] } },
      );
    }
    // Checked before the commit too, so a refused replacement does not leave a blob behind; and
    // again inside the transaction, which is what counts.
    if (opts.supersedesId) await assertSupersedable(db(), (await authorizeEvidenceUpload(ctx, caseIdOrNumber)).id, opts.supersedesId);
    await file.blob.commit();
    return await db().$transaction(async (tx) => {
      const access = await requireCase(tx, ctx.actor, caseIdOrNumber, "addEvidence");
      if (opts.supersedesId) await assertSupersedable(tx, access.id, opts.supersedesId);
      const row = await tx.evidence.create({
        data: {
          caseId: access.id,
          ...metadata,
          collectedAt: metadata.collectedAt ?? null,
          originalFilename: file.originalFilename,
          declaredMediaType: file.declaredMediaType,
          sniffedMediaType: file.sniffedMediaType,
          sizeBytes: BigInt(file.blob.sizeBytes),
          sha256: file.blob.sha256,
          // Unsigned in the blob, signed in the column (Int is 32-bit signed): read it with `>>> 0`.
          crc32: file.blob.crc32 | 0,
          uploadedById: ctx.actor.id,
          supersedesId: opts.supersedesId ?? null,
        },
        select: evidenceSelect,
      });
      await recordCustody(tx, ctx, row, "UPLOAD", { sha256Observed: row.sha256, ok: true, detail: file.originalFilename });
      if (opts.supersedesId) await recordCustody(tx, ctx, { id: opts.supersedesId, caseId: access.id }, "SUPERSEDE", { detail: `superseded by ${row.id}` });
      const view = toEvidenceView(row);
      // What the caller records about the new item (a generated report's audit event) commits with it.
      if (opts.onRecorded) await opts.onRecorded(tx, view);
      return view;
    });
  } finally {
    await file.blob.discard(); // a no-op once committed
  }
}

async function assertSupersedable(tx: Tx, caseId: string, supersedesId: string): Promise<void> {
  const old = await tx.evidence.findFirst({ where: { id: supersedesId, caseId }, select: { removedAt: true, supersededBy: { select: { id: true } } } });
  if (!old) throw new AppError("NOT_FOUND", "The evidence to supersede is not on this case");
  if (old.supersededBy || old.removedAt) throw new AppError("CONFLICT", "That evidence was already superseded or removed");
}
