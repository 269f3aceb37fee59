// The distillation analysis computed ahead by a job (refresh-distillation.ts, decision 0016
// "Computed ahead") on a real database (both providers): an ingest run completing through the job
// runner leaves the analysis stored, equal to a fresh computation; one job per case, never two due
// or running at once, re-armed once finished, with nothing to do when the stored key is current;
// an admin changing the parameters asks for it too; the page's state follows the restricted-case rules.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { db } from "@/lib/db/client";
import { computeCaseDistillation, type CaseDistillation } from "@/lib/distillation/compute-case-distillation";
import { readCaseDistillation } from "@/lib/distillation/distillation-cache";
import { THRESHOLD_SETTING } from "@/lib/distillation/distillation-settings";
import {
  DISTILLATION_REFRESH_JOB,
  distillationRefreshKey,
  enqueueDistillationRefresh,
  getDistillationRefreshState,
  isDistillationStored,
  writeDistillationSettings,
} from "@/lib/distillation/refresh-distillation";
import { stageEvidenceFile } from "@/lib/evidence/stage-evidence-file";
import { uploadEvidence } from "@/lib/evidence/upload-evidence";
import { startIngest } from "@/lib/ingest/start-ingest";
import { claimJobs } from "@/lib/jobs/claim-jobs";
import { runDueJobs } from "@/lib/jobs/job-worker";
import { registerAppJobHandlers } from "@/lib/worker/register-job-handlers";
import { createCase, createUser, ctxFor } from "@/test/factories";
import { seedGeneratedRun } from "@/test/support/api-request-rows";
import { expectAppError } from "@/test/support/expect-app-error";
import { writeLogFile } from "@/test/support/log-generator";

let lead: Actor, outsider: Actor, admin: Actor;
let dir: string;
beforeAll(async () => {
  registerAppJobHandlers();
  lead = await createUser({ role: "INVESTIGATOR" });
  outsider = await createUser({ role: "INVESTIGATOR" });
  admin = await createUser({ role: "ADMIN" });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-refresh-"));
  return () => fs.rmSync(dir, { recursive: true, force: true });
});

const figures = ({ computedAt: _c, durationMs: _d, ...rest }: CaseDistillation) => rest;
const refreshJobs = (caseId: string) => db().job.findMany({ where: { type: DISTILLATION_REFRESH_JOB, dedupeKey: distillationRefreshKey(caseId) } });
const storedRows = (caseId: string) => db().distillationCache.findMany({ where: { caseId } });
const population = (seed: number, lines: number) => ({ lines, seed, ordinaryUsers: 30, students: 4, ciAccounts: 4, operations: [{ accounts: 4, share: 0.25 }] });

