// The text index behind case search: kept in step with edits, and repaired when a table
// redefinition has dropped its triggers (SQLite) — on PostgreSQL there is nothing to repair.
import { describe, expect, it } from "vitest";
import { listCases } from "@/lib/cases/list-cases";
import { updateCase } from "@/lib/cases/update-case";
import { db, dbProvider } from "@/lib/db/client";
import { repairCaseSearchIndex } from "@/lib/db/dialect";
import { createCase, createUser, ctxFor } from "@/test/factories";

describe("case search", () => {
  it("finds substrings in any case, follows edits, and treats search syntax as text", async () => {
    const user = await createUser();
    const c = await createCase(user, { title: "Quasar-Reasoning harvest", summary: 'Prompts with "quotes" AND 50%_off' });
    expect((await listCases(user, { q: "sar-reas" })).items.map((i) => i.id)).toEqual([c.id]);
    expect((await listCases(user, { q: '"quotes" and' })).items.map((i) => i.id)).toEqual([c.id]);
    expect((await listCases(user, { q: "50%_" })).total).toBe(1);
    expect((await listCases(user, { q: "%" })).total).toBe(1);
    await updateCase(ctxFor(user), c.id, { title: "Renamed matter" });
    expect((await listCases(user, { q: "quasar" })).total).toBe(0);
    expect((await listCases(user, { q: "renamed MATTER" })).total).toBe(1);
  });

  it("finds a case number from its start in any case, and the same text quoted in a title", async () => {
    const user = await createUser();
    const first = await createCase(user, { title: "First probe" });
    const hidden = await createCase(user, { title: "Restricted probe", restricted: true });
    const quoting = await createCase(user, { title: `Follow-up of ${first.number}` });
    const ids = async (q: string) => (await listCases(user, { q, sort: "created", order: "asc" })).items.map((i) => i.id);
    expect(await ids(first.number.toLowerCase())).toEqual([first.id, quoting.id]);
    expect(await ids(first.number.slice(0, -1))).toEqual(expect.arrayContaining([first.id, quoting.id]));
    expect(await ids(hidden.number.toLowerCase())).toEqual([hidden.id]);
    expect(await ids(first.number.slice(4))).toEqual([first.id, quoting.id]); // "2026-0001": no LAN- prefix
    expect(await ids(`${first.number}9`)).toEqual([]);
  });

  it("counts only the matches the reader may see, also on a page past the last one", async () => {
    const owner = await createUser();
    const reader = await createUser();
    const before = { owner: (await listCases(owner, {})).total, reader: (await listCases(reader, {})).total };
    await createCase(owner, { title: "Zeta harvest open" });
    await createCase(owner, { title: "Zeta harvest two" });
    await createCase(owner, { title: "Zeta harvest hidden", restricted: true });
    expect((await listCases(owner, { q: "zeta harvest" })).total).toBe(3);
    const page = await listCases(reader, { q: "zeta harvest", pageSize: 1 });
    expect([page.total, page.items.length]).toEqual([2, 1]);
    const past = await listCases(reader, { q: "zeta harvest", page: 5, pageSize: 1 });
    expect([past.total, past.items.length]).toEqual([2, 0]);
    // Without filters the total is every case but the hidden one, for each reader.
    expect((await listCases(owner, {})).total).toBe(before.owner + 3);
    expect((await listCases(reader, {})).total).toBe(before.reader + 2);
  });

  it("is rebuilt when its triggers are gone", async () => {
    const user = await createUser();
    const before = await createCase(user, { title: "Before the redefinition" });
    expect(await repairCaseSearchIndex(db())).toBe(false);
    if (dbProvider() !== "sqlite") return;
    // A create inserts the case, then writes its number: both triggers must be gone to miss it.
    await db().$executeRawUnsafe(`DROP TRIGGER "Case_search_insert"`);
    await db().$executeRawUnsafe(`DROP TRIGGER "Case_search_update"`);
    const missed = await createCase(user, { title: "Created without a trigger" });
    expect((await listCases(user, { q: "without a trigger" })).total).toBe(0);
    expect(await repairCaseSearchIndex(db())).toBe(true);
    expect((await listCases(user, { q: "without a trigger" })).items.map((i) => i.id)).toEqual([missed.id]);
    expect((await listCases(user, { q: "before the redef" })).items.map((i) => i.id)).toEqual([before.id]);
    const after = await createCase(user, { title: "After the repair" });
    expect((await listCases(user, { q: "after the repair" })).items.map((i) => i.id)).toEqual([after.id]);
    expect(await repairCaseSearchIndex(db())).toBe(false);
  });
});
