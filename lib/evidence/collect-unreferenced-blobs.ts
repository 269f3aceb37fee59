// `npm run evidence -- gc` and the server's periodic run: deletes the stored blobs that no evidence
// row refers to, once older than the grace period (LANTERN_BLOB_GC_GRACE_MINUTES). Each deletion is
// an audit event attributed to the system. Uploads committing the same content meanwhile are safe:
// the store's claim/mark protocol (lib/storage/blob-collection.ts, decision 0010) keeps them apart.
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { SYSTEM_CONTEXT } from "@/lib/audit/audit-context";
import { db } from "@/lib/db/client";
import { isBlobReferenced, listUnreferencedBlobs } from "@/lib/evidence/unreferenced-blobs";
import type { CollectOutcome } from "@/lib/storage/blob-collection";
import { blobStore } from "@/lib/storage/blob-store";

export type BlobGcReport = {
  /** Hashes deleted, in order. */
  deleted: string[];
  /** Unreferenced blobs kept, by reason (young: inside the grace period; claimed: an upload is
   *  committing it; referenced: a row appeared meanwhile; busy: another gc or a stall). */
  kept: Record<Exclude<CollectOutcome, "deleted" | "missing">, number>;
};

export async function collectUnreferencedBlobs(opts: { graceMinutes: number; now?: Date }): Promise<BlobGcReport> {
  const modifiedBefore = new Date((opts.now ?? new Date()).getTime() - opts.graceMinutes * 60_000);
  const report: BlobGcReport = { deleted: [], kept: { young: 0, claimed: 0, referenced: 0, busy: 0 } };
  for (const sha256 of await listUnreferencedBlobs()) {
    const outcome = await blobStore().collect(sha256, { modifiedBefore, isReferenced: () => isBlobReferenced(sha256) });
    if (outcome === "missing") continue;
    if (outcome !== "deleted") {
      report.kept[outcome] += 1;
      continue;
    }
    report.deleted.push(sha256);
    await db().$transaction((tx) =>
      appendAuditEvent(tx, SYSTEM_CONTEXT, {
        action: "evidence.blob_collect",
        entityType: "Blob",
        entityId: sha256,
        changes: { stored: { before: true, after: false }, graceMinutes: { after: opts.graceMinutes } },
      }),
    );
  }
  return report;
}
