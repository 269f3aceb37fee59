// The job runner on a real database (SQLite here; LANTERN_TEST_DB=postgresql for PostgreSQL):
// enqueue in a transaction, dedupe, retries with backoff, DEAD after maxAttempts, lease expiry
// after a worker dies, and two worker processes never running one job twice.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { claimJobs } from "@/lib/jobs/claim-jobs";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { finishJob } from "@/lib/jobs/finish-job";
import { PermanentJobError, registerJobHandler } from "@/lib/jobs/job-handlers";
import { runDueJobs, startJobWorker } from "@/lib/jobs/job-worker";

const FAST = { baseMs: 300, capMs: 5_000 };

async function job(id: string) {
  return db().job.findUniqueOrThrow({ where: { id } });
}

async function waitFor<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeEach(async () => {
  await db().job.deleteMany({});
});

describe("enqueueJob", () => {
  it("exists only if the transaction that enqueued it commits", async () => {
    await expect(
      db().$transaction(async (tx) => {
        await enqueueJob(tx, { type: "t.rollback", payload: { a: 1 } });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    const { id } = await db().$transaction((tx) => enqueueJob(tx, { type: "t.commit", payload: { a: 1 } }));
    expect(await db().job.count()).toBe(1);
    expect(await job(id)).toMatchObject({ type: "t.commit", status: "QUEUED", attempts: 0, payload: '{"a":1}' });
  });

  it("makes one job per dedupe key, even from concurrent transactions", async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () => db().$transaction((tx) => enqueueJob(tx, { type: "t.once", dedupeKey: "once:1" }))),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await db().job.count({ where: { dedupeKey: "once:1" } })).toBe(1);
    expect(await job(results[0].id)).toMatchObject({ status: "QUEUED", type: "t.once" });
  });
});

describe("retries", () => {
  it("retries a failing job with exponential backoff and jitter, then succeeds", async () => {
    let calls = 0;
    registerJobHandler("t.flaky", async () => {
      calls += 1;
      if (calls < 3) throw new Error(`boom ${calls}`);
    });
    const { id } = await db().$transaction((tx) => enqueueJob(tx, { type: "t.flaky" }));
    const before = Date.now();
    expect(await runDueJobs({ backoff: FAST })).toBe(1);
    const first = await job(id);
    expect(first).toMatchObject({ status: "FAILED", attempts: 1, lastError: "Error: boom 1", leaseOwner: null });
    // attempt 1 waits base·2⁰ = 300 ms scaled into [150, 300)
    expect(first.runAt.getTime() - before).toBeGreaterThanOrEqual(150);
    expect(first.runAt.getTime() - Date.now()).toBeLessThanOrEqual(300);
    expect(await runDueJobs({ backoff: FAST })).toBe(0); // not due yet
    await waitFor(async () => (await job(id)).runAt.getTime() <= Date.now());
    await runDueJobs({ backoff: FAST });
    const second = await job(id);
    expect(second).toMatchObject({ status: "FAILED", attempts: 2, lastError: "Error: boom 2" });
    // attempt 2 waits base·2¹ = 600 ms scaled into [300, 600)
    expect(second.runAt.getTime() - second.updatedAt.getTime()).toBeGreaterThanOrEqual(300 - 5);
    expect(second.runAt.getTime() - second.updatedAt.getTime()).toBeLessThan(600 + 5);
    await waitFor(async () => (await job(id)).runAt.getTime() <= Date.now());
    await runDueJobs({ backoff: FAST });
    expect(await job(id)).toMatchObject({ status: "SUCCEEDED", attempts: 3, lastError: null });
    expect(calls).toBe(3);
  });

  it("marks a job DEAD after maxAttempts, and at once on a PermanentJobError", async () => {
    registerJobHandler("t.always", async () => {
      throw new Error("never works");
    });
    registerJobHandler("t.permanent", async () => {
      throw new PermanentJobError("bad payload");
    });
    const always = await db().$transaction((tx) => enqueueJob(tx, { type: "t.always", maxAttempts: 3 }));
    const permanent = await db().$transaction((tx) => enqueueJob(tx, { type: "t.permanent", maxAttempts: 5 }));
    const worker = startJobWorker({ pollMs: 10, backoff: { baseMs: 5, capMs: 20 } });
    try {
      await waitFor(async () => (await job(always.id)).status === "DEAD");
    } finally {
      await worker.stop();
    }
    expect(await job(always.id)).toMatchObject({ status: "DEAD", attempts: 3, lastError: "Error: never works" });
    expect((await job(always.id)).finishedAt).not.toBeNull();
    expect(await job(permanent.id)).toMatchObject({ status: "DEAD", attempts: 1, lastError: "PermanentJobError: bad payload" });
  });
});

