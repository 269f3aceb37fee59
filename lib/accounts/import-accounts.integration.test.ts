// Bulk import: the dry run answers every bad row with its line and reason and writes nothing; the
// real run upserts by external id; re-running changes nothing; a failure part way leaves whole
// batches only; one audit event per import carries the counts.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { getAccount } from "@/lib/accounts/get-account";
import { importAccounts } from "@/lib/accounts/import-accounts";
import { db } from "@/lib/db/client";
import { listLinks } from "@/lib/links/list-links";
import { createUser, ctxFor } from "@/test/factories";
import { expectAppError } from "@/test/support/expect-app-error";
import { failAccountInsert } from "@/test/support/inject-failure";

let investigator: Actor;

beforeAll(async () => {
  investigator = await createUser({ role: "INVESTIGATOR" });
});

const csv = (...lines: string[]) => ({ text: lines.join("\n") + "\n", filename: "accounts.csv", mediaType: "text/csv" });
const HEADER = "externalId,displayName,emails,organization,country,providerCreatedAt,status,riskScore,IP,PAYMENT_FINGERPRINT,EMAIL_DOMAIN";

describe("importing accounts", () => {
  it("dry run: every bad row with its line and reason, the same counts as the real run, and nothing written", async () => {
    const file = csv(
      HEADER,
      "imp-1,One,a@x.test|b@x.test,Imp Org,US,2025-01-01,ACTIVE,10,203.0.113.1|::ffff:203.0.113.2,pf_imp_shared,x.test",
      "imp-2,Two,,Imp Org,FR,,SUSPENDED,20,203.0.113.1,pf_imp_shared,",
      ",No id,,,,,,,,,",
      "imp-3,Bad risk,,,,,,150,,,",
      "imp-4,Bad ip,,,,,,,999.0.0.1,,",
      "imp-1,Duplicate,,,,,,,,,",
      '"imp-5","Quoted, with comma",,,,,REVOKED,0,,,',
      "imp-6,Short row",
    );
    const accounts = await db().account.count();
    const events = await db().auditEvent.count();
    const dry = await importAccounts(ctxFor(investigator), file, { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, format: "csv", total: 8, created: 3, updated: 0, unchanged: 0, refused: 5, links: null });
    expect(dry.errors).toEqual([
      { line: 4, reason: "externalId: is required" },
      { line: 5, reason: "riskScore: must be 0 to 100" },
      { line: 6, reason: 'attributes.0.value: "999.0.0.1" is not an IP address' },
      { line: 7, reason: "externalId imp-1 is already on line 2 of this file" },
      { line: 9, reason: "has 2 cells, the header has 11" },
    ]);
    expect(await db().account.count()).toBe(accounts);
    expect(await db().auditEvent.count()).toBe(events);

    const real = await importAccounts(ctxFor(investigator), file);
    expect(real).toMatchObject({ dryRun: false, created: 3, updated: 0, unchanged: 0, refused: 5 });
    expect(real.errors).toEqual(dry.errors);
    const one = await getAccount(investigator, "imp-1");
    expect(one).toMatchObject({ displayName: "One", emails: ["a@x.test", "b@x.test"], country: "US", riskScore: 10, providerCreatedAt: "2025-01-01T00:00:00.000Z" });
    expect(one.attributes.map((a) => a.value)).toEqual(["x.test", "203.0.113.1", "203.0.113.2", "pf_imp_shared"]);
    expect((await getAccount(investigator, "imp-5")).displayName).toBe("Quoted, with comma");
    // One audit event for the whole import, with its counts.
    const audit = await db().auditEvent.findMany({ where: { seq: { gt: events } } });
    expect(audit.map((e) => e.action)).toEqual(["account.import"]);
    expect(JSON.parse(audit[0].changes)).toMatchObject({ created: 3, updated: 0, unchanged: 0, refused: 5, total: 8, format: "csv" });
    // Suggested links were recomputed: imp-1 and imp-2 share a payment fingerprint and an IP.
    const suggested = await listLinks(investigator, { accountId: one.id, status: "SUGGESTED" });
    expect(suggested.items.map((l) => l.explanation)).toEqual(["share payment fingerprint pf_imp… and IP address 203.0.113.1"]);

    // Re-running the same file changes nothing.
    const again = await importAccounts(ctxFor(investigator), file);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, refused: 5 });
    expect((await getAccount(investigator, "imp-1")).version).toBe(1);

    // A changed row updates that account only.
    const changed = csv(HEADER, "imp-1,One renamed,a@x.test|b@x.test,Imp Org,US,2025-01-01,ACTIVE,10,203.0.113.1|203.0.113.2,pf_imp_shared,x.test", "imp-2,Two,,Imp Org,FR,,SUSPENDED,20,203.0.113.1,pf_imp_shared,");
    expect(await importAccounts(ctxFor(investigator), changed)).toMatchObject({ created: 0, updated: 1, unchanged: 1, refused: 0 });
    expect(await getAccount(investigator, "imp-1")).toMatchObject({ displayName: "One renamed", version: 2 });
  });

  it("imports JSON (an array, or JSON Lines) shaped like POST /accounts, keeping attributes a row does not mention", async () => {
    const json = JSON.stringify([
      { externalId: "json-1", displayName: "J1", attributes: [{ type: "DEVICE_ID", value: "dev-json" }] },
      { externalId: "json-2", riskScore: "high" },
      "not an object",
    ]);
    const r = await importAccounts(ctxFor(investigator), { text: json, filename: "a.json" });
    expect(r).toMatchObject({ format: "json", created: 1, refused: 2 });
    expect(r.errors.map((e) => e.line)).toEqual([2, 3]);
    const lines = ['{"externalId": "json-1", "riskScore": 42}', "", "{broken"].join("\n");
    const r2 = await importAccounts(ctxFor(investigator), { text: lines, filename: "a.jsonl" });
    expect(r2).toMatchObject({ format: "jsonl", updated: 1, refused: 1, errors: [{ line: 3, reason: "is not valid JSON" }] });
    const j1 = await getAccount(investigator, "json-1");
    expect(j1).toMatchObject({ riskScore: 42, displayName: "J1" });
    expect(j1.attributes.map((a) => a.value)).toEqual(["dev-json"]);
  });

  it("refuses an unreadable file (no externalId column, unknown column) with a 400 and writes nothing", async () => {
    const events = await db().auditEvent.count();
    expect((await expectAppError(importAccounts(ctxFor(investigator), csv("name,organization", "x,y")))).status).toBe(400);
    const e = await expectAppError(importAccounts(ctxFor(investigator), csv("externalId,shoe size", "x,44")));
    expect(e.message).toBe('Line 1: unknown column "shoe size"');
    expect(await db().auditEvent.count()).toBe(events);
  });

  it("is refused to an auditor", async () => {
    const auditor = await createUser({ role: "AUDITOR" });
    expect((await expectAppError(importAccounts(ctxFor(auditor), csv("externalId", "aud-1")))).status).toBe(403);
  });

  it("a failure part way keeps whole batches only; re-running the file finishes the job", async () => {
    const file = csv("externalId,IP", "fail-1,192.0.2.1", "fail-2,192.0.2.2", "fail-3,192.0.2.3", "fail-4,192.0.2.4", "fail-5,192.0.2.5");
    const restore = await failAccountInsert("fail-4");
    const progress: number[] = [];
    try {
      const e = await expectAppError(importAccounts(ctxFor(investigator), file, { batchSize: 2, onProgress: (p) => progress.push(p.done) }));
      expect(e.status).toBe(500);
      expect(e.details).toMatchObject({ committed: { created: 2, updated: 0, unchanged: 0, refused: 0 }, stoppedAtLine: 4 });
    } finally {
      await restore();
    }
    expect(progress).toEqual([2]);
    const present = (await db().account.findMany({ where: { externalId: { startsWith: "fail-" } }, select: { externalId: true } })).map((a) => a.externalId).sort();
    expect(present).toEqual(["fail-1", "fail-2"]); // fail-3 was in the failed batch with fail-4: rolled back
    expect(await db().accountAttribute.count({ where: { value: "192.0.2.3" } })).toBe(0);
    const failed = await db().auditEvent.findFirstOrThrow({ where: { action: "account.import.failed" }, orderBy: { seq: "desc" } });
    expect(JSON.parse(failed.changes)).toMatchObject({ committed: { created: 2 }, stoppedAtLine: 4 });

    const rerun = await importAccounts(ctxFor(investigator), file, { batchSize: 2 });
    expect(rerun).toMatchObject({ created: 3, unchanged: 2, refused: 0 });
  });
});
