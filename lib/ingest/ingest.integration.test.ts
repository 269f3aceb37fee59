// Ingesting API_LOG evidence end to end through lib/: the job on the real runner, a real database
// (SQLite or PostgreSQL) and the local blob store. Interruptions are real failed transactions (a
// trigger refuses one line's row), not mocks.
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { db, dbProvider } from "@/lib/db/client";
import { removeEvidence } from "@/lib/evidence/remove-evidence";
import { uploadEvidence } from "@/lib/evidence/upload-evidence";
import { getIngestRun, listIngestRuns } from "@/lib/ingest/get-ingest-run";
import { INGEST_JOB, ingestJobKey } from "@/lib/ingest/ingest-run-view";
import { gzipTextCap, MIN_GZIP_TEXT_CAP, runIngestJob } from "@/lib/ingest/run-ingest-job";
import { startIngest } from "@/lib/ingest/start-ingest";
import { newRunCaches, RunTakenError, writeIngestBatch } from "@/lib/ingest/write-ingest-batch";
import { registerJobHandler } from "@/lib/jobs/job-handlers";
import { runDueJobs } from "@/lib/jobs/job-worker";
import { createAccount, createCase, createUser, ctxFor } from "@/test/factories";
import { stageBytes } from "@/test/support/evidence-files";
import { expectAppError } from "@/test/support/expect-app-error";

let investigator: Actor, outsider: Actor, auditor: Actor, admin: Actor;
beforeAll(async () => {
  investigator = await createUser({ role: "INVESTIGATOR" });
  outsider = await createUser({ role: "INVESTIGATOR" });
  auditor = await createUser({ role: "AUDITOR" });
  admin = await createUser({ role: "ADMIN" });
  // Three lines a batch, so every test crosses several batches.
  registerJobHandler(INGEST_JOB, (payload, ctx) => runIngestJob(payload, ctx, { batchSize: 3 }));
});

let fileNo = 0;
const line = (account: string, i: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ timestamp: new Date(Date.UTC(2026, 2, 1, 0, 0, i)).toISOString(), account_id: account, model: "frontier-1", prompt_tokens: 10 + i, completion_tokens: 100, ...extra });

async function uploadLog(actor: Actor, caseId: string, bytes: Buffer, kind = "API_LOG", name = `log-${++fileNo}.jsonl`) {
  return uploadEvidence(ctxFor(actor), caseId, await stageBytes(bytes, name, "application/octet-stream"), { kind, title: `Usage log ${fileNo}` });
}

async function rowsOf(runId: string) {
  return db().apiRequest.findMany({ where: { runId }, orderBy: { line: "asc" }, select: { line: true, accountId: true, ip: true, extra: true, ts: true } });
}

/** A log of `n` good lines over 3 accounts (one of them `known`), with malformed lines mixed in. */
function mixedLog(known: string, n = 12): { bytes: Buffer; bad: number[] } {
  const lines: string[] = [];
  const bad: number[] = [];
  for (let i = 1; lines.length < n + 4; i++) {
    if (i === 4) {
      lines.push('{"timestamp": broken');
      bad.push(lines.length);
    } else if (i === 7) {
      lines.push("");
    } else if (i === 9) {
      lines.push(line("acct-x", i, { prompt_tokens: -2 }));
      bad.push(lines.length);
    } else {
      const account = [known, "acct-new-a", "acct-new-b"][i % 3];
      lines.push(line(account, i, { ip: `::ffff:10.0.0.${i % 2}`, api_key_id: `key-${i % 3}`, user_agent: "harvester/1.0", shard: i }));
    }
  }
  return { bytes: Buffer.from(lines.join("\r\n") + "\r\n"), bad };
}

