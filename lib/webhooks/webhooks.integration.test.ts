// The outbound webhook end to end against a receiver on loopback: the outbox follows its
// transaction, every request is signed, failures retry with backoff and are logged per action, a
// delivered one is never sent again, a dead one can be redelivered by an admin.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { runDueJobs } from "@/lib/jobs/job-worker";
import { registerAppJobHandlers } from "@/lib/worker/register-job-handlers";
import { deliverWebhook } from "@/lib/webhooks/deliver-webhook";
import { enqueueWebhook } from "@/lib/webhooks/enqueue-webhook";
import { updateWebhookSettings } from "@/lib/webhooks/update-webhook-settings";
import { webhookConfig } from "@/lib/webhooks/webhook-config";
import { listRecentWebhookDeliveries, listWebhookDeliveries, redeliverWebhook, sendTestWebhook } from "@/lib/webhooks/webhook-deliveries";
import { verifyWebhookSignature } from "@/lib/webhooks/webhook-signature";
import { createUser, ctxFor } from "@/test/factories";
import { expectAppError } from "@/test/support/expect-app-error";
import { startWebhookReceiver, type Receiver } from "@/test/support/webhook-receiver";

const SECRET = "integration-secret-0123456789";
const FAST = { baseMs: 5, capMs: 20 };
let receiver: Receiver;
let admin: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  registerAppJobHandlers();
  receiver = await startWebhookReceiver();
  admin = await createUser({ role: "ADMIN" });
  await updateWebhookSettings(ctxFor(admin), { url: receiver.url, secret: SECRET });
});

afterAll(async () => {
  await receiver.close();
});

beforeEach(() => {
  receiver.received.length = 0;
  receiver.answer = () => 200;
});

async function drain() {
  // Retries fall due a few ms later: run until nothing is left waiting.
  for (let i = 0; i < 200; i++) {
    await runDueJobs({ backoff: FAST });
    if ((await db().job.count({ where: { status: { in: ["QUEUED", "FAILED", "RUNNING"] } } })) === 0) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("jobs still pending");
}

describe("webhook settings", () => {
  it("are saved by an admin (secret never in the audit trail) and used when the environment sets none", async () => {
    expect(await webhookConfig()).toMatchObject({ url: receiver.url, secret: SECRET, urlSource: "settings", secretSource: "settings" });
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "settings.update" }, orderBy: { seq: "desc" } });
    expect(event.changes).not.toContain(SECRET);
    expect(JSON.parse(event.changes)).toMatchObject({ "webhook.secret": { after: "(changed)" }, "webhook.url": { after: receiver.url } });
    const manager = await createUser({ role: "MANAGER" });
    expect((await expectAppError(updateWebhookSettings(ctxFor(manager), { url: "", secret: "" }))).status).toBe(403);
    const bad = await expectAppError(updateWebhookSettings(ctxFor(admin), { url: "ftp://x", secret: "short" }));
    expect(bad.status).toBe(400);
  });
});

