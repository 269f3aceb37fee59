// The one database client of the process. The provider is chosen by DATABASE_URL: SQLite through
// better-sqlite3 (embedded default) or PostgreSQL through pg. Both clients are generated from the
// same models, so the SQLite client's types describe either.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/sqlite/client";
import { PrismaClient as PgPrismaClient } from "@/lib/generated/postgresql/client";
import { env } from "@/lib/env";

export type Db = PrismaClient;
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export function sqlitePath(url: string): string {
  return url.replace(/^file:/, "");
}

export function createDb(url: string): Db {
  if (url.startsWith("file:")) {
    return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: sqlitePath(url), timeout: 10_000 }) });
  }
  const client = new PgPrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) });
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
