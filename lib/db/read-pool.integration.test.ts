// The hot reads' pg pool (readPool, lib/db/client.ts) must be found from every copy of the client
// module: Next bundles lib/db/client.ts into several server chunks, each a module instance of its
// own, that share one client through globalThis. Before, only the copy that created the client knew
// its pool, and in `next start` (the job worker creates the client first) every case list and token
// lookup went through Prisma instead (decision 0021, session 7).
import { describe, expect, it, vi } from "vitest";

describe("readPool", () => {
  it("is the same pool (PostgreSQL) or read connection (SQLite) from another module instance of lib/db/client", async () => {
    const first = await import("@/lib/db/client");
    const client = first.db();
    vi.resetModules();
    const second = await import("@/lib/db/client");
    expect(second).not.toBe(first); // a module instance of its own, as in another server chunk
    expect(second.db()).toBe(client);
    const pool = first.readPool(client);
    expect(second.readPool(second.db())).toBe(pool);
    if (first.dbProvider() === "postgresql") {
      expect(pool).toBeDefined();
      // and the copy's hot reads run on it
      const { queryHotRows } = await import("@/lib/db/query-rows");
      const { frag } = await import("@/lib/db/sql-fragment");
      const before = pool!.totalCount;
      expect(await queryHotRows<{ one: number }>(frag(`SELECT 1 AS "one"`))).toEqual([{ one: 1 }]);
      expect(pool!.totalCount).toBeGreaterThanOrEqual(Math.max(1, before));
    } else {
      expect(pool).toBeUndefined();
      // SQLite's read-only connection for the prepared hot reads, the same from either copy.
      const connection = first.readConnection(client);
      expect(connection).toBeDefined();
      expect(second.readConnection(second.db())).toBe(connection);
      const { queryHotRows } = await import("@/lib/db/query-rows");
      const { frag } = await import("@/lib/db/sql-fragment");
      expect(await queryHotRows<{ one: number }>(frag(`SELECT 1 AS "one"`), { prepared: true })).toEqual([{ one: 1 }]);
      expect(connection!.statements.has(`SELECT 1 AS "one"`)).toBe(true);
    }
  });
});
