// Periodic jobs run once per time slot however many workers enqueue them; old finished jobs go.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { pruneFinishedJobs } from "@/lib/jobs/prune-jobs";
import { enqueuePeriodicJobs, REMINDER_SLOT_MS } from "@/lib/worker/schedule-periodic-jobs";

describe("periodic jobs", () => {
  it("make one reminder scan per 5-minute slot, from any number of workers", async () => {
    const t = Math.floor(Date.now() / REMINDER_SLOT_MS) * REMINDER_SLOT_MS;
    await Promise.all([enqueuePeriodicJobs(t + 1_000), enqueuePeriodicJobs(t + 2_000), enqueuePeriodicJobs(t + 60_000)]);
    expect(await db().job.count({ where: { type: "reminders.scan" } })).toBe(1);
    expect(await db().job.count({ where: { type: "housekeeping" } })).toBe(1);
    await enqueuePeriodicJobs(t + REMINDER_SLOT_MS);
    expect(await db().job.count({ where: { type: "reminders.scan" } })).toBe(2);
  });

  it("prune succeeded jobs after 7 days and dead ones after 30", async () => {
    const day = 24 * 60 * 60_000;
    const now = new Date();
    const make = (status: "SUCCEEDED" | "DEAD" | "FAILED", ageDays: number) =>
      db().job.create({ data: { type: "t.prune", status, finishedAt: new Date(now.getTime() - ageDays * day) } });
    const keep = await Promise.all([make("SUCCEEDED", 6), make("DEAD", 29), make("FAILED", 90)]);
    await Promise.all([make("SUCCEEDED", 8), make("DEAD", 31)]);
    expect(await pruneFinishedJobs(now)).toBe(2);
    expect((await db().job.findMany({ where: { type: "t.prune" }, select: { id: true } })).map((j) => j.id).sort()).toEqual(keep.map((j) => j.id).sort());
  });
});
