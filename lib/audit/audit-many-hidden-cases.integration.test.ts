// The audit trail's readers with more restricted cases hidden from them than either database takes
// bound parameters in one statement (SQLite 32,766, PostgreSQL 65,535): the cases they may not see
// are left out by a subquery, not a list of ids, and what each reader sees is as before. The
// filters (actor, action and action kind, entity, case, from/to) select the same rows as ever.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { auditEntryChunks, listAuditEvents, type AuditEntry, type AuditEventView } from "@/lib/audit/list-audit-events";
import { transitionCase } from "@/lib/cases/transition-case";
import { insertRows, newId } from "@/lib/db/bulk-insert";
import { db } from "@/lib/db/client";
import { addNote } from "@/lib/notes/notes";
import { createCase, createUser, ctxFor } from "@/test/factories";

/** Past PostgreSQL's 65,535 bound parameters, so a list of their ids fails on both databases. */
const HIDDEN_CASES = 70_000;

let admin: Actor, auditor: Actor, investigator: Actor, owner: Actor;
let open: { id: string; number: string }, mine: { id: string; number: string }, secret: { id: string; number: string };

const events = (items: AuditEntry[]) => items.filter((e): e is AuditEventView => e.kind === "event");

beforeAll(async () => {
  admin = await createUser({ role: "ADMIN" });
  auditor = await createUser({ role: "AUDITOR" });
  investigator = await createUser({ role: "INVESTIGATOR", email: "reader@example.test" });
  owner = await createUser({ role: "INVESTIGATOR" });
  open = await createCase(owner, { title: "Open matter" });
  await transitionCase(ctxFor(owner), open.id, { to: "ACTIVE" });
  mine = await createCase(investigator, { restricted: true, title: "Restricted, a member" });
  await addNote(ctxFor(investigator), mine.id, { body: "member's note" });
  secret = await createCase(owner, { restricted: true, title: "Restricted, not a member" });
  await addNote(ctxFor(owner), secret.id, { body: "secret note" });
  await transitionCase(ctxFor(owner), secret.id, { to: "ACTIVE" });
  // The many hidden cases, in plain SQL for speed: restricted, nobody a member.
  const now = new Date();
  const rows = Array.from({ length: HIDDEN_CASES }, (_, i) => [newId(), `LAN-R-1999-${String(i).padStart(6, "0")}`, `Hidden ${i}`, owner.id, now, now]);
  const columns = [{ name: "id" }, { name: "number" }, { name: "title" }, { name: "createdById" }, { name: "createdAt", type: "timestamp" }, { name: "updatedAt", type: "timestamp" }] as const;
  await insertRows(db(), "Case", columns, rows, { rowsPerStatement: 5_000 });
  await db().$executeRawUnsafe(`UPDATE "Case" SET "restricted" = TRUE WHERE "number" LIKE 'LAN-R-1999-%'`);
  expect(await db().case.count({ where: { restricted: true, members: { none: { userId: investigator.id } } } })).toBeGreaterThan(HIDDEN_CASES);
}, 300_000);

describe("with tens of thousands of hidden restricted cases", () => {
  it("an investigator reads the events of the cases they see, and none of the others", async () => {
    const { items, total, scope } = await listAuditEvents(investigator, { pageSize: 200 });
    expect(scope).toBe("cases");
    const cases = new Set(events(items).map((e) => e.caseId));
    expect(cases).toEqual(new Set([open.id, mine.id]));
    expect(total).toBe(items.length);
    expect(total).toBe(await db().auditEvent.count({ where: { caseId: { in: [open.id, mine.id] } } }));
    // Filters within the scope.
    expect(events((await listAuditEvents(investigator, { caseId: secret.number })).items)).toEqual([]);
    expect((await listAuditEvents(investigator, { caseId: mine.number })).total).toBe(await db().auditEvent.count({ where: { caseId: mine.id } }));
    expect(events((await listAuditEvents(investigator, { action: "note" })).items).map((e) => e.caseId)).toEqual([mine.id]);
  });

  it("an auditor reads the chain whole with hidden events withheld, and a filter leaves them out", async () => {
    const all = await listAuditEvents(admin, { pageSize: 200 });
    const chain = await listAuditEvents(auditor, { pageSize: 200 });
    expect(chain.items.map((e) => e.seq)).toEqual(all.items.map((e) => e.seq));
    const secretSeqs = events(all.items).filter((e) => e.caseId === secret.id || e.caseId === mine.id).map((e) => e.seq);
    expect(chain.items.filter((e) => e.kind === "withheld").map((e) => e.seq)).toEqual(secretSeqs);

    const notes = await listAuditEvents(auditor, { action: "note.create" });
    expect(notes.items.every((e) => e.kind === "event")).toBe(true);
    expect(notes.total).toBe(0); // both notes are on restricted cases the auditor is not a member of
    const transitions = await listAuditEvents(auditor, { action: "case" });
    expect(events(transitions.items).map((e) => e.caseId)).not.toContain(secret.id);
    expect(events(transitions.items).some((e) => e.caseId === open.id)).toBe(true);
  });

  it("filters by actor, entity and time as before, and the CSV chunks hold the same entries as the pages", async () => {
    const byActor = await listAuditEvents(investigator, { actor: "READER@example.test" });
    expect(events(byActor.items).every((e) => e.actorEmail === "reader@example.test")).toBe(true);
    expect(byActor.total).toBe(await db().auditEvent.count({ where: { actorId: investigator.id, caseId: { in: [open.id, mine.id] } } }));
    expect((await listAuditEvents(investigator, { actor: investigator.id })).total).toBe(byActor.total);
    expect((await listAuditEvents(investigator, { entityType: "Case", entityId: open.id })).total).toBe(await db().auditEvent.count({ where: { entityType: "Case", entityId: open.id } }));

    const everything = events((await listAuditEvents(admin, { pageSize: 200 })).items);
    const day = (iso: string, shift = 0) => new Date(Date.parse(iso) + shift * 86_400_000).toISOString().slice(0, 10);
    const [first, last] = [everything.at(-1)!, everything[0]];
    const seen = (await listAuditEvents(investigator, {})).total;
    expect((await listAuditEvents(investigator, { from: day(first.at), to: day(last.at) })).total).toBe(seen);
    expect((await listAuditEvents(investigator, { from: day(last.at, 1) })).total).toBe(0);
    expect((await listAuditEvents(investigator, { to: day(first.at, -1) })).total).toBe(0);
    expect((await listAuditEvents(admin, { to: first.at })).items.map((e) => e.seq)).toContain(first.seq);
    expect((await listAuditEvents(admin, { to: new Date(Date.parse(first.at) - 1).toISOString() })).items.map((e) => e.seq)).not.toContain(first.seq);

    const paged = [...(await listAuditEvents(auditor, { action: "case", pageSize: 2 })).items, ...(await listAuditEvents(auditor, { action: "case", pageSize: 2, page: 2 })).items];
    const chunks: AuditEntry[] = [];
    for await (const c of auditEntryChunks(auditor, { action: "case" }, 2)) chunks.push(...c);
    expect(chunks.slice(0, paged.length)).toEqual(paged);
    expect(chunks.length).toBe((await listAuditEvents(auditor, { action: "case" })).total);
  });
});
