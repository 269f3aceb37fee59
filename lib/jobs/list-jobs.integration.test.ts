// The admin's view of the queue: only admins, paged per status, counts per status; a dead job
// retried is queued again with fresh attempts and an audit event.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { listJobs, retryJob } from "@/lib/jobs/list-jobs";
import { createUser, ctxFor } from "@/test/factories";
import { expectAppError } from "@/test/support/expect-app-error";

describe("listJobs and retryJob", () => {
  it("lists by status with paging and counts, for admins only", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const manager = await createUser({ role: "MANAGER" });
    await db().$transaction(async (tx) => {
      for (let i = 0; i < 7; i++) await enqueueJob(tx, { type: "t.list", runAt: new Date(Date.now() + i * 1000) });
    });
    const dead = await db().$transaction((tx) => enqueueJob(tx, { type: "t.list.dead" }));
    await db().job.update({ where: { id: dead.id }, data: { status: "DEAD", attempts: 10, lastError: "gave up" } });

    const page2 = await listJobs(admin, { status: "QUEUED", page: 2, pageSize: 3 });
    expect(page2.total).toBe(7);
    expect(page2.items).toHaveLength(3);
    expect(page2.items.every((j) => j.status === "QUEUED")).toBe(true);
    expect(page2.items.map((j) => j.runAt.getTime())).toEqual([...page2.items.map((j) => j.runAt.getTime())].sort((a, b) => a - b));
    expect(page2.counts).toMatchObject({ QUEUED: 7, DEAD: 1, RUNNING: 0, FAILED: 0, SUCCEEDED: 0 });
    expect((await listJobs(admin, { status: "DEAD" })).items.map((j) => j.lastError)).toEqual(["gave up"]);

    const refused = await expectAppError(listJobs(manager, {}));
    expect(refused.status).toBe(403);
    expect((await expectAppError(retryJob(ctxFor(manager), dead.id))).status).toBe(403);

    await retryJob(ctxFor(admin), dead.id);
    expect(await db().job.findUniqueOrThrow({ where: { id: dead.id } })).toMatchObject({ status: "QUEUED", attempts: 0 });
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "job.retry", entityId: dead.id } });
    expect(event.actorId).toBe(admin.id);
    // A queued job cannot be "retried"; an unknown one is 404.
    expect((await expectAppError(retryJob(ctxFor(admin), dead.id))).status).toBe(409);
    expect((await expectAppError(retryJob(ctxFor(admin), "nope"))).status).toBe(404);
  });
});
