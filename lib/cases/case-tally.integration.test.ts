// The restricted-case tally (CaseTally "restricted", kept by triggers on "Case") against a real
// count, after concurrent creates and restriction changes, on both providers; and the case list's
// unfiltered total, which reads it, exact for an outsider and a member.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { visibleCasesWhere } from "@/lib/access/case-access";
import { listCases } from "@/lib/cases/list-cases";
import { updateCase } from "@/lib/cases/update-case";
import { db, dbProvider } from "@/lib/db/client";
import { repairCaseTally } from "@/lib/db/dialect";
import { frag, render } from "@/lib/db/sql-fragment";
import { createCase, createUser, ctxFor } from "@/test/factories";

let admin: Actor, manager: Actor, investigator: Actor, outsider: Actor;

beforeAll(async () => {
  admin = await createUser({ role: "ADMIN" });
  manager = await createUser({ role: "MANAGER" });
  investigator = await createUser({ role: "INVESTIGATOR" });
  outsider = await createUser({ role: "INVESTIGATOR" });
});

async function tally(): Promise<number | undefined> {
  return (await db().caseTally.findUnique({ where: { name: "restricted" } }))?.value;
}

/** A statement straight to the database, as an import or a restore would write (`?` parameters). */
const raw = (sql: string, ...params: unknown[]) => db().$executeRawUnsafe(...render(frag(sql, ...params), dbProvider()));

const restrictedCount = () => db().case.count({ where: { restricted: true } });

/** What an actor may see, counted the slow, obvious way (Prisma, the same rule as requireCase). */
const visibleCount = (actor: Actor) => db().case.count({ where: visibleCasesWhere(actor) });

describe("the restricted-case tally", () => {
  it("equals the count of restricted cases after concurrent creates and restriction changes, and the list's total is exact", async () => {
    // Creates, restricted and not, by two people at once.
    const created = await Promise.all(
      Array.from({ length: 30 }, (_, i) => createCase(i % 2 ? manager : investigator, { title: `Tally ${i}`, restricted: i % 3 === 0 })),
    );
    expect(await tally()).toBe(await restrictedCount());
    // Restrictions lifted and set (by an admin, who may change any case) at the same time as more creates.
    const open = created.filter((c) => !c.restricted);
    const hidden = created.filter((c) => c.restricted);
    await Promise.all([
      ...open.slice(0, 8).map((c) => updateCase(ctxFor(admin), c.id, { restricted: true })),
      ...hidden.slice(0, 6).map((c) => updateCase(ctxFor(admin), c.id, { restricted: false })),
      ...Array.from({ length: 10 }, (_, i) => createCase(manager, { title: `Tally more ${i}`, restricted: i % 2 === 0 })),
    ]);
    // A change to other fields, and a "change" to the same restriction, leave it alone.
    await updateCase(ctxFor(admin), open[0].id, { restricted: true, title: "Tally, retitled" });
    const count = await restrictedCount();
    expect(await tally()).toBe(count);
    expect(count).toBeGreaterThan(0);

    for (const actor of [outsider, investigator, manager, admin]) {
      expect((await listCases(actor, {})).total).toBe(await visibleCount(actor));
    }
  });

  it("counts cases written by any path, not only createCase: a raw insert, a raw update and a delete", async () => {
    const before = await tally();
    const id = randomUUID();
    await raw(
      `INSERT INTO "Case" ("id", "number", "title", "summary", "status", "severity", "severityRank", "restricted", "createdById", "version", "createdAt", "updatedAt")
       VALUES (?, ?, 'Imported', '', 'OPEN', 'LOW', 1, TRUE, ?, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
      id,
      `LAN-R-1999-${id.slice(0, 6)}`,
      manager.id,
    );
    expect(await tally()).toBe(before! + 1);
    await raw(`UPDATE "Case" SET "restricted" = FALSE WHERE "id" = ?`, id);
    expect(await tally()).toBe(before);
    await raw(`UPDATE "Case" SET "restricted" = TRUE WHERE "id" = ?`, id);
    await raw(`DELETE FROM "Case" WHERE "id" = ?`, id);
    expect(await tally()).toBe(before);
    expect(await tally()).toBe(await restrictedCount());
  });

  it("a rolled-back create leaves it as it was", async () => {
    const before = await tally();
    await expect(
      db().$transaction(async (tx) => {
        await tx.case.create({ data: { number: `LAN-R-1998-${randomUUID().slice(0, 6)}`, title: "Rolled back", restricted: true, createdById: manager.id } });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await tally()).toBe(before);
  });

  it("without its row the list counts the restricted cases instead, and stays exact", async () => {
    const row = await db().caseTally.delete({ where: { name: "restricted" } });
    try {
      expect((await listCases(outsider, {})).total).toBe(await visibleCount(outsider));
    } finally {
      await db().caseTally.create({ data: row });
    }
  });
});

describe("repairCaseTally, at every migrate", () => {
  it("on SQLite recreates dropped triggers and corrects the value; leaves a sound tally alone (on PostgreSQL: nothing to do)", async () => {
    expect(await repairCaseTally(db())).toBe(false);
    if (dbProvider() !== "sqlite") return;
    // What a table redefinition by a later migration would do: triggers gone, and writes meanwhile.
    for (const name of ["Case_tally_insert", "Case_tally_update", "Case_tally_delete"]) await db().$executeRawUnsafe(`DROP TRIGGER "${name}"`);
    await createCase(manager, { title: "Written without the triggers", restricted: true });
    expect(await tally()).toBe((await restrictedCount()) - 1);
    expect(await repairCaseTally(db())).toBe(true);
    expect(await tally()).toBe(await restrictedCount());
    await createCase(manager, { title: "Written with them again", restricted: true });
    expect(await tally()).toBe(await restrictedCount());
    expect(await repairCaseTally(db())).toBe(false);
  });
});
