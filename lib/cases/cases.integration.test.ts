import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Actor } from "@/lib/access/actor";
import { assignCase } from "@/lib/cases/assign-case";
import { editCase } from "@/lib/cases/edit-case";
import { SYSTEM_CONTEXT } from "@/lib/audit/audit-context";
import { updateUser } from "@/lib/users/users";
import { visibleCasesWhere } from "@/lib/access/case-access";
import { getCase } from "@/lib/cases/get-case";
import { ZCaseSummary } from "@/lib/cases/case-answer-schemas";
import { listCases } from "@/lib/cases/list-cases";
import { transitionCase } from "@/lib/cases/transition-case";
import { updateCase } from "@/lib/cases/update-case";
import { db } from "@/lib/db/client";
import { addNote, listNotes, setNotePinned } from "@/lib/notes/notes";
import { createCase, createUser, ctxFor } from "@/test/factories";
import { expectAppError } from "@/test/support/expect-app-error";
import { failAuditEventsFor } from "@/test/support/inject-failure";

let admin: Actor, manager: Actor, investigator: Actor, other: Actor, auditor: Actor;

async function lastSeq(year: number, restricted: boolean): Promise<number> {
  return (await db().caseCounter.findUnique({ where: { year_restricted: { year, restricted } } }))?.lastSeq ?? 0;
}

beforeAll(async () => {
  admin = await createUser({ role: "ADMIN" });
  manager = await createUser({ role: "MANAGER" });
  investigator = await createUser({ role: "INVESTIGATOR" });
  other = await createUser({ role: "INVESTIGATOR" });
  auditor = await createUser({ role: "AUDITOR" });
});

