// Serving evidence bytes. Viewing (inline preview) is only for types that are safe to render;
// everything else is a download. Each read is a custody event with the hash on record.
import type { RequestContext } from "@/lib/access/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordCustody } from "@/lib/evidence/custody";
import { requireEvidence } from "@/lib/evidence/evidence-access";
import { PREVIEWABLE } from "@/lib/evidence/media-type";
import { blobStore } from "@/lib/storage/blob-store";

export type EvidenceContent = {
  stream: NodeJS.ReadableStream;
  sizeBytes: number;
  mediaType: string;
  filename: string;
  inline: boolean;
  sha256: string;
};

export async function openEvidenceContent(ctx: RequestContext, evidenceId: string, mode: "view" | "download"): Promise<EvidenceContent> {
  return db().$transaction(async (tx) => {
    const e = await requireEvidence(tx, ctx.actor, evidenceId, "read");
    if (e.removedAt) throw new AppError("NOT_FOUND", "This evidence was removed; its hash and custody history remain");
    const inline = mode === "view" && PREVIEWABLE.has(e.sniffedMediaType);
    if (mode === "view" && !inline) throw new AppError("UNSUPPORTED_MEDIA_TYPE", `${e.sniffedMediaType} cannot be previewed; download it instead`);
    const stream = await blobStore().open(e.sha256);
    await recordCustody(tx, ctx, e, inline ? "VIEW" : "DOWNLOAD", { sha256Observed: e.sha256 });
    return { stream, sizeBytes: Number(e.sizeBytes), mediaType: e.sniffedMediaType, filename: e.originalFilename, inline, sha256: e.sha256 };
  });
}
