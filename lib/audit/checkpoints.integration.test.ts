// Signed audit checkpoints (issue 12 point 4, decision 0024): an outsider who keeps a checkpoint
// can later tell a whole chain from one that was cut (newest events deleted) or rewritten before
// the checkpoint, even when the rewrite recomputed every hash so the chain itself verifies. Checked
// through the library and through `npm run audit -- verify --checkpoint FILE`.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { beforeEach, describe, expect, it } from "vitest";
import { eventHash, type HashedFields } from "@/lib/audit/canonical";
import { checkpointPayload, parseCheckpointFile } from "@/lib/audit/checkpoint-file";
import { checkpointForReader, latestCheckpoint, publishCheckpoint, verifyAgainstCheckpoint } from "@/lib/audit/checkpoints";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { verifySignature } from "@/lib/signing/verify-signature";
import { jobHandler } from "@/lib/jobs/job-handlers";
import { AUDIT_CHECKPOINT_JOB, registerAppJobHandlers } from "@/lib/worker/register-job-handlers";
import { enqueuePeriodicJobs } from "@/lib/worker/schedule-periodic-jobs";
import { createCase, createUser } from "@/test/factories";
import { expectAppError } from "@/test/support/expect-app-error";

const root = path.resolve(import.meta.dirname, "../..");

async function auditCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/audit.ts", ...args], { cwd: root, env: process.env }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

/** Rewrites event `seq` and re-hashes it and every later event, as someone with database access
 *  would to hide an edit: the chain alone then verifies. */
async function rewriteAndRehash(seq: number, action: string): Promise<void> {
  const rows = await db().auditEvent.findMany({ where: { seq: { gte: seq } }, orderBy: { seq: "asc" } });
  let prevHash = rows[0].prevHash;
  for (const row of rows) {
    const { hash: _old, ...fields } = row;
    const next: HashedFields = { ...fields, action: row.seq === seq ? action : row.action, prevHash };
    prevHash = eventHash(next);
    await db().auditEvent.update({ where: { seq: row.seq }, data: { action: next.action, prevHash: next.prevHash, hash: prevHash } });
  }
}

