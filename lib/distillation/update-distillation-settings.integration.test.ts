// Admin → Distillation settings on a real database (both providers): the one schema names the
// field it refuses, only an admin may read or change the settings, a change is stored trimmed and
// deduplicated with a settings.update audit event (old and new values) and a distillation.refresh
// job for every case with a completed run; a reset clears both back to the documented defaults.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { db } from "@/lib/db/client";
import { DEFAULT_REASONING_PHRASES, DEFAULT_THRESHOLD, PHRASES_SETTING, resolveDistillationOptions, THRESHOLD_SETTING } from "@/lib/distillation/distillation-settings";
import { DISTILLATION_REFRESH_JOB, distillationRefreshKey } from "@/lib/distillation/refresh-distillation";
import { readDistillationSettings, resetDistillationSettings, updateDistillationSettings } from "@/lib/distillation/update-distillation-settings";
import { runDueJobs } from "@/lib/jobs/job-worker";
import { registerAppJobHandlers } from "@/lib/worker/register-job-handlers";
import { createCase, createUser, ctxFor } from "@/test/factories";
import { seedGeneratedRun } from "@/test/support/api-request-rows";
import { expectAppError } from "@/test/support/expect-app-error";

let admin: Actor, investigator: Actor, manager: Actor;
beforeAll(async () => {
  registerAppJobHandlers();
  admin = await createUser({ role: "ADMIN" });
  investigator = await createUser({ role: "INVESTIGATOR" });
  manager = await createUser({ role: "MANAGER" });
});
afterAll(async () => {
  await resetDistillationSettings(ctxFor(admin));
  await runDueJobs();
});

const storedSettings = () => db().setting.findMany({ where: { key: { in: [THRESHOLD_SETTING, PHRASES_SETTING] } }, orderBy: { key: "asc" } });
const auditBy = (actor: Actor) => db().auditEvent.findMany({ where: { actorId: actor.id, action: "settings.update" }, orderBy: { seq: "asc" } });
const refreshJobs = (caseId: string) => db().job.findMany({ where: { type: DISTILLATION_REFRESH_JOB, dedupeKey: distillationRefreshKey(caseId) } });
const valid = { threshold: "62.5", phrases: "show your work\n  Step By Step  \n\nshow your work\nderive it fully" };

