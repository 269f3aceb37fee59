// SIGKILL the real server while webhook deliveries are mid-retry and mid-request: after a restart
// every delivery reaches the receiver, and each delivery id is accepted (2xx) exactly once — none
// lost, none doubled. Deliveries already answered before the kill are not sent again; the ones cut
// off mid-request come back once their lease expires; the ones waiting to retry are retried.
// Runs a server of its own (port LANTERN_E2E_WEBHOOK_PORT, default 3107) and a receiver on loopback.
import { execFileSync } from "node:child_process";
import { createHmac, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { startOwnServer, type OwnServer } from "./support/own-server";

const PORT = Number(process.env.LANTERN_E2E_WEBHOOK_PORT ?? 3107);
const ADMIN = { email: "admin@webhook.e2e.test", password: "webhook e2e admin password" };
const SECRET = "webhook-kill-test-secret-0123456789";
const COUNT = 20;
const ANSWERED_BEFORE_KILL = 8;

type Request = { id: string; status: number | "hang"; signatureOk: boolean; at: "first run" | "after restart" };

let dataDir: string;
let server: OwnServer | undefined;
let receiver: http.Server | undefined;

test.beforeAll(() => {
  fs.mkdirSync(path.resolve(".tmp"), { recursive: true });
  dataDir = fs.mkdtempSync(path.resolve(".tmp", "e2e-webhook-"));
});

test.afterEach(async ({}, testInfo) => {
  if (server && testInfo.status !== testInfo.expectedStatus) {
    await testInfo.attach("server output", { body: server.output(), contentType: "text/plain" });
  }
});

test.afterAll(async () => {
  await server?.kill("SIGKILL");
  receiver?.closeAllConnections();
  receiver?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** What the README tells a receiver to do: HMAC-SHA256 over "t.body", constant-time compare, 5-minute window. */
function verify(header: string, body: string): boolean {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=", 2)));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > 300) return false;
  const expected = Buffer.from(createHmac("sha256", SECRET).update(`${t}.${body}`).digest("hex"));
  const given = Buffer.from(String(parts.v1 ?? ""));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function deliveryStatuses(): Record<string, string> {
  const db = new Database(path.join(dataDir, "lantern.db"), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare(`SELECT "id", "status" FROM "WebhookDelivery"`).all() as { id: string; status: string }[];
    return Object.fromEntries(rows.map((r) => [r.id, r.status]));
  } finally {
    db.close();
  }
}

async function until(what: string, probe: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test("SIGKILL mid-retry and mid-request: after restart every delivery arrives, each accepted exactly once", async () => {
  test.setTimeout(300_000);
  // The receiver: refuses each delivery's first request (500: into retry), accepts the next ones
  // until ANSWERED_BEFORE_KILL are accepted, then leaves every request hanging (the server is
  // mid-request when it dies). After the restart it accepts everything, and drops (still 200)
  // ids it has already processed, as the README asks of receivers.
  const requests: Request[] = [];
  const processed = new Set<string>();
  let phase: "first run" | "after restart" = "first run";
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const id = String(req.headers["x-lantern-delivery"]);
      const signatureOk = verify(String(req.headers["x-lantern-signature"] ?? ""), body) && JSON.parse(body).id === id;
      const seenBefore = requests.some((r) => r.id === id);
      let status: number | "hang";
      if (phase === "after restart") status = 200;
      else if (!seenBefore) status = 500;
      else status = processed.size < ANSWERED_BEFORE_KILL ? 200 : "hang";
      requests.push({ id, status, signatureOk, at: phase });
      if (status === 200) processed.add(id);
      if (status !== "hang") res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => receiver!.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const env = {
    LANTERN_WEBHOOK_URL: url,
    LANTERN_WEBHOOK_SECRET: SECRET,
    LANTERN_JOB_LEASE_SECONDS: "4",
    LANTERN_JOB_RETRY_BASE_SECONDS: "0.2",
    LANTERN_WORKER_CONCURRENCY: "4",
  };

  server = await startOwnServer({ port: PORT, dataDir, admin: ADMIN, env });
  await server.ready();
  const ids = JSON.parse(
    execFileSync(process.execPath, ["--import", "tsx", "test/support/enqueue-webhooks-child.ts", String(COUNT)], {
      env: { ...process.env, LANTERN_DATA_DIR: dataDir, DATABASE_URL: "" },
      encoding: "utf8",
    }),
  ) as string[];
  expect(ids).toHaveLength(COUNT);

  await until(
    `${ANSWERED_BEFORE_KILL} deliveries recorded as delivered and a request hanging`,
    () => Object.values(deliveryStatuses()).filter((s) => s === "DELIVERED").length === ANSWERED_BEFORE_KILL && requests.some((r) => r.status === "hang"),
    120_000,
  );
  await server.kill("SIGKILL");
  const atKill = deliveryStatuses();
  const deliveredBeforeKill = ids.filter((id) => atKill[id] === "DELIVERED");
  const cutOff = [...new Set(requests.filter((r) => r.status === "hang").map((r) => r.id))];
  const waitingToRetry = ids.filter((id) => atKill[id] === "PENDING" && !cutOff.includes(id));
  expect(deliveredBeforeKill).toHaveLength(ANSWERED_BEFORE_KILL);
  expect(cutOff.length).toBeGreaterThan(0);

  phase = "after restart";
  server = await startOwnServer({ port: PORT, dataDir, admin: ADMIN, env });
  await server.ready();
  await until("every delivery delivered", () => Object.values(deliveryStatuses()).filter((s) => s === "DELIVERED").length === COUNT, 120_000);
  await server.kill("SIGTERM");

  const accepted = requests.filter((r) => r.status === 200).map((r) => r.id);
  expect([...accepted].sort()).toEqual([...ids].sort()); // each accepted once: none lost, none doubled
  expect(requests.every((r) => r.signatureOk)).toBe(true);
  const after = requests.filter((r) => r.at === "after restart").map((r) => r.id);
  expect(after.filter((id) => deliveredBeforeKill.includes(id))).toEqual([]); // not sent again
  expect(cutOff.every((id) => after.includes(id))).toBe(true); // re-sent after the lease expired
  console.log(
    `webhook kill test: ${COUNT} deliveries, ${deliveredBeforeKill.length} delivered before the kill, ${cutOff.length} cut off mid-request, ` +
      `${waitingToRetry.length} waiting to retry; after restart ${after.length} requests; ${requests.length} requests in all, ` +
      `${accepted.length} accepted (each id once)`,
  );
});
