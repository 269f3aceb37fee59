// `npm run evidence -- verify-all`: re-hashes every stored blob (each distinct hash once) and lists
// the items whose content is missing or altered. Results are recorded on the items and, for
// failures, in the audit trail (attributed to the system). It also lists blobs that no evidence
// row references (a commit whose database write then failed): they are reported here, and deleted
// after a grace period by `npm run evidence -- gc` (collect-unreferenced-blobs.ts).
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { SYSTEM_CONTEXT } from "@/lib/audit/audit-context";
import { db } from "@/lib/db/client";
import { listUnreferencedBlobs } from "@/lib/evidence/unreferenced-blobs";
import { hashBlob } from "@/lib/evidence/verify-evidence";

export type VerifyAllReport = {
  checked: number;
  failures: { evidenceId: string; caseId: string; sha256: string; problem: "missing" | "altered" }[];
  /** Stored blobs that no evidence row (removed ones included) refers to. */
  unreferenced: string[];
};

const BATCH = 500;

export async function verifyAllEvidence(onProgress?: (done: number) => void): Promise<VerifyAllReport> {
  const observedByHash = new Map<string, string | null>();
  const failures: VerifyAllReport["failures"] = [];
  let checked = 0;
  let cursor: string | undefined;
  for (;;) {
    const rows = await db().evidence.findMany({
      where: { removedAt: null },
      select: { id: true, caseId: true, sha256: true },
      orderBy: { id: "asc" },
      take: BATCH,
      ...(cursor && { skip: 1, cursor: { id: cursor } }),
    });
    for (const row of rows) {
      if (!observedByHash.has(row.sha256)) observedByHash.set(row.sha256, await hashBlob(row.sha256));
      const observed = observedByHash.get(row.sha256) ?? null;
      const ok = observed === row.sha256;
      await db().$transaction(async (tx) => {
        await tx.evidence.update({ where: { id: row.id }, data: { lastVerifiedAt: new Date(), lastVerifyOk: ok } });
        if (!ok) {
          await appendAuditEvent(tx, SYSTEM_CONTEXT, {
            action: "evidence.verify",
            entityType: "Evidence",
            entityId: row.id,
            caseId: row.caseId,
            changes: { ok: { after: false }, sha256Observed: { after: observed } },
          });
        }
      });
      if (!ok) failures.push({ evidenceId: row.id, caseId: row.caseId, sha256: row.sha256, problem: observed === null ? "missing" : "altered" });
      checked += 1;
    }
    onProgress?.(checked);
    if (rows.length < BATCH) return { checked, failures, unreferenced: await listUnreferencedBlobs() };
    cursor = rows[rows.length - 1].id;
  }
}
