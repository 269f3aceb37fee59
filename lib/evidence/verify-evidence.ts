// Re-reads a blob, recomputes its SHA-256 and records the result: a custody event either way, and
// the item's integrity flag so a failure stays visible.
import { createHash } from "node:crypto";
import type { RequestContext } from "@/lib/access/actor";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { recordCustody } from "@/lib/evidence/custody";
import { requireEvidence } from "@/lib/evidence/evidence-access";
import { blobStore } from "@/lib/storage/blob-store";

export type VerifyResult = { ok: boolean; expected: string; observed: string | null; reason: string | null };

export async function hashBlob(sha256: string): Promise<string | null> {
  try {
    const hash = createHash("sha256");
    for await (const chunk of await blobStore().open(sha256)) hash.update(chunk as Buffer);
    return hash.digest("hex");
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") return null;
    throw e;
  }
}

export async function verifyEvidence(ctx: RequestContext, evidenceId: string): Promise<VerifyResult> {
  const e = await requireEvidence(db(), ctx.actor, evidenceId, "read");
  const observed = await hashBlob(e.sha256);
  const ok = observed === e.sha256;
  const reason = ok ? null : observed === null ? "the stored content is missing" : "the stored content no longer matches its recorded hash";
  await db().$transaction(async (tx) => {
    await tx.evidence.update({ where: { id: e.id }, data: { lastVerifiedAt: new Date(), lastVerifyOk: ok } });
    await recordCustody(tx, ctx, e, "VERIFY", { sha256Observed: observed, ok, detail: reason });
  });
  return { ok, expected: e.sha256, observed, reason };
}
