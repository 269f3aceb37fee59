// SIGKILL the real server while it ingests a log: after a restart the run resumes after its last
// committed batch and ends COMPLETED with exactly the right counts, every good line stored once
// (none lost, none doubled) and every malformed line reported with its number.
// Runs a server of its own (port LANTERN_E2E_INGEST_PORT, default 3113, and a fresh data folder).
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { createToken, createUser } from "./support/cli";
import { startOwnServer, type OwnServer } from "./support/own-server";
import { writeTestLog } from "../support/ingest-test-log";

const PORT = Number(process.env.LANTERN_E2E_INGEST_PORT ?? 3113);
const ADMIN = { email: "admin@ingest.e2e.test", password: "ingest e2e admin password" };
const LINES = 80_000;
const ENV = { LANTERN_JOB_LEASE_SECONDS: "3" };

let dataDir: string;
let server: OwnServer | undefined;

test.beforeAll(() => {
  fs.mkdirSync(path.resolve(".tmp"), { recursive: true });
  dataDir = fs.mkdtempSync(path.resolve(".tmp", "e2e-ingest-"));
});

test.afterEach(async ({}, testInfo) => {
  if (server && testInfo.status !== testInfo.expectedStatus) {
    await testInfo.attach("server output", { body: server.output(), contentType: "text/plain" });
  }
});

test.afterAll(async () => {
  await server?.kill("SIGKILL");
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

type RunRow = { state: string; lastLine: number; linesOk: number; linesFailed: number; linesTotal: number };

function query<T>(sql: string, ...args: unknown[]): T {
  const db = new Database(path.join(dataDir, "lantern.db"), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).get(...args) as T;
  } finally {
    db.close();
  }
}

test("SIGKILL mid-ingest: after restart the run resumes and completes with the right counts and no doubled rows", async () => {
  test.setTimeout(600_000);
  const file = path.join(dataDir, "usage.jsonl.gz");
  const expected = await writeTestLog(file, { lines: LINES, gzip: true });

  server = await startOwnServer({ port: PORT, dataDir, admin: ADMIN, env: ENV });
  await server.ready();
  const user = createUser("INVESTIGATOR", undefined, dataDir);
  const auth = { Authorization: `Bearer ${createToken(user.email, dataDir)}` };
  const created = await fetch(`${server.baseUrl}/api/v1/cases`, { method: "POST", headers: { ...auth, "Content-Type": "application/json" }, body: JSON.stringify({ title: "Ingest kill test" }) });
  expect(created.status).toBe(201);
  const caseId = ((await created.json()) as { id: string }).id;
  const form = new FormData();
  form.set("kind", "API_LOG");
  form.set("title", "Usage log");
  form.set("file", new Blob([fs.readFileSync(file)], { type: "application/gzip" }), "usage.jsonl.gz");
  const uploaded = await fetch(`${server.baseUrl}/api/v1/cases/${caseId}/evidence`, { method: "POST", headers: auth, body: form });
  expect(uploaded.status).toBe(201);
  const evidenceId = ((await uploaded.json()) as { id: string }).id;

  const started = await fetch(`${server.baseUrl}/api/v1/evidence/${evidenceId}/ingest`, { method: "POST", headers: auth });
  expect(started.status).toBe(202);
  const runId = ((await started.json()) as { id: string }).id;
  const run = () => query<RunRow>(`SELECT "state", "lastLine", "linesOk", "linesFailed", "linesTotal" FROM "IngestRun" WHERE "id" = ?`, runId);

  // Kill as soon as a batch has committed, well before the end.
  await expect.poll(() => run().lastLine, { timeout: 120_000, intervals: [20] }).toBeGreaterThan(0);
  await server.kill("SIGKILL");
  const atKill = run();
  expect(atKill.state).toBe("RUNNING");
  expect(atKill.lastLine).toBeLessThan(LINES);
  const rowsAtKill = query<{ n: number; maxLine: number }>(`SELECT count(*) AS n, max("line") AS maxLine FROM "ApiRequest" WHERE "runId" = ?`, runId);
  expect(rowsAtKill.n).toBe(atKill.linesOk); // rows and progress committed together
  expect(rowsAtKill.maxLine).toBeLessThanOrEqual(atKill.lastLine);

  server = await startOwnServer({ port: PORT, dataDir, admin: ADMIN, env: ENV });
  await server.ready();
  await expect
    .poll(async () => ((await (await fetch(`${server!.baseUrl}/api/v1/ingest-runs/${runId}`, { headers: auth })).json()) as { state: string }).state, {
      timeout: 300_000,
      intervals: [500],
    })
    .toBe("COMPLETED");
  const res = await fetch(`${server.baseUrl}/api/v1/ingest-runs/${runId}?errorsPageSize=1000`, { headers: auth });
  const done = (await res.json()) as RunRow & { bytesDone: number; bytesTotal: number; errors: { line: number; reason: string }[] };
  await server.kill("SIGTERM");

  expect(done).toMatchObject({ linesOk: expected.linesOk, linesFailed: expected.linesFailed, linesTotal: expected.linesOk + expected.linesFailed, lastLine: LINES });
  expect(done.bytesDone).toBe(done.bytesTotal);
  expect(done.errors.map((e) => e.line)).toEqual(expected.badLines);
  expect(done.errors[0].reason).toMatch(/^timestamp "day \d+" is not an ISO 8601 time$/);
  const rows = query<{ n: number; lines: number; min: number; max: number }>(
    `SELECT count(*) AS n, count(DISTINCT "line") AS lines, min("line") AS min, max("line") AS max FROM "ApiRequest" WHERE "runId" = ?`,
    runId,
  );
  expect(rows).toEqual({ n: expected.linesOk, lines: expected.linesOk, min: 1, max: LINES - (LINES % 997 === 0 ? 1 : 0) });
  const accounts = query<{ n: number }>(`SELECT count(*) AS n FROM "Account" WHERE "externalId" LIKE 'e2e-acct-%'`);
  expect(accounts.n).toBe(40);
  console.log(
    `ingest kill test: ${LINES.toLocaleString("en-US")} lines (${(expected.bytes / 1e6).toFixed(1)} MB gzip), killed after line ${atKill.lastLine.toLocaleString("en-US")} ` +
      `(${atKill.linesOk.toLocaleString("en-US")} rows committed); after restart COMPLETED with ${done.linesOk.toLocaleString("en-US")} rows, ${done.linesFailed} malformed, no doubles`,
  );
});
