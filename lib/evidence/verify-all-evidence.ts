// `npm run evidence -- verify-all`: re-hashes every stored blob (each distinct hash once) and lists
// the items whose content is missing or altered. Results are recorded on the items and, for
// failures, in the audit trail (attributed to the system). The same read computes each blob's
// CRC-32: an item whose content matches its SHA-256 gets a missing CRC-32 filled in (with its
// verification result, not audited, as a passed check is not), and a wrong one corrected and
// listed as a failure (problem "crc32", audited; check-blob-digests.ts). It also lists blobs that no evidence
// row references (a commit whose database write then failed): they are reported here, and deleted
// after a grace period by `npm run evidence -- gc` (collect-unreferenced-blobs.ts).
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { SYSTEM_CONTEXT } from "@/lib/audit/audit-context";
import { db } from "@/lib/db/client";
import { listUnreferencedBlobs } from "@/lib/evidence/unreferenced-blobs";
import { type BlobDigests, checkBlobDigests, readBlobDigests } from "@/lib/evidence/check-blob-digests";

export type VerifyAllReport = {
  checked: number;
  failures: {
    evidenceId: string;
    caseId: string;
    sha256: string;
    problem: "missing" | "altered" | "crc32";
    /** problem "crc32": the CRC-32 on record and the content's (8 hex digits), which replaced it. */
    crc32?: { recorded: string; observed: string };
  }[];
  /** Stored blobs that no evidence row (removed ones included) refers to. */
  unreferenced: string[];
};

const BATCH = 500;

export async function verifyAllEvidence(onProgress?: (done: number) => void): Promise<VerifyAllReport> {
  const observedByHash = new Map<string, BlobDigests | null>();
  const failures: VerifyAllReport["failures"] = [];
  let checked = 0;
  let cursor: string | undefined;
  for (;;) {
    const rows = await db().evidence.findMany({
      where: { removedAt: null },
      select: { id: true, caseId: true, sha256: true, crc32: true },
      orderBy: { id: "asc" },
      take: BATCH,
      ...(cursor && { skip: 1, cursor: { id: cursor } }),
    });
    for (const row of rows) {
      if (!observedByHash.has(row.sha256)) observedByHash.set(row.sha256, await readBlobDigests(row.sha256));
      const digests = observedByHash.get(row.sha256) ?? null;
      const check = checkBlobDigests(row, digests);
      const observed = digests?.sha256 ?? null;
      await db().$transaction(async (tx) => {
        await tx.evidence.update({
          where: { id: row.id },
          data: { lastVerifiedAt: new Date(), lastVerifyOk: check.contentOk, ...(check.crc32ToRecord !== null && { crc32: check.crc32ToRecord }) },
        });
        if (!check.ok) {
          await appendAuditEvent(tx, SYSTEM_CONTEXT, {
            action: "evidence.verify",
            entityType: "Evidence",
            entityId: row.id,
            caseId: row.caseId,
            changes: {
              ok: { after: false },
              sha256Observed: { after: observed },
              ...(check.crc32Change && { crc32: check.crc32Change, detail: { after: check.reason } }),
            },
          });
        }
      });
      if (check.problem) {
        const crc32 = check.problem === "crc32" ? { crc32: { recorded: check.crc32Change.before, observed: check.crc32Change.after } } : {};
        failures.push({ evidenceId: row.id, caseId: row.caseId, sha256: row.sha256, problem: check.problem, ...crc32 });
      }
      checked += 1;
    }
    onProgress?.(checked);
    if (rows.length < BATCH) return { checked, failures, unreferenced: await listUnreferencedBlobs() };
    cursor = rows[rows.length - 1].id;
  }
}