describe("the distillation analysis computed ahead", () => {
  it("is stored by a follow-on job when an ingest run completes, equal to a fresh computation", async () => {
    const c = await createCase(lead, { restricted: true });
    const file = path.join(dir, "usage.jsonl");
    await writeLogFile({ ...population(7, 4_000), out: file });
    const staged = await stageEvidenceFile(fs.createReadStream(file), { filename: "usage.jsonl", mimeType: "application/x-ndjson" });
    const ev = await uploadEvidence(ctxFor(lead), c.id, staged, { kind: "API_LOG", title: "Usage log" });
    await startIngest(ctxFor(lead), ev.id);
    expect(await refreshJobs(c.id)).toHaveLength(0);
    await runDueJobs();

    const run = await db().ingestRun.findFirstOrThrow({ where: { caseId: c.id }, select: { state: true, finishedAt: true } });
    expect(run.state).toBe("COMPLETED");
    const jobs = await refreshJobs(c.id);
    expect(jobs.map((j) => [j.status, j.attempts])).toEqual([["SUCCEEDED", 1]]);
    // Enqueued in the run's completing transaction: no earlier than the run's end, so not in its time.
    expect(jobs[0].createdAt.getTime()).toBeGreaterThanOrEqual(run.finishedAt!.getTime());
    expect(await isDistillationStored(c.id)).toEqual({ stored: true, runs: 1 });
    const rows = await storedRows(c.id);
    expect(rows).toHaveLength(1);

    const read = await readCaseDistillation(c.id);
    const fresh = await computeCaseDistillation(c.id);
    expect(figures(read)).toEqual(figures(fresh));
    expect(read.totals.requests).toBeGreaterThan(3_000);
    // Read back what the job stored, not computed again.
    expect(JSON.parse(rows[0].result).computedAt).toBe(read.computedAt);
  }, 180_000);

  it("keeps one job per case: enqueueing while queued or running adds none, a finished one is re-armed and finds nothing to do", async () => {
    const c = await createCase(lead);
    await seedGeneratedRun(c.id, lead.id, population(8, 1_500));
    expect((await isDistillationStored(c.id)).stored).toBe(false);

    await db().$transaction((tx) => enqueueDistillationRefresh(tx, c.id));
    await db().$transaction((tx) => enqueueDistillationRefresh(tx, c.id));
    expect((await refreshJobs(c.id)).map((j) => j.status)).toEqual(["QUEUED"]);

    // Claimed by one worker: a second enqueue neither adds a job nor makes it due for another worker.
    const claimed = await claimJobs("worker-a", [DISTILLATION_REFRESH_JOB], 100, 60_000);
    const mine = claimed.find((j) => JSON.parse(j.payload).caseId === c.id);
    expect(mine).toBeDefined();
    await db().$transaction((tx) => enqueueDistillationRefresh(tx, c.id));
    expect((await refreshJobs(c.id)).map((j) => j.status)).toEqual(["RUNNING"]);
    const second = await claimJobs("worker-b", [DISTILLATION_REFRESH_JOB], 100, 60_000);
    expect(second.filter((j) => JSON.parse(j.payload).caseId === c.id)).toEqual([]);

    // The lease runs out (its worker stopped): claimed again and run to the end, as after a restart.
    await db().job.update({ where: { id: mine!.id }, data: { leaseExpiresAt: new Date(Date.now() - 1_000) } });
    await runDueJobs();
    const done = await refreshJobs(c.id);
    expect(done.map((j) => [j.id, j.status])).toEqual([[mine!.id, "SUCCEEDED"]]);
    const stored = await storedRows(c.id);
    expect(stored).toHaveLength(1);

    // Asked again once finished: the same row back on the queue; the stored key is current, so it stores nothing new.
    await db().$transaction((tx) => enqueueDistillationRefresh(tx, c.id));
    const rearmed = await refreshJobs(c.id);
    expect(rearmed.map((j) => [j.id, j.status, j.attempts])).toEqual([[mine!.id, "QUEUED", 0]]);
    await runDueJobs();
    expect((await refreshJobs(c.id)).map((j) => j.status)).toEqual(["SUCCEEDED"]);
    expect(await storedRows(c.id)).toEqual(stored);
  }, 180_000);

  it("shows a reader of the case whether a job is computing it; outsiders of a restricted case get 404", async () => {
    const c = await createCase(lead, { restricted: true });
    await seedGeneratedRun(c.id, lead.id, population(9, 1_000));
    await expectAppError(getDistillationRefreshState(outsider, c.id)).then((e) => expect(e.code).toBe("NOT_FOUND"));
    expect(await getDistillationRefreshState(lead, c.id)).toEqual({ stored: false, runs: 1, job: null });

    await db().$transaction((tx) => enqueueDistillationRefresh(tx, c.id));
    const queued = await getDistillationRefreshState(lead, c.id);
    expect(queued.stored).toBe(false);
    expect(queued.job?.status).toBe("QUEUED");
    await expectAppError(getDistillationRefreshState(outsider, c.number)).then((e) => expect(e.code).toBe("NOT_FOUND"));

    await runDueJobs();
    expect(await getDistillationRefreshState(lead, c.number)).toEqual({ stored: true, runs: 1, job: null });
  }, 180_000);

  it("is asked for every case with a completed run when an admin changes the parameters, and stores under the new key", async () => {
    const c = await createCase(lead);
    await seedGeneratedRun(c.id, lead.id, population(10, 1_000));
    await readCaseDistillation(c.id);
    expect((await isDistillationStored(c.id)).stored).toBe(true);

    await expectAppError(writeDistillationSettings(ctxFor(lead), { threshold: "60" })).then((e) => expect(e.code).toBe("FORBIDDEN"));
    try {
      await writeDistillationSettings(ctxFor(admin), { threshold: "60" });
      expect((await isDistillationStored(c.id)).stored).toBe(false);
      expect((await refreshJobs(c.id)).map((j) => j.status)).toEqual(["QUEUED"]);
      await runDueJobs();
      expect((await isDistillationStored(c.id)).stored).toBe(true);
      const read = await readCaseDistillation(c.id);
      expect(read.threshold).toBe(60);
      expect(figures(read)).toEqual(figures(await computeCaseDistillation(c.id)));
    } finally {
      await writeDistillationSettings(ctxFor(admin), { threshold: null });
      expect(await db().setting.findUnique({ where: { key: THRESHOLD_SETTING } })).toBeNull();
      await runDueJobs();
    }
  }, 180_000);
});