async function failRequestInsertAt(lineNo: number): Promise<() => Promise<void>> {
  if (dbProvider() === "postgresql") {
    await db().$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION lantern_test_fail_line() RETURNS trigger AS $$ BEGIN
         IF NEW."line" = ${lineNo} THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
    );
    await db().$executeRawUnsafe(`CREATE TRIGGER lantern_test_fail_line BEFORE INSERT ON "ApiRequest" FOR EACH ROW EXECUTE FUNCTION lantern_test_fail_line()`);
    return async () => void (await db().$executeRawUnsafe(`DROP TRIGGER lantern_test_fail_line ON "ApiRequest"`));
  }
  await db().$executeRawUnsafe(`CREATE TRIGGER lantern_test_fail_line BEFORE INSERT ON "ApiRequest" WHEN NEW."line" = ${lineNo} BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
  return async () => void (await db().$executeRawUnsafe(`DROP TRIGGER lantern_test_fail_line`));
}

describe("ingesting a log", () => {
  it("stores every good line once, every bad line with its number, matches and creates accounts with their attributes", async () => {
    const c = await createCase(investigator);
    const known = await createAccount(investigator, { externalId: `acct-known-${fileNo}` });
    const { bytes, bad } = mixedLog(known.externalId);
    const ev = await uploadLog(investigator, c.id, bytes);
    const started = await startIngest(ctxFor(investigator), ev.id);
    expect(started).toMatchObject({ state: "QUEUED", evidenceId: ev.id, caseId: c.id, bytesTotal: bytes.length, linesTotal: 0 });
    await runDueJobs();

    const run = await getIngestRun(investigator, started.id);
    expect(run).toMatchObject({ state: "COMPLETED", format: "jsonl", compressed: false, linesTotal: 15, linesOk: 13, linesFailed: 2, bytesDone: bytes.length, lastLine: 16, error: null });
    expect(run.errors.map((e) => e.line)).toEqual(bad);
    expect(run.errors[0].reason).toMatch(/^not valid JSON/);
    expect(run.errors[1].reason).toBe("prompt_tokens must be an integer >= 0 (got -2)");
    expect(run.finishedAt).not.toBeNull();

    const rows = await rowsOf(run.id);
    expect(rows).toHaveLength(13);
    expect(rows.map((r) => r.line)).not.toContain(7); // the blank line
    expect(rows.every((r) => r.ip === "10.0.0.0" || r.ip === "10.0.0.1")).toBe(true);
    expect(JSON.parse(rows[0].extra!)).toEqual({ shard: 1 });
    expect(rows[0].ts.toISOString()).toBe("2026-03-01T00:00:01.000Z");
    const late = await db().apiRequest.count({ where: { runId: run.id, ts: { gte: new Date("2026-03-01T00:00:10Z") } } });
    expect(late).toBe(rows.filter((r) => r.line >= 10).length);

    const accounts = await db().account.findMany({ where: { externalId: { in: [known.externalId, "acct-new-a", "acct-new-b"] } }, include: { attributes: true } });
    expect(accounts).toHaveLength(3);
    expect(new Set(rows.map((r) => r.accountId))).toEqual(new Set(accounts.map((a) => a.id)));
    expect(rows.filter((r) => r.accountId === known.id).length).toBeGreaterThan(0);
    for (const a of accounts) {
      expect(a.attributes.filter((t) => t.type === "USER_AGENT").map((t) => t.value)).toEqual(["harvester/1.0"]);
      expect(a.attributes.filter((t) => t.type === "IP").length).toBeGreaterThan(0);
    }
    // The accounts share IPs and API keys: the suggested links were recomputed at the end.
    const links = await db().accountLink.count({ where: { OR: [{ accountAId: known.id }, { accountBId: known.id }] } });
    expect(links).toBeGreaterThan(0);

    const audit = await db().auditEvent.findMany({ where: { caseId: c.id, action: { startsWith: "ingest" } }, orderBy: { seq: "asc" }, select: { action: true } });
    expect(audit.map((a) => a.action)).toContain("ingest.accounts");
    expect(audit.at(-1)!.action).toBe("ingest.complete");
    const custody = await db().custodyEvent.findMany({ where: { evidenceId: ev.id, action: "INGEST" } });
    expect(custody).toHaveLength(1);
    expect((await verifyAuditChain(db())).ok).toBe(true);
    expect((await listIngestRuns(investigator, ev.id)).map((r) => r.id)).toEqual([run.id]);
  });

  it("reads gzip CSV the same way, keeping unknown columns", async () => {
    const c = await createCase(investigator);
    const csv = [
      "timestamp,account_id,model,prompt_tokens,completion_tokens,ip,prompt,region",
      "2026-03-01T00:00:00Z,csv-a,m,1,2,10.1.1.1,\"hello, world\",eu",
      "2026-03-01T00:00:01Z,csv-a,m,1,2,10.1.1.1,short,",
      "2026-03-01T00:00:02Z,csv-b,m,1,2,10.1.1.2,\"multi\nline\",us",
      "2026-03-01T00:00:03Z,csv-b,m,x,2,10.1.1.2,bad tokens,us",
      "2026-03-01T00:00:04Z,csv-c,m,1,2",
    ].join("\n");
    const ev = await uploadLog(investigator, c.id, gzipSync(Buffer.from(csv)), "API_LOG", "log.csv.gz");
    const started = await startIngest(ctxFor(investigator), ev.id);
    await runDueJobs();
    const run = await getIngestRun(investigator, started.id);
    expect(run).toMatchObject({ state: "COMPLETED", format: "csv", compressed: true, linesOk: 3, linesFailed: 2 });
    expect(run.errors).toEqual([
      { line: 6, reason: 'prompt_tokens must be an integer >= 0 (got "x")' },
      { line: 7, reason: "expected 8 columns (as in the header), found 5" },
    ]);
    const rows = await db().apiRequest.findMany({ where: { runId: run.id }, orderBy: { line: "asc" }, select: { line: true, prompt: true, extra: true } });
    expect(rows).toEqual([
      { line: 2, prompt: "hello, world", extra: '{"region":"eu"}' },
      { line: 3, prompt: "short", extra: null },
      { line: 4, prompt: "multi\nline", extra: '{"region":"us"}' },
    ]);
  });

  it("keeps the first 1,000 malformed lines and counts them all", async () => {
    const c = await createCase(investigator);
    const lines = Array.from({ length: 1010 }, (_, i) => (i % 101 === 0 ? line("cap-a", i) : `not json ${i}`));
    registerJobHandler(INGEST_JOB, (payload, ctx) => runIngestJob(payload, ctx, { batchSize: 300 }));
    try {
      const ev = await uploadLog(investigator, c.id, Buffer.from(lines.join("\n")));
      const started = await startIngest(ctxFor(investigator), ev.id);
      await runDueJobs();
      const run = await getIngestRun(investigator, started.id, { page: 10, pageSize: 100 });
      expect(run).toMatchObject({ state: "COMPLETED", linesOk: 10, linesFailed: 1000 });
      expect(run.errorsPage).toEqual({ page: 10, pageSize: 100, stored: 1000 });
      expect(run.errors).toHaveLength(100);
      expect(run.errors.at(-1)!.line).toBe(1010);
      const more = Array.from({ length: 1005 }, (_, i) => `{"bad": ${i}}`).concat([line("cap-b", 1)]);
      const ev2 = await uploadLog(investigator, c.id, Buffer.from(more.join("\n")));
      const run2 = await startIngest(ctxFor(investigator), ev2.id);
      await runDueJobs();
      const done = await getIngestRun(investigator, run2.id, { page: 1, pageSize: 1000 });
      expect(done).toMatchObject({ linesFailed: 1005, linesOk: 1 });
      expect(done.errorsPage.stored).toBe(1000);
      expect(done.errors.at(-1)!.line).toBe(1000);
    } finally {
      registerJobHandler(INGEST_JOB, (payload, ctx) => runIngestJob(payload, ctx, { batchSize: 3 }));
    }
  });

  it("fails a file that is not a log, with the reason", async () => {
    const c = await createCase(investigator);
    const ev = await uploadLog(investigator, c.id, Buffer.from("name,email\nA,a@example.test\n"), "API_LOG", "people.csv");
    const started = await startIngest(ctxFor(investigator), ev.id);
    await runDueJobs();
    const run = await getIngestRun(investigator, started.id);
    expect(run.state).toBe("FAILED");
    expect(run.error).toMatch(/missing: timestamp, account_id/);
    const audit = await db().auditEvent.findFirst({ where: { entityId: run.id, action: "ingest.fail" } });
    expect(audit).not.toBeNull();
  });

  it("fails a gzip bomb once its text passes the cap (LANTERN_INGEST_MAX_GZIP_RATIO times its size, at least 64 MiB)", async () => {
    const c = await createCase(investigator);
    // Three good lines, then 80 MiB of one character: ~80 KB of gzip, so the cap is the 64 MiB floor.
    const head = Buffer.from([line("acct-bomb", 1), line("acct-bomb", 2), line("acct-bomb", 3)].join("\n") + "\n");
    const bomb = gzipSync(Buffer.concat([head, Buffer.alloc(80 << 20, "x")]), { level: 9 });
    expect(gzipTextCap(bomb.length)).toBe(MIN_GZIP_TEXT_CAP);
    const ev = await uploadLog(investigator, c.id, bomb, "API_LOG", "bomb.jsonl.gz");
    const started = await startIngest(ctxFor(investigator), ev.id);
    await runDueJobs();
    const run = await getIngestRun(investigator, started.id);
    expect(run.state).toBe("FAILED");
    expect(run.error).toMatch(/decompresses to more than 64 MiB .*possible gzip bomb \(LANTERN_INGEST_MAX_GZIP_RATIO/);
    expect(run.compressed).toBe(true);
  });
});

describe("interruptions", () => {
  it("resumes after an interrupted batch without doubling or losing a line", async () => {
    const c = await createCase(investigator);
    const { bytes } = mixedLog(`acct-resume-${fileNo}`, 20);
    const ev = await uploadLog(investigator, c.id, bytes);
    const started = await startIngest(ctxFor(investigator), ev.id);
    const restore = await failRequestInsertAt(11);
    try {
      await runDueJobs();
    } finally {
      await restore();
    }
    const stopped = await getIngestRun(investigator, started.id);
    expect(stopped.state).toBe("RUNNING");
    expect(stopped.error).toMatch(/^Attempt 1 of 10 failed \(.*injected failure.*\); it will be retried/);
    expect(stopped.lastLine).toBeGreaterThan(0);
    expect(stopped.lastLine).toBeLessThan(11);
    const before = await rowsOf(started.id);
    expect(before.every((r) => r.line <= stopped.lastLine)).toBe(true);
    expect(stopped.linesOk).toBe(before.length);

    await db().job.updateMany({ where: { dedupeKey: ingestJobKey(started.id) }, data: { runAt: new Date(0) } });
    await runDueJobs();
    const run = await getIngestRun(investigator, started.id);
    expect(run).toMatchObject({ state: "COMPLETED", linesOk: 21, linesFailed: 2, linesTotal: 23, lastLine: 24, error: null });
    const rows = await rowsOf(started.id);
    expect(rows).toHaveLength(21);
    expect(new Set(rows.map((r) => r.line)).size).toBe(21);
    expect(rows.map((r) => r.line)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1).filter((n) => ![4, 7, 9].includes(n)));
    expect(run.errors.map((e) => e.line)).toEqual([4, 9]);
  });

  it("a second worker holding a stale view of the run writes nothing", async () => {
    const c = await createCase(investigator);
    const ev = await uploadLog(investigator, c.id, Buffer.from(line("stale-a", 1) + "\n"));
    const started = await startIngest(ctxFor(investigator), ev.id);
    await db().ingestRun.update({ where: { id: started.id }, data: { state: "RUNNING", lastLine: 5 } });
    const batch = { rows: [], errors: [{ line: 1, reason: "x" }], fromLastLine: 0, throughLine: 1, bytesDone: 10, storedErrors: 0 };
    await expect(writeIngestBatch({ id: started.id, caseId: c.id }, newRunCaches(), batch)).rejects.toBeInstanceOf(RunTakenError);
    expect(await db().ingestError.count({ where: { runId: started.id } })).toBe(0);
  });

  it("settles a run whose job is dead as FAILED, so the evidence can be ingested again", async () => {
    const c = await createCase(investigator);
    const ev = await uploadLog(investigator, c.id, Buffer.from(line("dead-a", 1) + "\n"));
    const started = await startIngest(ctxFor(investigator), ev.id);
    await db().job.updateMany({ where: { dedupeKey: ingestJobKey(started.id) }, data: { status: "DEAD", lastError: "Error: worker lost" } });
    expect(await getIngestRun(investigator, started.id)).toMatchObject({ state: "FAILED", error: "The ingest job stopped for good: Error: worker lost" });
    const again = await startIngest(ctxFor(investigator), ev.id);
    expect(again.state).toBe("QUEUED");
  });
});

describe("re-ingesting", () => {
  it("replaces the earlier run: its rows are deleted, the new run's rows are the only ones", async () => {
    const c = await createCase(investigator);
    const { bytes } = mixedLog(`acct-replace-${fileNo}`);
    const ev = await uploadLog(investigator, c.id, bytes);
    const first = await startIngest(ctxFor(investigator), ev.id);
    await runDueJobs();
    expect((await rowsOf(first.id)).length).toBe(13);

    const second = await startIngest(ctxFor(investigator), ev.id);
    const replaced = await getIngestRun(investigator, first.id);
    expect(replaced.state).toBe("COMPLETED");
    expect(replaced.replacedAt).not.toBeNull();
    expect(await rowsOf(first.id)).toHaveLength(0);
    expect(await db().ingestError.count({ where: { runId: first.id } })).toBe(0);
    await runDueJobs();
    expect(await getIngestRun(investigator, second.id)).toMatchObject({ state: "COMPLETED", linesOk: 13 });
    const all = await db().apiRequest.count({ where: { run: { evidenceId: ev.id } } });
    expect(all).toBe(13);
    const audit = await db().auditEvent.findFirst({ where: { action: "ingest.replace", entityId: first.id } });
    expect(JSON.parse(audit!.changes)).toMatchObject({ replacedBy: second.id, rowsDeleted: 13 });
    expect((await listIngestRuns(investigator, ev.id)).map((r) => r.id)).toEqual([second.id, first.id]);
  });
});

describe("refusals and access", () => {
  it("refuses other kinds, removed evidence and a second run while one is active", async () => {
    const c = await createCase(investigator);
    const doc = await uploadLog(investigator, c.id, Buffer.from(line("r-a", 1)), "DOCUMENT", "notes.txt");
    expect((await expectAppError(startIngest(ctxFor(investigator), doc.id))).status).toBe(409);

    const ev = await uploadLog(investigator, c.id, Buffer.from(line("r-b", 1)));
    const run = await startIngest(ctxFor(investigator), ev.id);
    const busy = await expectAppError(startIngest(ctxFor(investigator), ev.id));
    expect(busy.status).toBe(409);
    expect(busy.message).toMatch(/already QUEUED/);
    expect(await db().ingestRun.count({ where: { evidenceId: ev.id } })).toBe(1);
    await runDueJobs();
    expect((await getIngestRun(investigator, run.id)).state).toBe("COMPLETED");

    await removeEvidence(ctxFor(admin), ev.id, { reason: "wrong case" });
    expect((await expectAppError(startIngest(ctxFor(investigator), ev.id))).status).toBe(409);
  });

  it("lets in who may add evidence to the case; a restricted case's outsiders get 404", async () => {
    const open = await createCase(investigator);
    const ev = await uploadLog(investigator, open.id, Buffer.from(line("acc-a", 1)));
    expect((await expectAppError(startIngest(ctxFor(auditor), ev.id))).status).toBe(403);
    expect((await expectAppError(startIngest(ctxFor(outsider), ev.id))).status).toBe(403);
    const run = await startIngest(ctxFor(admin), ev.id);
    expect((await getIngestRun(auditor, run.id)).id).toBe(run.id);

    const hidden = await createCase(investigator, { restricted: true });
    const secret = await uploadLog(investigator, hidden.id, Buffer.from(line("acc-b", 1)));
    const secretRun = await startIngest(ctxFor(investigator), secret.id);
    const startErr = await expectAppError(startIngest(ctxFor(outsider), secret.id));
    expect(startErr.status).toBe(404);
    const readErr = await expectAppError(getIngestRun(outsider, secretRun.id));
    expect([readErr.status, readErr.message]).toEqual([404, "Ingest run not found"]);
    expect((await expectAppError(getIngestRun(auditor, secretRun.id))).status).toBe(404);
    expect((await expectAppError(listIngestRuns(outsider, secret.id))).status).toBe(404);
    expect((await getIngestRun(admin, secretRun.id)).id).toBe(secretRun.id);
    await runDueJobs();
  });
});
