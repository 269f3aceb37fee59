// Who reads which audit events (decision 0020), on both databases: an ADMIN reads the chain as it
// is; an AUDITOR reads the whole chain with the events of restricted cases they may not see
// withheld in their place; managers and investigators read the events of the cases they can see,
// without sequence numbers; a case's timeline follows the case's own visibility.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { listAuditEvents, type AuditEntry, type AuditEventView } from "@/lib/audit/list-audit-events";
import { listCaseActivity } from "@/lib/audit/list-case-activity";
import { transitionCase } from "@/lib/cases/transition-case";
import { addNote } from "@/lib/notes/notes";
import { createCase, createUser, ctxFor } from "@/test/factories";

let admin: Actor, auditor: Actor, manager: Actor, investigator: Actor, outsider: Actor;
let secret: { id: string; number: string }, open: { id: string; number: string };

const events = (items: AuditEntry[]) => items.filter((e): e is AuditEventView => e.kind === "event");

beforeAll(async () => {
  admin = await createUser({ role: "ADMIN" });
  auditor = await createUser({ role: "AUDITOR" });
  manager = await createUser({ role: "MANAGER", name: "Maya Manager" });
  investigator = await createUser({ role: "INVESTIGATOR", name: "Dana Reyes" });
  outsider = await createUser({ role: "INVESTIGATOR" });
  open = await createCase(investigator, { title: "Open matter" });
  await transitionCase(ctxFor(investigator), open.id, { to: "ACTIVE" });
  secret = await createCase(investigator, { restricted: true, title: "Secret matter" });
  await addNote(ctxFor(investigator), secret.id, { body: "secret note body" });
  await transitionCase(ctxFor(investigator), secret.id, { to: "ACTIVE" });
  await addNote(ctxFor(investigator), open.id, { body: "open note" });
});

describe("the audit trail by reader", () => {
  it("ADMIN reads every event with its sequence number, names and case numbers", async () => {
    const { items, scope } = await listAuditEvents(admin, { pageSize: 200 });
    expect(scope).toBe("all");
    const seqs = items.map((e) => e.seq as number);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(seqs[0] - seqs.at(-1)! + 1).toBe(seqs.length); // contiguous
    const moved = events(items).find((e) => e.caseId === open.id && e.action === "case.transition")!;
    expect(moved).toMatchObject({ actorName: "Dana Reyes", caseNumber: open.number, summary: `Dana Reyes moved ${open.number} from Open to Active` });
    expect(events(items).filter((e) => e.caseId === secret.id)).toHaveLength(3);
  });

  it("AUDITOR reads the whole chain in order, with events of hidden restricted cases withheld in place", async () => {
    const { items, scope, total } = await listAuditEvents(auditor, { pageSize: 200 });
    expect(scope).toBe("chain");
    const all = await listAuditEvents(admin, { pageSize: 200 });
    expect(total).toBe(all.total);
    expect(items.map((e) => e.seq)).toEqual(all.items.map((e) => e.seq)); // no gap anywhere
    const withheld = items.filter((e) => e.kind === "withheld");
    const secretSeqs = events(all.items).filter((e) => e.caseId === secret.id).map((e) => e.seq);
    expect(withheld.map((e) => e.seq)).toEqual(secretSeqs);
    for (const row of withheld) {
      expect(Object.keys(row).sort()).toEqual(["at", "hash", "kind", "seq", "summary"]);
      expect(row.summary).toBe("Event on a case you cannot see; details withheld");
    }
    const text = JSON.stringify(withheld);
    expect(text).not.toContain(secret.id);
    expect(text).not.toContain(secret.number);
    expect(text).not.toContain(investigator.id);
    expect(text).not.toContain("secret note body");
  });

  it("a filter on what a withheld row hides leaves the row out rather than matching it", async () => {
    for (const query of [{ action: "note" }, { actor: investigator.email }, { caseId: secret.id }, { caseId: secret.number }, { entityType: "Case" }]) {
      const { items } = await listAuditEvents(auditor, { ...query, pageSize: 200 });
      expect(items.filter((e) => e.kind === "withheld" || e.caseId === secret.id), JSON.stringify(query)).toEqual([]);
    }
    expect((await listAuditEvents(auditor, { caseId: open.number })).items.every((e) => e.kind === "event" && e.caseId === open.id)).toBe(true);
  });

  it.each([
    ["MANAGER", () => manager],
    ["INVESTIGATOR (not a member)", () => outsider],
  ])("%s reads the events of the cases they can see, without sequence numbers, hashes or addresses", async (_label, who) => {
    const { items, scope } = await listAuditEvents(who(), { pageSize: 200 });
    expect(scope).toBe("cases");
    expect(items.length).toBeGreaterThan(2);
    for (const e of items) {
      expect(e.kind).toBe("event");
      expect(e).not.toHaveProperty("seq");
      expect(e).not.toHaveProperty("hash");
      expect(e).not.toHaveProperty("ip");
      expect((e as AuditEventView).caseId).not.toBeNull(); // user, token and sign-in events are not theirs
    }
    expect(events(items).filter((e) => e.caseId === secret.id)).toEqual([]);
    expect(events(items).filter((e) => e.caseId === open.id).map((e) => e.action)).toEqual(["note.create", "case.transition", "case.create"]);
  });

  it("an investigator who is a member of the restricted case reads its events, still without sequence numbers", async () => {
    const { items } = await listAuditEvents(investigator, { caseId: secret.number });
    expect(items.map((e) => e.kind === "event" && e.action)).toEqual(["case.transition", "note.create", "case.create"]);
    expect(items[0]).not.toHaveProperty("seq");
  });
});

describe("a case's activity timeline", () => {
  it("lists the case's changes newest first, paged, in sentences", async () => {
    const first = await listCaseActivity(manager, open.number, { pageSize: 2 });
    expect(first.total).toBe(3);
    expect(first.items.map((e) => e.summary)).toEqual([`Dana Reyes added a note to ${open.number}`, `Dana Reyes moved ${open.number} from Open to Active`]);
    const second = await listCaseActivity(manager, open.id, { page: 2, pageSize: 2 });
    expect(second.items.map((e) => e.action)).toEqual(["case.create"]);
    expect(second.items[0]).not.toHaveProperty("seq");
  });

  it("answers 404 for a restricted case to those who may not see it, and reads it for members", async () => {
    await expect(listCaseActivity(outsider, secret.id, {})).rejects.toMatchObject({ status: 404 });
    await expect(listCaseActivity(auditor, secret.number, {})).rejects.toMatchObject({ status: 404 });
    expect((await listCaseActivity(investigator, secret.id, {})).total).toBe(3);
    expect((await listCaseActivity(admin, secret.id, {})).total).toBe(3);
  });
});