describe("webhook deliveries", () => {
  it("exist only when the transition's transaction commits", async () => {
    await expect(
      db().$transaction(async (tx) => {
        await enqueueWebhook(tx, "action.executed", { actionId: "rolled-back" });
        throw new Error("transition failed");
      }),
    ).rejects.toThrow("transition failed");
    expect(await db().webhookDelivery.count({ where: { actionId: "rolled-back" } })).toBe(0);
    expect(await db().job.count({ where: { type: "webhook.deliver", status: "QUEUED" } })).toBe(0);
  });

  it("are signed, retried with backoff until 2xx, logged per action, and never sent again once delivered", async () => {
    let calls = 0;
    receiver.answer = () => (++calls <= 2 ? 503 : 200);
    const { deliveryId } = await db().$transaction((tx) =>
      enqueueWebhook(tx, "action.executed", { actionId: "act-1", caseNumber: "LAN-2026-0001", targets: [{ kind: "ACCOUNT", value: "acct-9" }] }),
    );
    await drain();
    expect(receiver.received.map((r) => [r.deliveryId, r.event, r.status])).toEqual([
      [deliveryId, "action.executed", 503],
      [deliveryId, "action.executed", 503],
      [deliveryId, "action.executed", 200],
    ]);
    for (const r of receiver.received) {
      expect(verifyWebhookSignature(SECRET, r.signature, r.body)).toEqual({ ok: true });
      expect(JSON.parse(r.body)).toMatchObject({ id: deliveryId, event: "action.executed", data: { actionId: "act-1", caseNumber: "LAN-2026-0001" } });
    }
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1); // the same bytes every time

    const manager = await createUser({ role: "MANAGER" });
    const [log] = await listWebhookDeliveries(manager, "act-1");
    expect(log).toMatchObject({ id: deliveryId, status: "DELIVERED", attempts: 3, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
    expect(log.log.map((a) => [a.attempt, a.statusCode, a.error])).toEqual([
      [1, 503, "HTTP 503"],
      [2, 503, "HTTP 503"],
      [3, 200, null],
    ]);
    expect(await listWebhookDeliveries(await createUser({ role: "INVESTIGATOR" }), "act-1")).toEqual([]);

    // A rerun of the job (a worker killed after the answer, before the job was marked done) sends nothing.
    await deliverWebhook({ deliveryId }, { jobId: "rerun", attempt: 4, maxAttempts: 12 });
    expect(receiver.received).toHaveLength(3);
  });

  it("shows the next try while waiting, goes DEAD after the last attempt, and an admin can redeliver it", async () => {
    receiver.answer = () => 500;
    const { deliveryId } = await db().$transaction((tx) => enqueueWebhook(tx, "action.reversed", { actionId: "act-2" }));
    await db().job.updateMany({ where: { type: "webhook.deliver", status: "QUEUED" }, data: { maxAttempts: 3 } });
    await runDueJobs({ backoff: { baseMs: 60_000, capMs: 60_000 } });
    const [waiting] = await listWebhookDeliveries(admin, "act-2");
    expect(waiting).toMatchObject({ status: "PENDING", attempts: 1, lastStatusCode: 500 });
    expect(waiting.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 25_000);
    await db().job.updateMany({ where: { type: "webhook.deliver", status: "FAILED" }, data: { runAt: new Date() } });
    await drain();
    const [dead] = await listWebhookDeliveries(admin, "act-2");
    expect(dead).toMatchObject({ status: "DEAD", attempts: 3, lastError: "HTTP 500", nextAttemptAt: null });

    const manager = await createUser({ role: "MANAGER" });
    expect((await expectAppError(redeliverWebhook(ctxFor(manager), deliveryId))).status).toBe(403);
    receiver.answer = () => 204;
    await redeliverWebhook(ctxFor(admin), deliveryId);
    expect((await expectAppError(redeliverWebhook(ctxFor(admin), deliveryId))).status).toBe(409); // already pending
    await drain();
    const [again] = await listWebhookDeliveries(admin, "act-2");
    expect(again).toMatchObject({ status: "DELIVERED", attempts: 4, lastStatusCode: 204 });
    expect(receiver.received.map((r) => r.deliveryId)).toEqual([deliveryId, deliveryId, deliveryId, deliveryId]);
    expect(await db().auditEvent.count({ where: { action: "webhook.redeliver", entityId: deliveryId } })).toBe(1);
  });

  it("sends a test event from the admin page", async () => {
    const { deliveryId } = await sendTestWebhook(ctxFor(admin));
    await drain();
    expect(receiver.received.map((r) => [r.deliveryId, r.event, r.status])).toEqual([[deliveryId, "webhook.test", 200]]);
    expect((await listRecentWebhookDeliveries(admin))[0]).toMatchObject({ id: deliveryId, status: "DELIVERED" });
  });
});