describe("updateDistillationSettings", () => {
  it("refuses invalid input naming the field, and writes nothing", async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ ...valid, threshold: "0" }, "threshold", /between 1 and 100/],
      [{ ...valid, threshold: "101" }, "threshold", /between 1 and 100/],
      [{ ...valid, threshold: "abc" }, "threshold", /not a number/],
      [{ ...valid, threshold: " " }, "threshold", /required/],
      [{ ...valid, phrases: " \n \n" }, "phrases", /at least one phrase/],
      [{ ...valid, phrases: "step by step\nab" }, "phrases", /“ab” is shorter than 3 characters/],
      [{ ...valid, phrases: `step by step\n${"x".repeat(101)}` }, "phrases", /longer than 100 characters/],
      [{ ...valid, phrases: Array.from({ length: 201 }, (_, i) => `phrase ${i}`).join("\n") }, "phrases", /at most 200 phrases \(201 given\)/],
      [{ ...valid, phrases: "step by step\u0007" }, "phrases", /control characters/],
    ];
    for (const [input, field, message] of cases) {
      const e = await expectAppError(updateDistillationSettings(ctxFor(admin), input));
      expect(e.code).toBe("INVALID_INPUT");
      const errors = (e.details as { fieldErrors: Record<string, string[]> }).fieldErrors;
      expect(Object.keys(errors)).toEqual([field]);
      expect(errors[field].join(" ")).toMatch(message);
      // The form's alert names the field as the form labels it.
      expect(e.message).toContain(`${field === "threshold" ? "Flag threshold" : "Reasoning phrases"} (`);
    }
    expect(await storedSettings()).toEqual([]);
    expect(await auditBy(admin)).toEqual([]);
  });

  it("refuses everyone but an admin, before reading the input, and writes nothing", async () => {
    for (const actor of [investigator, manager]) {
      expect((await expectAppError(updateDistillationSettings(ctxFor(actor), valid))).code).toBe("FORBIDDEN");
      expect((await expectAppError(updateDistillationSettings(ctxFor(actor), { threshold: "x" }))).code).toBe("FORBIDDEN");
      expect((await expectAppError(resetDistillationSettings(ctxFor(actor)))).code).toBe("FORBIDDEN");
      expect((await expectAppError(readDistillationSettings(ctxFor(actor)))).code).toBe("FORBIDDEN");
      expect(await auditBy(actor)).toEqual([]);
    }
    expect(await storedSettings()).toEqual([]);
  });

  it("stores an admin's change trimmed and deduplicated, audits old and new values and enqueues a refresh per case; a reset restores the defaults", async () => {
    const before = await readDistillationSettings(ctxFor(admin));
    expect(before).toMatchObject({ threshold: DEFAULT_THRESHOLD, thresholdIsDefault: true, phrasesAreDefault: true, defaultThreshold: DEFAULT_THRESHOLD });
    expect(before.phrases).toEqual(DEFAULT_REASONING_PHRASES);
    const c = await createCase(investigator);
    await seedGeneratedRun(c.id, investigator.id, { lines: 600, seed: 21, ordinaryUsers: 10, students: 2, ciAccounts: 2, operations: [{ accounts: 3, share: 0.25 }] });
    expect(await refreshJobs(c.id)).toHaveLength(0);

    await updateDistillationSettings(ctxFor(admin), valid);
    expect((await storedSettings()).map((s) => [s.key, s.value])).toEqual([
      [PHRASES_SETTING, "show your work\nstep by step\nderive it fully"],
      [THRESHOLD_SETTING, "62.5"],
    ]);
    const options = await resolveDistillationOptions();
    expect(options.threshold).toBe(62.5);
    expect(options.reasoningPhrases).toEqual(["show your work", "step by step", "derive it fully"]);
    expect(await readDistillationSettings(ctxFor(admin))).toMatchObject({ threshold: 62.5, thresholdIsDefault: false, phrasesAreDefault: false });
    const [saved] = await auditBy(admin);
    expect(saved.entityType).toBe("Setting");
    expect(JSON.parse(saved.changes)).toEqual({
      [THRESHOLD_SETTING]: { before: null, after: "62.5" },
      [PHRASES_SETTING]: { before: null, after: "show your work\nstep by step\nderive it fully" },
    });
    expect((await refreshJobs(c.id)).map((j) => j.status)).toEqual(["QUEUED"]);

    // Saving the same values again changes nothing: no audit event, the job is not touched.
    await runDueJobs();
    const done = (await refreshJobs(c.id))[0].status;
    expect(done).not.toBe("QUEUED");
    await updateDistillationSettings(ctxFor(admin), valid);
    expect(await auditBy(admin)).toHaveLength(1);
    expect((await refreshJobs(c.id))[0].status).toBe(done);

    await resetDistillationSettings(ctxFor(admin));
    expect(await storedSettings()).toEqual([]);
    const events = await auditBy(admin);
    expect(events).toHaveLength(2);
    expect(JSON.parse(events[1].changes)).toEqual({
      [THRESHOLD_SETTING]: { before: "62.5", after: null },
      [PHRASES_SETTING]: { before: "show your work\nstep by step\nderive it fully", after: null },
    });
    expect((await refreshJobs(c.id)).map((j) => j.status)).toEqual(["QUEUED"]);
    expect(await readDistillationSettings(ctxFor(admin))).toMatchObject({ threshold: DEFAULT_THRESHOLD, thresholdIsDefault: true, phrasesAreDefault: true });
  }, 120_000);
});
