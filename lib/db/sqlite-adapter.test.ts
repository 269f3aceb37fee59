// Transactions on SQLite take the write lock when they begin and wait for another connection's
// write lock instead of failing (lib/db/sqlite-adapter.ts, decision 0009). The "other process" is a
// second better-sqlite3 connection to the same file: SQLite's locks apply between connections.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { BUSY_TIMEOUT_MS, createSqliteAdapter, reuseStatements } from "@/lib/db/sqlite-adapter";
import { PrismaClient } from "@/lib/generated/sqlite/client";

let dir: string;
let file: string;
let client: Db;
let other: Database.Database;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-sqlite-lock-"));
  file = path.join(dir, "lock.db");
  other = new Database(file, { timeout: 0 });
  other.pragma("journal_mode = WAL");
  other.exec(`CREATE TABLE "Note" ("id" INTEGER PRIMARY KEY, "body" TEXT NOT NULL)`);
  client = createDb(`file:${file}`);
});

afterEach(async () => {
  await client.$disconnect();
  if (other.inTransaction) other.exec("ROLLBACK");
  other.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const countNotes = () => (other.prepare(`SELECT count(*) AS n FROM "Note"`).get() as { n: number }).n;

it("holds the write lock from the transaction's start, before its first write", async () => {
  await client.$transaction(async (tx) => {
    await tx.$queryRawUnsafe(`SELECT count(*) FROM "Note"`); // a read only
    expect(() => other.exec("BEGIN IMMEDIATE")).toThrow(expect.objectContaining({ code: "SQLITE_BUSY" }));
  });
  other.exec("BEGIN IMMEDIATE"); // released at commit
  other.exec("ROLLBACK");
});

it("waits for another connection's write lock (read first, then write) and commits once it is free", async () => {
  other.exec("BEGIN IMMEDIATE");
  other.exec(`INSERT INTO "Note" ("body") VALUES ('theirs')`);
  // The other side commits after a while, several synchronous busy waits later.
  const release = setTimeout(() => other.exec("COMMIT"), 10 * BUSY_TIMEOUT_MS);
  try {
    const seen = await client.$transaction(async (tx) => {
      const rows = await tx.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "Note"`);
      await tx.$executeRawUnsafe(`INSERT INTO "Note" ("body") VALUES ('ours')`);
      return Number(rows[0].n);
    });
    expect(seen).toBe(1); // it began after their commit, so it saw their row
  } finally {
    clearTimeout(release);
  }
  expect(countNotes()).toBe(2);
});

it("retries a write outside a transaction while the database is busy", async () => {
  other.exec("BEGIN IMMEDIATE");
  const release = setTimeout(() => other.exec("COMMIT"), 10 * BUSY_TIMEOUT_MS);
  try {
    await client.$executeRawUnsafe(`INSERT INTO "Note" ("body") VALUES ('autocommit')`);
  } finally {
    clearTimeout(release);
  }
  expect(countNotes()).toBe(1);
});

it("gives up with P1008 once its wait is over, and leaves the connection to the next transaction", async () => {
  const impatient = new PrismaClient({ adapter: createSqliteAdapter(file, 300) });
  try {
    other.exec("BEGIN IMMEDIATE");
    const started = Date.now();
    await expect(impatient.$transaction(async (tx) => tx.$executeRawUnsafe(`INSERT INTO "Note" ("body") VALUES ('late')`))).rejects.toMatchObject({
      code: "P1008",
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    const autocommitStarted = Date.now();
    await expect(impatient.$executeRawUnsafe(`INSERT INTO "Note" ("body") VALUES ('late')`)).rejects.toThrow(/SQLITE_BUSY|locked|timed out/i);
    expect(Date.now() - autocommitStarted).toBeGreaterThanOrEqual(300);
    other.exec("ROLLBACK");
    await impatient.$transaction(async (tx) => tx.$executeRawUnsafe(`INSERT INTO "Note" ("body") VALUES ('after')`));
    expect(countNotes()).toBe(1);
  } finally {
    await impatient.$disconnect();
  }
});

it("runs statements outside a transaction on their own connection: they never see, nor join, another request's open transaction", async () => {
  let releaseTx!: () => void;
  const txMayEnd = new Promise<void>((resolve) => (releaseTx = resolve));
  let inserted!: () => void;
  const txInserted = new Promise<void>((resolve) => (inserted = resolve));
  const transaction = client
    .$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`INSERT INTO "Note" ("body") VALUES ('uncommitted')`);
      inserted();
      await txMayEnd;
      throw new Error("roll back");
    })
    .catch((e: Error) => e.message);
  await txInserted;
  // A read from elsewhere in the process while that transaction is open: committed data only.
  const rows = await client.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "Note"`);
  expect(Number(rows[0].n)).toBe(0);
  // A write from elsewhere waits for the transaction and survives its rollback.
  const write = client.$executeRawUnsafe(`INSERT INTO "Note" ("body") VALUES ('independent')`);
  releaseTx();
  expect(await transaction).toBe("roll back");
  await write;
  expect((other.prepare(`SELECT body FROM "Note"`).all() as { body: string }[]).map((r) => r.body)).toEqual(["independent"]);
});

// Prepared statements are kept per SQL text and reused with new arguments (reuseStatements).
it("reuses a prepared statement with each use's own arguments, for reads and writes", async () => {
  for (let i = 0; i < 5; i++) await client.$executeRawUnsafe(`INSERT INTO "Note" ("body") VALUES (?)`, `n${i}`);
  const read = (id: number) => client.$queryRawUnsafe<{ body: string }[]>(`SELECT "body" FROM "Note" WHERE "id" = ?`, id);
  expect((await read(2))[0].body).toBe("n1");
  expect((await read(5))[0].body).toBe("n4");
  expect(await read(99)).toEqual([]);
  expect((await read(1))[0].body).toBe("n0");
  await client.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`INSERT INTO "Note" ("body") VALUES (?)`, "in-tx");
    expect((await tx.$queryRawUnsafe<{ body: string }[]>(`SELECT "body" FROM "Note" WHERE "id" = ?`, 6))[0].body).toBe("in-tx");
  });
  expect(countNotes()).toBe(6);
});

it("keeps a reused statement usable after it failed (a constraint refusal does not poison it)", async () => {
  other.exec(`CREATE TABLE "Tag" ("name" TEXT PRIMARY KEY)`);
  const add = (name: string) => client.$executeRawUnsafe(`INSERT INTO "Tag" ("name") VALUES (?)`, name);
  await add("a");
  await expect(add("a")).rejects.toThrow();
  await add("b");
  await expect(client.$transaction(async (tx) => tx.$executeRawUnsafe(`INSERT INTO "Tag" ("name") VALUES (?)`, "b"))).rejects.toThrow();
  await add("c");
  expect(other.prepare(`SELECT group_concat("name") AS names FROM (SELECT "name" FROM "Tag" ORDER BY 1)`).get()).toEqual({ names: "a,b,c" });
});

it("sees a table's new columns through a statement prepared before the change", async () => {
  const all = () => client.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "Note" ORDER BY "id"`);
  await client.$executeRawUnsafe(`INSERT INTO "Note" ("body") VALUES ('x')`);
  expect(Object.keys((await all())[0]).sort()).toEqual(["body", "id"]);
  other.exec(`ALTER TABLE "Note" ADD COLUMN "pinned" INTEGER NOT NULL DEFAULT 0`);
  expect(Object.keys((await all())[0]).sort()).toEqual(["body", "id", "pinned"]);
});

it("keeps at most the given number of statements and prepares evicted ones again", async () => {
  const prepared: string[] = [];
  const conn = { client: { prepare: (sql: string) => (prepared.push(sql), fakeStatement(sql)) } };
  reuseStatements(conn, 2);
  const use = (sql: string) => (conn.client.prepare(sql) as unknown as { bind(a: unknown[]): { run(): unknown } }).bind([1]).run();
  use("A");
  use("B");
  use("A"); // cached
  use("C"); // evicts B, the least recently used
  use("A"); // still cached
  use("B"); // prepared again
  expect(prepared).toEqual(["A", "B", "C", "B"]);
});

function fakeStatement(sql: string) {
  const stmt = { reader: false, run: (...args: unknown[]) => ({ sql, args }), columns: () => [], raw: () => stmt, all: () => [] };
  return stmt;
}
