// verifyAuditChain's report, exactly: how many events it checked, where the chain broke and why,
// for each way a chain can be tampered with — an edited event, an edited event whose hash was
// recomputed (caught at the next event's prevHash), a deleted event, a renumbered tail — on a
// chain longer than one read batch (2,000 events), so the walk across batches is checked too.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { eventHash, GENESIS_HASH, type HashedFields } from "@/lib/audit/canonical";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { db } from "@/lib/db/client";

const LENGTH = 2_345; // more than one batch of 2,000

type Row = HashedFields & { hash: string };

/** Appends `n` events to the chain in bulk, each hashed over its fields and its predecessor's hash. */
async function extendChain(n: number): Promise<void> {
  const head = await db().auditEvent.findFirst({ orderBy: { seq: "desc" } });
  let prevHash = head?.hash ?? GENESIS_HASH;
  const rows: Row[] = [];
  for (let i = 1; i <= n; i++) {
    const seq = (head?.seq ?? 0) + i;
    const fields: HashedFields = {
      seq,
      at: new Date(Date.UTC(2026, 0, 1) + seq * 1000),
      actorId: null,
      actorEmail: "chain@example.test",
      action: "test.event",
      entityType: "Test",
      entityId: `e${seq}`,
      caseId: null,
      changes: `{"n":${seq}}`,
      requestId: null,
      ip: null,
      prevHash,
    };
    prevHash = eventHash(fields);
    rows.push({ ...fields, hash: prevHash });
  }
  for (let i = 0; i < rows.length; i += 200) await db().auditEvent.createMany({ data: rows.slice(i, i + 200) });
}

const row = (seq: number) => db().auditEvent.findUniqueOrThrow({ where: { seq } });

/** Rows changed by a test, put back afterwards so each test starts from a whole chain. */
let restore: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const undo of restore.reverse()) await undo();
  restore = [];
  expect((await verifyAuditChain(db())).ok).toBe(true);
});

async function overwrite(seq: number, data: Partial<Row>): Promise<void> {
  const before = await row(seq);
  restore.push(() => db().auditEvent.update({ where: { seq }, data: before }));
  await db().auditEvent.update({ where: { seq }, data });
}

describe("verifyAuditChain", () => {
  it("reports an empty trail as whole, with the genesis hash as its head", async () => {
    expect(await db().auditEvent.count()).toBe(0);
    expect(await verifyAuditChain(db())).toEqual({ ok: true, events: 0, headHash: GENESIS_HASH });
  });

  describe("on a chain longer than one batch", () => {
    beforeAll(async () => {
      await extendChain(LENGTH);
    }, 120_000);

    it("checks every event and reports the head's hash", async () => {
      const head = await row(LENGTH);
      expect(await verifyAuditChain(db())).toEqual({ ok: true, events: LENGTH, headHash: head.hash });
    });

    it.each([1, 1000, 2000, 2001, LENGTH])("names event %i when it was edited in place", async (seq) => {
      await overwrite(seq, { action: "test.tampered" });
      expect(await verifyAuditChain(db())).toEqual({
        ok: false,
        events: seq - 1,
        brokenSeq: seq,
        reason: `event ${seq} was altered after it was recorded`,
      });
    });

    it("names the next event when an edit came with a recomputed hash", async () => {
      const seq = 2100;
      const original = await row(seq);
      const { hash: _old, ...fields } = original;
      const forged = { ...fields, changes: '{"n":"forged"}' };
      await overwrite(seq, { changes: forged.changes, hash: eventHash(forged) });
      expect(await verifyAuditChain(db())).toEqual({
        ok: false,
        events: seq,
        brokenSeq: seq + 1,
        reason: `event ${seq + 1} does not follow event ${seq}`,
      });
    });

    it("names the first event when its prevHash is not the genesis hash", async () => {
      const { hash: _old, ...fields } = await row(1);
      const forged = { ...fields, prevHash: "f".repeat(64) };
      await overwrite(1, { prevHash: forged.prevHash, hash: eventHash(forged) });
      expect(await verifyAuditChain(db())).toEqual({ ok: false, events: 0, brokenSeq: 1, reason: "event 1 does not follow event 0" });
    });

    it.each([1, 1999, 2000, 2001, 2200])("names event %i when it was deleted", async (seq) => {
      const deleted = await row(seq);
      restore.push(() => db().auditEvent.create({ data: deleted }));
      await db().auditEvent.delete({ where: { seq } });
      expect(await verifyAuditChain(db())).toEqual({
        ok: false,
        events: seq - 1,
        brokenSeq: seq,
        reason: `event ${seq} is missing (next present is ${seq + 1})`,
      });
    });

    it("reports a chain cut at its end as whole but shorter: the head hash is what tells", async () => {
      const last = await row(LENGTH);
      restore.push(() => db().auditEvent.create({ data: last }));
      await db().auditEvent.delete({ where: { seq: LENGTH } });
      const report = await verifyAuditChain(db());
      expect(report).toEqual({ ok: true, events: LENGTH - 1, headHash: (await row(LENGTH - 1)).hash });
      expect(report.ok && report.headHash).not.toBe(last.hash);
    });
  });
});