describe("creating cases", () => {
  it("numbers cases LAN-YYYY-NNNN, unique and gap-free when 20 are created at once", async () => {
    const year = new Date().getUTCFullYear();
    const before = await lastSeq(year, false);
    const created = await Promise.all(Array.from({ length: 20 }, (_, i) => createCase(investigator, { title: `Concurrent ${i}` })));
    const seqs = created.map((c) => {
      expect(c.number).toMatch(new RegExp(`^LAN-${year}-\\d{4}$`));
      return Number(c.number.slice(-4));
    });
    expect(new Set(seqs).size).toBe(20);
    expect(seqs.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => before + i + 1));
  });

  it("numbers cases created restricted in their own series, so hidden cases leave no gap in the normal one", async () => {
    const year = new Date().getUTCFullYear();
    const [normalBefore, restrictedBefore] = [await lastSeq(year, false), await lastSeq(year, true)];
    // Both kinds at once, interleaved: each series stays unique and gap-free on its own.
    const created = await Promise.all(
      Array.from({ length: 24 }, (_, i) => createCase(investigator, { title: `Mixed ${i}`, restricted: i % 3 === 0 })),
    );
    const normal = created.filter((c) => !c.restricted).map((c) => c.number);
    const hidden = created.filter((c) => c.restricted).map((c) => c.number);
    for (const n of normal) expect(n).toMatch(new RegExp(`^LAN-${year}-\\d{4}$`));
    for (const n of hidden) expect(n).toMatch(new RegExp(`^LAN-R-${year}-\\d{4}$`));
    const seqs = (numbers: string[]) => numbers.map((n) => Number(n.slice(-4))).sort((a, b) => a - b);
    expect(seqs(normal)).toEqual(Array.from({ length: 16 }, (_, i) => normalBefore + i + 1));
    expect(seqs(hidden)).toEqual(Array.from({ length: 8 }, (_, i) => restrictedBefore + i + 1));
    expect(new Set(created.map((c) => c.number)).size).toBe(24);

    // What an outsider sees of the normal series has no hole where the restricted cases went.
    const outsiderNumbers = (await db().case.findMany({ where: { number: { in: normal }, ...visibleCasesWhere(other) }, select: { number: true } }))
      .map((c) => c.number);
    expect(seqs(outsiderNumbers)).toEqual(seqs(normal));
    expect(await db().case.count({ where: { number: { in: hidden }, ...visibleCasesWhere(other) } })).toBe(0);
  });

  it("a case restricted later, or whose restriction is lifted, keeps its number; both are found by it", async () => {
    const year = new Date().getUTCFullYear();
    const normal = await createCase(manager, { title: "Restricted later" });
    const hidden = await createCase(manager, { title: "Created hidden", restricted: true });
    expect(hidden.number).toMatch(new RegExp(`^LAN-R-${year}-\\d{4}$`));
    const restrictedBefore = await lastSeq(year, true);
    expect((await updateCase(ctxFor(manager), normal.id, { restricted: true })).number).toBe(normal.number);
    expect((await updateCase(ctxFor(manager), hidden.id, { restricted: false })).number).toBe(hidden.number);
    expect(await lastSeq(year, true)).toBe(restrictedBefore);
    // Addressed and searched by the LAN-R- number like any other.
    expect((await getCase(investigator, hidden.number)).id).toBe(hidden.id);
    expect((await listCases(manager, { q: hidden.number })).items.map((i) => i.id)).toEqual([hidden.id]);
    expect((await listCases(manager, { q: normal.number })).items.map((i) => i.id)).toEqual([normal.id]);
  });

  it("a create that fails at its last write leaves no case and gives its number back", async () => {
    const first = await createCase(investigator);
    const restore = await failAuditEventsFor("case.create");
    try {
      await expect(createCase(investigator, { title: "Never stored" })).rejects.toThrow(/auditEvent.create|injected failure/);
    } finally {
      await restore();
    }
    expect(await db().case.count({ where: { title: "Never stored" } })).toBe(0);
    const next = await createCase(investigator);
    expect(Number(next.number.slice(-4))).toBe(Number(first.number.slice(-4)) + 1);
  });

  it("makes creator and lead members, keeps tags and due date", async () => {
    const c = await createCase(investigator, { leadId: other.id, tags: "Scraping, api-abuse,scraping", dueAt: "2027-01-31" });
    expect(c.lead?.id).toBe(other.id);
    expect(c.members.map((m) => m.id).sort()).toEqual([investigator.id, other.id].sort());
    expect(c.tags).toEqual(["api-abuse", "scraping"]);
    expect(c.dueAt).toBe("2027-01-31T23:59:59.000Z");
    expect(c.status).toBe("OPEN");
  });

  it("refuses bad input naming the field, and auditors", async () => {
    const e = await expectAppError(createCase(investigator, { title: "x", severity: "URGENT" as "LOW" }));
    expect(e.status).toBe(400);
    expect(Object.keys((e.details as { fieldErrors: object }).fieldErrors).sort()).toEqual(["severity", "title"]);
    expect((await expectAppError(createCase(auditor))).status).toBe(403);
  });
});

