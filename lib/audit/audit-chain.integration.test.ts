// The audit trail is hash-chained: editing or deleting any past event is detected, and verify
// names exactly the event that was touched.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { transitionCase } from "@/lib/cases/transition-case";
import { db } from "@/lib/db/client";
import { addNote } from "@/lib/notes/notes";
import { createCase, createUser, ctxFor } from "@/test/factories";
import { failAuditEventsFor } from "@/test/support/inject-failure";

let investigator: Actor, auditor: Actor, admin: Actor, outsider: Actor;

beforeAll(async () => {
  admin = await createUser({ role: "ADMIN" });
  investigator = await createUser({ role: "INVESTIGATOR" });
  auditor = await createUser({ role: "AUDITOR" });
  outsider = await createUser({ role: "INVESTIGATOR" });
});

describe("audit trail", () => {
  it("records every mutation with actor, entity, before/after, request id and address", async () => {
    const ctx = ctxFor(investigator);
    const c = await createCase(investigator);
    await transitionCase(ctx, c.id, { to: "ACTIVE" });
    await addNote(ctx, c.id, { body: "noted" });
    const events = await db().auditEvent.findMany({ where: { caseId: c.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["case.create", "case.transition", "note.create"]);
    const transition = events[1];
    expect(transition.actorId).toBe(investigator.id);
    expect(transition.ip).toBe("127.0.0.1");
    expect(transition.requestId).toBeTruthy();
    expect(JSON.parse(transition.changes)).toEqual({ status: { before: "OPEN", after: "ACTIVE" } });
  });

  it("commits the change and its event together or not at all", async () => {
    const count = await db().auditEvent.count();
    const restore = await failAuditEventsFor("note.create");
    const c = await createCase(investigator);
    try {
      await expect(addNote(ctxFor(investigator), c.id, { body: "lost with its event" })).rejects.toThrow(/auditEvent.create|injected failure/);
    } finally {
      await restore();
    }
    expect(await db().note.count({ where: { caseId: c.id } })).toBe(0);
    expect(await db().auditEvent.count()).toBe(count + 1); // the case.create only
  });

  it("verifies OK, then names the event edited in SQL, then the event deleted in SQL", async () => {
    for (let i = 0; i < 3; i++) await createCase(investigator);
    const ok = await verifyAuditChain(db());
    expect(ok.ok).toBe(true);
    const all = await db().auditEvent.findMany({ orderBy: { seq: "asc" }, select: { seq: true } });
    const target = all[Math.floor(all.length / 2)].seq;

    const original = await db().auditEvent.findUniqueOrThrow({ where: { seq: target } });
    await db().$executeRawUnsafe(`UPDATE "AuditEvent" SET "action" = 'case.tampered' WHERE "seq" = ${target}`);
    const edited = await verifyAuditChain(db());
    expect(edited).toMatchObject({ ok: false, brokenSeq: target });

    // Put it back: the chain is whole again, so the next finding is about the deletion alone.
    await db().$executeRawUnsafe(`UPDATE "AuditEvent" SET "action" = '${original.action}' WHERE "seq" = ${target}`);
    expect((await verifyAuditChain(db())).ok).toBe(true);

    const victim = target + 1;
    await db().$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "seq" = ${victim}`);
    const deleted = await verifyAuditChain(db());
    expect(deleted).toMatchObject({ ok: false, brokenSeq: victim });
  });

  it("lists events of restricted cases to admins; auditors see them only as withheld rows", async () => {
    const secret = await createCase(investigator, { restricted: true, title: "Secret matter" });
    const visible = await listAuditEvents(admin, { caseId: secret.id });
    expect(visible.total).toBe(1);
    expect((await listAuditEvents(auditor, { caseId: secret.id })).total).toBe(0);
    const everything = await listAuditEvents(auditor, { pageSize: 200 });
    expect(everything.items.length).toBeGreaterThan(5);
    expect(everything.items.filter((e) => e.kind === "event" && e.caseId === secret.id)).toEqual([]);
    expect((await listAuditEvents(admin, { pageSize: 200 })).items.filter((e) => e.kind === "event" && e.caseId === secret.id)).toHaveLength(1);
    expect((await listAuditEvents(auditor, { action: "case", actor: investigator.email })).total).toBeGreaterThan(0);
    expect((await listAuditEvents(outsider, { pageSize: 200 })).items.every((e) => e.kind === "event" && e.caseId !== secret.id && e.seq === undefined)).toBe(true);
  });
});
