// The one database client of the process. The provider is chosen by DATABASE_URL: SQLite through
// better-sqlite3 (embedded default) or PostgreSQL through pg. Both clients are generated from the
// same models, so the SQLite client's types describe either.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/sqlite/client";
import { PrismaClient as PgPrismaClient } from "@/lib/generated/postgresql/client";
import { createSqliteAdapter, LOCK_WAIT_MS } from "@/lib/db/sqlite-adapter";
import { env } from "@/lib/env";

export type Db = PrismaClient;
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export function sqlitePath(url: string): string {
  return url.replace(/^file:/, "");
}

export function createDb(url: string): Db {
  if (url.startsWith("file:")) {
    // Every transaction takes SQLite's write lock up front and waits for it up to LOCK_WAIT_MS
    // (lib/db/sqlite-adapter.ts, decision 0009); Prisma's own wait to start one (maxWait, 2 s by
    // default) also covers the queue of this process's transactions ahead of it, so it is longer.
    return new PrismaClient({
      adapter: createSqliteAdapter(sqlitePath(url)),
      transactionOptions: { maxWait: 2 * LOCK_WAIT_MS },
    });
  }
  // A burst of writers larger than the pool (10) waits for a connection up to maxWait; Prisma's
  // default of 2 s failed creates with 500s when 20 arrived at once on a busy machine.
  const client = new PgPrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }), transactionOptions: { maxWait: 10_000 } });
  return client as unknown as Db;
}

const globalForDb = globalThis as unknown as { lanternDb?: Db };

export function db(): Db {
  globalForDb.lanternDb ??= createDb(env().databaseUrl);
  return globalForDb.lanternDb;
}

export function dbProvider(): "sqlite" | "postgresql" {
  return env().databaseProvider;
}