describe("signed audit checkpoints", () => {
  beforeEach(async () => {
    const admin = await createUser({ role: "ADMIN" });
    for (let i = 0; i < 4; i++) await createCase(admin);
  });

  it("signs the head as {seq, hash, at} with the instance key, once per head position", async () => {
    const head = await db().auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    const file = (await publishCheckpoint())!;
    expect(file.checkpoint).toEqual({ seq: head.seq, hash: head.hash, at: expect.any(String) });
    expect(file.payload).toBe(checkpointPayload(file.checkpoint));
    expect(verifySignature(file.payload, file.signature, file.publicKeyPem)).toBe(true);
    expect(fs.existsSync(path.join(env().dataDir, "signing-key.pem"))).toBe(true);
    // The head has not moved: the same checkpoint, not a second one.
    expect(await publishCheckpoint()).toEqual(file);
    expect(await latestCheckpoint()).toEqual(file);
    expect(await db().auditCheckpoint.count({ where: { seq: head.seq } })).toBe(1);
  });

  it("is taken on demand by admins and auditors (GET /api/v1/audit/checkpoint), not by others", async () => {
    for (const role of ["ADMIN", "AUDITOR"] as const) {
      const file = await checkpointForReader(await createUser({ role }));
      expect(file.checkpoint.seq).toBe((await db().auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } })).seq);
    }
    for (const role of ["INVESTIGATOR", "MANAGER"] as const) expect((await expectAppError(checkpointForReader(await createUser({ role })))).code).toBe("FORBIDDEN");
  });

  it("is published on a schedule: one checkpoint job per LANTERN_AUDIT_CHECKPOINT_MINUTES slot, which signs the head", async () => {
    const slot = env().LANTERN_AUDIT_CHECKPOINT_MINUTES * 60_000;
    const t = Math.floor(Date.now() / slot) * slot;
    await Promise.all([enqueuePeriodicJobs(t + 1_000), enqueuePeriodicJobs(t + 2_000)]);
    expect(await db().job.count({ where: { type: AUDIT_CHECKPOINT_JOB } })).toBe(1);
    await enqueuePeriodicJobs(t + slot);
    expect(await db().job.count({ where: { type: AUDIT_CHECKPOINT_JOB } })).toBe(2);
    registerAppJobHandlers();
    const head = await db().auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    await jobHandler(AUDIT_CHECKPOINT_JOB)!({}, { jobId: "j", attempt: 1, maxAttempts: 3 });
    expect(await db().auditCheckpoint.findFirst({ orderBy: { seq: "desc" } })).toMatchObject({ seq: head.seq, hash: head.hash });
  });

  it("passes an intact chain, also after events were appended past the checkpoint", async () => {
    const file = (await publishCheckpoint())!;
    expect(await verifyAgainstCheckpoint(file)).toMatchObject({ ok: true, checkpointSeq: file.checkpoint.seq });
    await createCase(await createUser({ role: "ADMIN" }));
    const report = await verifyAgainstCheckpoint(file);
    expect(report).toMatchObject({ ok: true, checkpointSeq: file.checkpoint.seq });
    expect(report.ok && report.events).toBeGreaterThan(file.checkpoint.seq);
  });

  it("detects a chain whose newest events were deleted (cut), which the chain alone cannot", async () => {
    const file = (await publishCheckpoint())!;
    const seq = file.checkpoint.seq;
    await db().auditEvent.deleteMany({ where: { seq: { gt: seq - 2 } } });
    expect((await verifyAuditChain(db())).ok).toBe(true);
    expect(await verifyAgainstCheckpoint(file)).toEqual({
      ok: false,
      brokenSeq: seq - 1,
      reason: `the chain was cut: it ends at event ${seq - 2}, but the checkpoint of ${file.checkpoint.at} covers events up to ${seq}`,
    });
  });

  it("detects an event before the checkpoint rewritten with every later hash recomputed", async () => {
    const file = (await publishCheckpoint())!;
    await rewriteAndRehash(2, "case.create.forged");
    expect((await verifyAuditChain(db())).ok).toBe(true);
    const report = await verifyAgainstCheckpoint(file);
    expect(report.ok).toBe(false);
    expect(!report.ok && report.reason).toMatch(new RegExp(`^the chain was rewritten: event ${file.checkpoint.seq} hashes to [0-9a-f]{64}, the checkpoint says ${file.checkpoint.hash}`));
  });

  it("refuses a checkpoint whose seq or hash was edited, or that another key signed", async () => {
    const file = (await publishCheckpoint())!;
    const moved = { ...file, checkpoint: { ...file.checkpoint, seq: 1 } };
    expect(await verifyAgainstCheckpoint(moved)).toEqual({ ok: false, reason: "checkpoint not trusted: the signed payload does not match the checkpoint's seq, hash and time" });
    const resigned = { ...file, signature: Buffer.alloc(64, 1).toString("base64") };
    expect(await verifyAgainstCheckpoint(resigned)).toEqual({ ok: false, reason: `checkpoint not trusted: the signature does not verify under key ${file.keyId}` });
    expect(await verifyAgainstCheckpoint({ ...file, keyId: "0000000000000000" })).toMatchObject({ ok: false, reason: expect.stringContaining("not a key of this instance") });
  });

  it("npm run audit -- checkpoint writes the file; verify --checkpoint passes it, then catches a cut chain", async () => {
    const out = path.join(env().dataDir, "held-by-outsider.json");
    const written = await auditCli(["checkpoint", "--out", out]);
    expect(written.stderr).toBe("");
    expect(written.code).toBe(0);
    const parsed = parseCheckpointFile(fs.readFileSync(out, "utf8"));
    if ("error" in parsed) throw new Error(parsed.error);
    const seq = parsed.file.checkpoint.seq;
    expect(written.stdout).toContain(`Checkpoint of event ${seq}`);

    const intact = await auditCli(["verify", "--checkpoint", out]);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain(`event ${seq} matches the checkpoint`);

    await db().auditEvent.deleteMany({ where: { seq } });
    const cut = await auditCli(["verify", "--checkpoint", out]);
    expect(cut.code).toBe(1);
    expect(cut.stdout).toContain(`BROKEN at event ${seq}: the chain was cut: it ends at event ${seq - 1}`);
  }, 120_000); // three CLI processes, each starting tsx
});
