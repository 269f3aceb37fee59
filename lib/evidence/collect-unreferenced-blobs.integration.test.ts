// The unreferenced-blob gc over a real database and the local store: what no evidence row refers
// to is deleted once older than the grace period, each deletion an audit event of the system;
// referenced content (removed items included) and content inside the grace period stay.
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { db } from "@/lib/db/client";
import { collectUnreferencedBlobs } from "@/lib/evidence/collect-unreferenced-blobs";
import { maintainStorage } from "@/lib/evidence/storage-maintenance";
import { listUnreferencedBlobs } from "@/lib/evidence/unreferenced-blobs";
import { uploadEvidence } from "@/lib/evidence/upload-evidence";
import { blobStore } from "@/lib/storage/blob-store";
import { LocalBlobStore } from "@/lib/storage/local-blob-store";
import { createCase, createUser, ctxFor } from "@/test/factories";
import { stageBytes } from "@/test/support/evidence-files";

const HOUR = 3_600_000;
let user: Actor;
beforeAll(async () => {
  user = await createUser();
});

const unique = (what: string) => Buffer.from(`${what} ${Date.now()} ${Math.random()}\n`);
const store = () => blobStore() as LocalBlobStore;

function age(sha256: string, ms: number) {
  const when = new Date(Date.now() - ms);
  fs.utimesSync(store().blobPath(sha256), when, when);
}

/** A blob committed by an upload whose row was then never written (a crash, a failed write). */
async function orphan(what: string): Promise<string> {
  const staged = await stageBytes(unique(what), `${what}.txt`);
  await staged.blob.commit();
  await staged.blob.discard();
  return staged.blob.sha256;
}

describe("collectUnreferencedBlobs", () => {
  it("deletes unreferenced blobs past the grace period, as audit events of the system, and keeps the rest", async () => {
    const c = await createCase(user);
    const kept = await uploadEvidence(ctxFor(user), c.id, await stageBytes(unique("kept"), "k.txt"), { kind: "DOCUMENT", title: "Kept" });
    const [old, young] = [await orphan("old"), await orphan("young")];
    age(old, 2 * HOUR);
    age(kept.sha256, 2 * HOUR); // old, but referenced
    expect(await listUnreferencedBlobs()).toEqual(expect.arrayContaining([old, young]));

    const report = await collectUnreferencedBlobs({ graceMinutes: 60 });
    expect(report.deleted).toContain(old);
    expect(report.deleted).not.toContain(young);
    expect(report.kept.young).toBeGreaterThanOrEqual(1);
    expect(await blobStore().exists(old)).toBe(false);
    expect(await blobStore().exists(young)).toBe(true);
    expect(await blobStore().exists(kept.sha256)).toBe(true);

    const events = await db().auditEvent.findMany({ where: { action: "evidence.blob_collect", entityId: old } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: null, actorEmail: "system", entityType: "Blob" });
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it("never deletes the content of a removed item (the row still refers to it)", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const c = await createCase(admin);
    const ev = await uploadEvidence(ctxFor(admin), c.id, await stageBytes(unique("removed"), "r.txt"), { kind: "DOCUMENT", title: "Removed" });
    await db().evidence.update({ where: { id: ev.id }, data: { removedAt: new Date() } });
    age(ev.sha256, 2 * HOUR);
    const report = await collectUnreferencedBlobs({ graceMinutes: 60 });
    expect(report.deleted).not.toContain(ev.sha256);
    expect(await blobStore().exists(ev.sha256)).toBe(true);
  });

  it("a grace of 0 takes every unreferenced blob (maintainStorage, what the server and `npm run evidence -- gc` run)", async () => {
    const fresh = await orphan("fresh");
    const result = await maintainStorage(0);
    expect(result.collectedBlobs).toBeGreaterThanOrEqual(1);
    expect(await blobStore().exists(fresh)).toBe(false);
    expect(await listUnreferencedBlobs()).toEqual([]);
  });
});
