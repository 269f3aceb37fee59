// The one database client of the process. The provider is chosen by DATABASE_URL: SQLite through
// better-sqlite3 (embedded default) or PostgreSQL through pg. Both clients are generated from the
// same models, so the SQLite client's types describe either.
import { PrismaPg } from "@prisma/adapter-pg";
import Database from "better-sqlite3";
import pg from "pg";
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
    const client = new PrismaClient({
      adapter: createSqliteAdapter(sqlitePath(url)),
      transactionOptions: { maxWait: 2 * LOCK_WAIT_MS },
    }) as Db & WithReadConnection;
    const disconnect = client.$disconnect.bind(client);
    client.$disconnect = async () => {
      client[READ_CONNECTION]?.close();
      delete client[READ_CONNECTION];
      await disconnect();
    };
    client[READ_CONNECTION_FILE] = sqlitePath(url);
    return client;
  }
  // A burst of writers larger than the pool (10) waits for a connection up to maxWait; Prisma's
  // default of 2 s failed creates with 500s when 20 arrived at once on a busy machine.
  const client = new PgPrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }), transactionOptions: { maxWait: 10_000 } }) as unknown as Db & WithReadPool;
  const disconnect = client.$disconnect.bind(client);
  client.$disconnect = async () => {
    const pool = client[READ_POOL];
    delete client[READ_POOL];
    await Promise.all([disconnect(), pool?.end()]);
  };
  client[READ_POOL_URL] = url;
  return client;
}

// The read pool and its URL live on the client object under global symbols, not in maps of this
// module: Next bundles this file into several server chunks (instrumentation's job worker, each
// route), each a module instance of its own, while db() shares one client through globalThis. With
// module-level maps only the copy that created the client knew its pool; in `next start` the job
// worker created it first, so the routes found none and every hot read went through Prisma.
const READ_POOL_URL = Symbol.for("lantern.db.readPoolUrl");
const READ_POOL = Symbol.for("lantern.db.readPool");
type WithReadPool = { [READ_POOL_URL]?: string; [READ_POOL]?: pg.Pool };
const READ_CONNECTION_FILE = Symbol.for("lantern.db.readConnectionFile");
const READ_CONNECTION = Symbol.for("lantern.db.readConnection");
type WithReadConnection = { [READ_CONNECTION_FILE]?: string; [READ_CONNECTION]?: SqliteReadConnection };

/** A read-only better-sqlite3 connection with the statements it has prepared, by text. */
export type SqliteReadConnection = { database: Database.Database; statements: Map<string, Database.Statement>; close(): void };

/**
 * SQLite only (undefined on PostgreSQL): a read-only connection of its own beside Prisma's for the
 * hottest read-only statements whose text is fixed (lib/db/query-rows.ts queryHotRows with
 * `prepared`), opened on first use and closed with the client's $disconnect. Through Prisma every
 * raw statement is compiled and its values converted (Dates among them), ~0.18 ms of a case list
 * page's server CPU (decision 0021). In WAL mode a reader sees what was committed when its
 * statement began, as a statement outside a transaction on Prisma's connection does.
 */
export function readConnection(db: Db): SqliteReadConnection | undefined {
  const client = db as Db & WithReadConnection;
  const file = client[READ_CONNECTION_FILE];
  if (!file) return undefined;
  let connection = client[READ_CONNECTION];
  if (!connection) {
    const database = new Database(file, { readonly: true, fileMustExist: true, timeout: 5_000 });
    // A small page cache: the hot statements read index ranges of a few pages (SQLite's default
    // would let this second connection grow to 2 MiB more; issue 11's memory target).
    database.pragma("cache_size = -1024");
    connection = { database, statements: new Map(), close: () => database.close() };
    client[READ_CONNECTION] = connection;
  }
  return connection;
}

/** A PostgreSQL `timestamp` (what Prisma's DateTime is there) holds UTC: read it as UTC, as
 *  Prisma's adapter does (pg's default reads it in the process's time zone). */
const parseUtcTimestamp = (text: string) => new Date(`${text.replace(" ", "T")}Z`);
const TIMESTAMP_OID = 1114;

/**
 * PostgreSQL only (undefined on SQLite): a pg pool of its own beside Prisma's for the hottest
 * read-only statements (lib/db/query-rows.ts queryHotRows), created on first use and ended with
 * the client's $disconnect. Through Prisma every raw statement is compiled and every value
 * converted once more, which cost more server CPU per case list page than the statement cost
 * PostgreSQL (decision 0021).
 */
export function readPool(db: Db): pg.Pool | undefined {
  const client = db as Db & WithReadPool;
  const url = client[READ_POOL_URL];
  if (!url) return undefined;
  let pool = client[READ_POOL];
  if (!pool) {
    pool = new pg.Pool({
      connectionString: url,
      max: 10,
      // Kept open through a quiet spell: pg closes an idle connection after 10 s by default, and
      // a new one costs PostgreSQL a process and cold catalog caches, paid by the next burst of
      // requests (in the bench: the list, measured after 10 s of the trivial route).
      idleTimeoutMillis: 5 * 60_000,
      allowExitOnIdle: true,
      types: { getTypeParser: ((oid: number, format?: "text" | "binary") => (oid === TIMESTAMP_OID ? parseUtcTimestamp : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser },
    });
    // An idle connection that breaks (a restarted server) is dropped from the pool; not a crash.
    pool.on("error", () => {});
    client[READ_POOL] = pool;
  }
  return pool;
}

const globalForDb = globalThis as unknown as { lanternDb?: Db };

export function db(): Db {
  globalForDb.lanternDb ??= createDb(env().databaseUrl);
  return globalForDb.lanternDb;
}

export function dbProvider(): "sqlite" | "postgresql" {
  return env().databaseProvider;
}
