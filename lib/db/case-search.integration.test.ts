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

  it("is rebuilt when its triggers are gone", async () => {
    const user = await createUser();
    const before = await createCase(user, { title: "Before the redefinition" });
    expect(await repairCaseSearchIndex(db())).toBe(false);
    if (dbProvider() !== "sqlite") return;
    await db().$executeRawUnsafe(`DROP TRIGGER "Case_search_insert"`);
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