describe("listing cases", () => {
  it("pages, filters, sorts and searches on the server; restricted cases are absent for outsiders", async () => {
    const tag = `t${Date.now()}`;
    const secret = await createCase(manager, { title: "Restricted harvesting ring", restricted: true, tags: tag, severity: "CRITICAL" });
    const open = [];
    for (const severity of ["LOW", "HIGH", "MEDIUM"] as const) {
      open.push(await createCase(manager, { title: `Open ${severity} ring`, tags: tag, severity, summary: "Contains NeedleWord here" }));
    }
    const forOther = await listCases(other, { tag, pageSize: 2 });
    expect(forOther.total).toBe(3);
    expect(forOther.items).toHaveLength(2);
    expect((await listCases(other, { tag, pageSize: 2, page: 2 })).items).toHaveLength(1);
    expect(forOther.items.map((c) => c.id)).not.toContain(secret.id);

    const forAdmin = await listCases(admin, { tag, sort: "severity", order: "desc" });
    expect(forAdmin.total).toBe(4);
    expect(forAdmin.items.map((c) => c.severity)).toEqual(["CRITICAL", "HIGH", "MEDIUM", "LOW"]);

    expect((await listCases(other, { tag, q: "needleword" })).total).toBe(3);
    expect((await listCases(other, { q: open[0].number })).items.map((c) => c.id)).toEqual([open[0].id]);
    expect((await listCases(admin, { tag, restricted: "true" })).items.map((c) => c.id)).toEqual([secret.id]);
    expect((await listCases(other, { tag, restricted: "true" })).total).toBe(0);
    expect((await listCases(admin, { tag, severity: "LOW,HIGH" })).total).toBe(2);
    expect((await expectAppError(listCases(admin, { pageSize: 500 }))).status).toBe(400);
  });

  it("answers each row as the case's own view does and filters by exact times, whatever the process's time zone", async () => {
    // On PostgreSQL the list reads through pg, not Prisma (queryHotRows): timestamps are UTC both
    // ways, which pg on its own would read and send in the process's local time.
    const zone = process.env.TZ;
    process.env.TZ = "America/New_York";
    try {
      const tag = `z${Date.now()}`;
      const c = await createCase(manager, { tags: [tag, "zone"], leadId: investigator.id, dueAt: "2031-03-04T05:06:07.089Z" });
      const { id, number, title, status, severity, restricted, tags, lead, dueAt, createdAt, updatedAt } = await getCase(manager, c.id);
      const page = await listCases(manager, { tag });
      expect(page.items).toEqual([{ id, number, title, status, severity, restricted, tags, lead, dueAt, createdAt, updatedAt }]);
      expect(page.items[0].dueAt).toBe("2031-03-04T05:06:07.089Z");
      expect(() => z.array(ZCaseSummary.strict()).parse(page.items)).not.toThrow(); // the OpenAPI answer, no more keys
      const at = Date.parse(createdAt);
      const later = new Date(at + 1).toISOString();
      expect((await listCases(manager, { tag, createdFrom: createdAt })).total).toBe(1);
      expect((await listCases(manager, { tag, createdFrom: later })).total).toBe(0);
      expect((await listCases(manager, { tag, createdTo: later })).items.map((i) => i.id)).toEqual([c.id]);
      expect((await listCases(manager, { tag, createdTo: createdAt })).total).toBe(0);
      expect((await listCases(manager, { tag, dueBefore: "2031-03-04T05:06:07.090Z" })).total).toBe(1);
      expect((await listCases(manager, { tag, dueBefore: "2031-03-04T05:06:07.089Z" })).total).toBe(0);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it("counts exactly on a page past the last case, with and without filters", async () => {
    const tag = `p${Date.now()}`;
    await createCase(manager, { tags: tag });
    await createCase(manager, { tags: tag, restricted: true });
    const past = await listCases(other, { tag, page: 5, pageSize: 10 });
    expect(past).toEqual({ items: [], total: 1, page: 5, pageSize: 10 });
    const all = await listCases(other, {});
    const pastAll = await listCases(other, { page: Math.ceil(all.total / 100) + 1, pageSize: 100 });
    expect(pastAll.items).toEqual([]);
    expect(pastAll.total).toBe(all.total);
    expect(all.total).toBe(await db().case.count({ where: visibleCasesWhere(other) }));
  });
});

describe("restricted cases", () => {
  it("leave the unfiltered total equal to a row-by-row count of what each user may see", async () => {
    await createCase(investigator, { restricted: true });
    await createCase(manager, { restricted: true, memberIds: [other.id] });
    await createCase(other);
    for (const user of [admin, manager, investigator, other, auditor]) {
      const expected = await db().case.count({ where: visibleCasesWhere(user) });
      expect((await listCases(user, {})).total, user.role).toBe(expected);
    }
  });

  it("count for their members and follow the flag when it is lifted or set again", async () => {
    const tag = `r${Date.now()}`;
    const c = await createCase(investigator, { restricted: true, tags: tag });
    await createCase(investigator, { tags: tag });
    expect((await listCases(investigator, { tag })).total).toBe(2);
    expect((await listCases(other, { tag })).total).toBe(1);
    await updateCase(ctxFor(admin), c.id, { restricted: false });
    expect((await listCases(other, { tag })).total).toBe(2);
    await updateCase(ctxFor(manager), c.id, { restricted: true });
    const forOther = await listCases(other, { tag });
    expect(forOther.total).toBe(1);
    expect(forOther.items.map((i) => i.id)).not.toContain(c.id);
    expect((await listCases(investigator, { tag, q: c.number })).items.map((i) => i.id)).toEqual([c.id]);
  });


  it("answer 404 to non-members, even managers, and are visible to members", async () => {
    const c = await createCase(investigator, { restricted: true });
    expect((await expectAppError(getCase(other, c.id))).status).toBe(404);
    expect((await expectAppError(getCase(manager, c.number))).status).toBe(404);
    expect((await getCase(investigator, c.number)).id).toBe(c.id);
    expect((await getCase(admin, c.id)).id).toBe(c.id);
  });
});

describe("editing", () => {
  it("updates fields, records before/after, and refuses a stale version with 409", async () => {
    const c = await createCase(investigator);
    const updated = await updateCase(ctxFor(investigator), c.id, { title: "New title", severity: "HIGH", version: c.version });
    expect(updated.title).toBe("New title");
    expect(updated.version).toBe(c.version + 1);
    // A non-member is refused before the version is even looked at.
    expect((await expectAppError(updateCase(ctxFor(other), c.id, { title: "Other edit", version: c.version }))).status).toBe(403);
    const staleMember = await expectAppError(updateCase(ctxFor(manager), c.id, { title: "Manager edit", version: c.version }));
    expect(staleMember.status).toBe(409);
    const event = await db().auditEvent.findFirst({ where: { entityId: c.id, action: "case.update" }, orderBy: { seq: "desc" } });
    expect(JSON.parse(event!.changes)).toEqual({ severity: { before: "MEDIUM", after: "HIGH" }, title: { before: c.title, after: "New title" } });
  });

  it("only managers and admins may lift a restriction", async () => {
    const c = await createCase(investigator, { restricted: true });
    expect((await expectAppError(updateCase(ctxFor(investigator), c.id, { restricted: false }))).status).toBe(403);
    expect((await updateCase(ctxFor(admin), c.id, { restricted: false })).restricted).toBe(false);
  });

  it("assigns lead and members; the lead is always a member; auditors cannot be assigned", async () => {
    const c = await createCase(manager);
    const after = await assignCase(ctxFor(manager), c.id, { leadId: investigator.id, memberIds: [other.id] });
    expect(after.lead?.id).toBe(investigator.id);
    expect(after.members.map((m) => m.id).sort()).toEqual([investigator.id, other.id].sort());
    expect((await expectAppError(assignCase(ctxFor(manager), c.id, { memberIds: [auditor.id] }))).status).toBe(400);
  });
});

describe("PATCH-style edits (editCase)", () => {
  it("applies fields and assignment together, and a refused part leaves nothing applied", async () => {
    const c = await createCase(manager);
    const both = await editCase(ctxFor(manager), c.id, { title: "Both at once", leadId: investigator.id, version: c.version });
    expect(both).toMatchObject({ title: "Both at once", lead: { id: investigator.id } });

    const bad = await expectAppError(editCase(ctxFor(manager), c.id, { leadId: other.id, severity: "URGENT" }));
    expect(bad.status).toBe(400);
    const stale = await expectAppError(editCase(ctxFor(manager), c.id, { leadId: other.id, title: "Stale", version: c.version }));
    expect(stale.status).toBe(409);
    const notAllowed = await expectAppError(editCase(ctxFor(investigator), c.id, { title: "Investigator edit", leadId: other.id }));
    expect(notAllowed.status).toBe(403);
    const after = await getCase(admin, c.id);
    expect(after).toMatchObject({ title: "Both at once", lead: { id: investigator.id }, version: both.version });
  });

  it("keeps members who were disabled since, and can still change the lead", async () => {
    const leaving = await createUser({ role: "INVESTIGATOR" });
    const c = await createCase(manager, { memberIds: [leaving.id] });
    await updateUser(admin, SYSTEM_CONTEXT, leaving.id, { disabled: true });
    const after = await assignCase(ctxFor(manager), c.id, { leadId: investigator.id });
    expect(after.members.map((m) => m.id)).toContain(leaving.id);
    expect((await expectAppError(assignCase(ctxFor(manager), c.id, { memberIds: [...after.members.map((m) => m.id), auditor.id] }))).status).toBe(400);
  });

  it("counts a restricted case for a member added later", async () => {
    const tag = `a${Date.now()}`;
    const c = await createCase(admin, { restricted: true, tags: tag });
    expect((await listCases(other, {})).items.map((i) => i.id)).not.toContain(c.id);
    const before = (await listCases(other, {})).total;
    await assignCase(ctxFor(admin), c.id, { memberIds: [other.id] });
    expect((await listCases(other, {})).total).toBe(before + 1);
    expect((await listCases(other, { tag })).total).toBe(1);
  });
});

describe("status machine", () => {
  it("walks OPEN → ACTIVE ⇄ ON_HOLD → IN_REVIEW → CLOSED and reopens for managers", async () => {
    const c = await createCase(investigator);
    const ctx = ctxFor(investigator);
    for (const to of ["ACTIVE", "ON_HOLD", "ACTIVE", "IN_REVIEW"] as const) {
      expect((await transitionCase(ctx, c.id, { to })).status).toBe(to);
    }
    const noResolution = await expectAppError(transitionCase(ctx, c.id, { to: "CLOSED" }));
    expect(noResolution.status).toBe(400);
    expect((noResolution.details as { fieldErrors: object }).fieldErrors).toHaveProperty("resolution");
    const closed = await transitionCase(ctx, c.id, { to: "CLOSED", resolution: "SUBSTANTIATED" });
    expect(closed.resolution).toBe("SUBSTANTIATED");
    expect(closed.closedAt).not.toBeNull();
    expect((await expectAppError(transitionCase(ctx, c.id, { to: "ACTIVE" }))).status).toBe(403);
    const reopened = await transitionCase(ctxFor(manager), c.id, { to: "ACTIVE" });
    expect(reopened.status).toBe("ACTIVE");
    expect(reopened.resolution).toBeNull();
  });

  it("refuses illegal moves with 409 and a message that says what is possible", async () => {
    const c = await createCase(investigator);
    const e = await expectAppError(transitionCase(ctxFor(investigator), c.id, { to: "CLOSED", resolution: "REFERRED" }));
    expect(e.status).toBe(409);
    expect(e.code).toBe("ILLEGAL_TRANSITION");
    expect(e.message).toMatch(/cannot move from Open to Closed.*Active/);
    expect((await getCase(investigator, c.id)).status).toBe("OPEN");
  });
});

describe("notes", () => {
  it("adds notes, lists pinned first, and lets only members write", async () => {
    const c = await createCase(investigator);
    const first = await addNote(ctxFor(investigator), c.id, { body: "First **finding**" });
    await addNote(ctxFor(investigator), c.id, { body: "Second" });
    await setNotePinned(ctxFor(investigator), first.id, { pinned: true });
    const notes = await listNotes(auditor, c.id);
    expect(notes.total).toBe(2);
    expect(notes.items[0].id).toBe(first.id);
    expect((await expectAppError(addNote(ctxFor(other), c.id, { body: "not a member" }))).status).toBe(403);
    expect((await expectAppError(addNote(ctxFor(investigator), c.id, { body: "   " }))).status).toBe(400);
  });

  it("answers a note on a hidden case exactly like a note that does not exist", async () => {
    const secret = await createCase(investigator, { restricted: true });
    const note = await addNote(ctxFor(investigator), secret.id, { body: "secret" });
    const hidden = await expectAppError(setNotePinned(ctxFor(other), note.id, { pinned: true }));
    const missing = await expectAppError(setNotePinned(ctxFor(other), "no-such-note", { pinned: true }));
    expect([hidden.status, hidden.message]).toEqual([missing.status, missing.message]);
  });
});