describe("leases", () => {
  it("gives a job whose worker died to another once the lease expires; the dead worker's late result is ignored", async () => {
    const runs: string[] = [];
    registerJobHandler("t.lease", async () => {
      runs.push("second worker");
    });
    const { id } = await db().$transaction((tx) => enqueueJob(tx, { type: "t.lease" }));
    // The first worker claims it with a short lease and then "dies" (never finishes).
    const [claimed] = await claimJobs("worker-that-died", ["t.lease"], 5, 150);
    expect(claimed.id).toBe(id);
    expect(await job(id)).toMatchObject({ status: "RUNNING", leaseOwner: "worker-that-died", attempts: 1 });
    // While the lease holds, nobody else can take it.
    expect(await claimJobs("second", ["t.lease"], 5, 60_000)).toEqual([]);
    await waitFor(async () => Date.now() > (await job(id)).leaseExpiresAt!.getTime() + 5);
    expect(await runDueJobs({ owner: "second" })).toBe(1);
    expect(runs).toEqual(["second worker"]);
    expect(await job(id)).toMatchObject({ status: "SUCCEEDED", attempts: 2, leaseOwner: null });
    // The first worker wakes up and reports: it no longer holds the job, so nothing changes.
    expect(await finishJob("worker-that-died", claimed, new Error("late"), false, FAST)).toBe("LOST");
    expect(await job(id)).toMatchObject({ status: "SUCCEEDED", lastError: null });
  });

  it("keeps extending the lease of a job that runs longer than the lease", async () => {
    let release!: () => void;
    registerJobHandler("t.slow", () => new Promise<void>((r) => (release = r)));
    const { id } = await db().$transaction((tx) => enqueueJob(tx, { type: "t.slow" }));
    const worker = startJobWorker({ pollMs: 10, leaseMs: 150 });
    try {
      await waitFor(async () => (await job(id)).status === "RUNNING" && release !== undefined);
      const firstLease = (await job(id)).leaseExpiresAt!.getTime();
      await waitFor(async () => (await job(id)).leaseExpiresAt!.getTime() > firstLease + 100);
      expect(await claimJobs("thief", ["t.slow"], 5, 1_000)).toEqual([]);
      release();
      await waitFor(async () => (await job(id)).status === "SUCCEEDED");
    } finally {
      await worker.stop();
    }
    expect((await job(id)).attempts).toBe(1);
  });

  it("marks DEAD a job whose worker died during its last attempt", async () => {
    registerJobHandler("t.last", async () => {});
    const { id } = await db().$transaction((tx) => enqueueJob(tx, { type: "t.last", maxAttempts: 1 }));
    await claimJobs("died", ["t.last"], 1, 50);
    await waitFor(async () => Date.now() > (await job(id)).leaseExpiresAt!.getTime() + 5);
    expect(await runDueJobs({ owner: "next" })).toBe(0);
    expect(await job(id)).toMatchObject({ status: "DEAD", attempts: 1, lastError: "The worker running its last attempt stopped (lease expired)." });
  });
});

describe("two worker processes", () => {
  it("run every job exactly once between them", async () => {
    const COUNT = 300;
    await db().$transaction(async (tx) => {
      for (let i = 0; i < COUNT; i++) await enqueueJob(tx, { type: "test.record", payload: { i } });
    });
    const dir = mkdtempSync(path.join(os.tmpdir(), "lantern-jobs-"));
    const log = path.join(dir, "runs.log");
    writeFileSync(log, "");
    const children = ["A", "B"].map((owner) => {
      const child = spawn(process.execPath, ["--import", "tsx", "test/support/job-worker-child.ts", log, owner], {
        env: process.env,
        stdio: ["pipe", "pipe", "inherit"],
      });
      let out = "";
      const ready = new Promise<void>((resolve) => child.stdout.on("data", (d: Buffer) => (out += d) && out.includes("READY") && resolve()));
      const done = new Promise<number>((resolve, reject) => {
        child.on("exit", (code) => (code === 0 ? resolve(Number(/DONE (\d+)/.exec(out)?.[1])) : reject(new Error(`worker ${owner} exited ${code}`))));
      });
      return { child, ready, done };
    });
    await Promise.all(children.map((c) => c.ready));
    for (const c of children) c.child.stdin.end("GO\n");
    const ran = await Promise.all(children.map((c) => c.done));
    const lines = readFileSync(log, "utf8").trim().split("\n");
    const ids = lines.map((l) => l.split(" ")[0]);
    expect(ran[0] + ran[1]).toBe(COUNT);
    expect(ids).toHaveLength(COUNT);
    expect(new Set(ids).size).toBe(COUNT);
    expect(await db().job.count({ where: { status: "SUCCEEDED", attempts: 1 } })).toBe(COUNT);
    // Both took part (they really ran at the same time).
    expect(new Set(lines.map((l) => l.split(" ")[1])).size).toBe(2);
  }, 120_000);
});
