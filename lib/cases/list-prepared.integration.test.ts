// The first page of the unfiltered case list and the API token lookup run as prepared statements
// (queryHotRows { prepared }, decision 0021: named pg statements on PostgreSQL, statements of a
// read-only connection on SQLite): one statement text shared by every actor,
// planned once per connection, must still answer each actor their own rows and total, also after
// PostgreSQL switches to its generic plan (from the sixth run on).
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { visibleCasesWhere } from "@/lib/access/case-access";
import { listCases } from "@/lib/cases/list-cases";
import { createApiToken, tokenAccess } from "@/lib/auth/api-tokens";
import { db, dbProvider, readPool } from "@/lib/db/client";
import { createCase, createUser, SYSTEM_CONTEXT } from "@/test/factories";

let manager: Actor, member: Actor, outsider: Actor, admin: Actor;

beforeAll(async () => {
  [manager, member, outsider, admin] = await Promise.all([
    createUser({ role: "MANAGER" }),
    createUser({ role: "INVESTIGATOR" }),
    createUser({ role: "INVESTIGATOR" }),
    createUser({ role: "ADMIN" }),
  ]);
  const hidden = await createCase(manager, { title: "Prepared hidden", restricted: true, leadId: member.id });
  await createCase(manager, { title: "Prepared open" });
  expect(hidden.restricted).toBe(true);
});

/** The first page and total the slow, obvious way (Prisma), newest change first. */
async function expected(actor: Actor, take: number) {
  const where = visibleCasesWhere(actor);
  const [rows, total] = await Promise.all([
    db().case.findMany({ where, orderBy: [{ updatedAt: "desc" }, { id: "desc" }], take, select: { id: true } }),
    db().case.count({ where }),
  ]);
  return { ids: rows.map((r) => r.id), total };
}

describe("the prepared first page of the case list", () => {
  it("answers each actor their own page and total, run after run", async () => {
    const want = new Map<Actor, Awaited<ReturnType<typeof expected>>>();
    for (const actor of [manager, member, outsider, admin]) want.set(actor, await expected(actor, 25));
    expect(want.get(member)!.total).toBe(want.get(outsider)!.total + 1);
    for (let run = 0; run < 8; run++) {
      for (const actor of [manager, member, outsider, admin]) {
        const page = await listCases(actor, run % 2 ? {} : { pageSize: "25", page: "1" });
        expect({ ids: page.items.map((c) => c.id), total: page.total }).toEqual(want.get(actor));
      }
    }
    // Each row as the unprepared path (Prisma on SQLite, an unnamed statement on PostgreSQL)
    // shapes it: timestamps, flags, lead and tags alike (page size 24 is not prepared).
    const preparedPage = await listCases(member, {});
    const plain = await listCases(member, { pageSize: "24" });
    expect(preparedPage.items.slice(0, 24)).toEqual(plain.items);
    expect(preparedPage.items.some((c) => c.restricted)).toBe(true);
    // Another page size and page 2 (not prepared) agree with it.
    const small = await listCases(outsider, { pageSize: "1", page: "2" });
    expect(small.items.map((c) => c.id)).toEqual(want.get(outsider)!.ids.slice(1, 2));
    if (dbProvider() === "postgresql") {
      // The pool reuses the connection it just released: the statement is prepared on it.
      const { rows } = await readPool(db())!.query(`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE 'hot_%' AND statement LIKE '%FROM "Case" c%'`);
      expect(rows[0].n).toBeGreaterThan(0);
    }
  });

  it("the token lookup, prepared, tells tokens apart", async () => {
    const a = await createApiToken(member.id, SYSTEM_CONTEXT, { name: "prepared a" });
    const b = await createApiToken(outsider.id, SYSTEM_CONTEXT, { name: "prepared b" });
    for (let run = 0; run < 7; run++) {
      expect((await tokenAccess(a.token))?.actor.id).toBe(member.id);
      expect((await tokenAccess(b.token))?.actor.id).toBe(outsider.id);
      expect(await tokenAccess(`${a.token}x`)).toBeNull();
    }
  });
});
