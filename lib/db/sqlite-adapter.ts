// SQLite through better-sqlite3, with transactions that take the write lock up front and wait for
// it without timing another process out (decision 0009).
//
// Prisma's better-sqlite3 adapter opens every transaction with a plain (deferred) BEGIN: the
// transaction reads first and asks for the write lock at its first write. If another process (the
// admin CLI, a second instance) wrote in between, that upgrade fails at once with SQLITE_BUSY
// (SQLite cannot wait there without risking a deadlock), which Prisma reports as P1008. So every
// transaction here is turned into BEGIN IMMEDIATE before Prisma runs anything in it: it holds the
// write lock from its first statement to COMMIT, and nothing inside it can be refused for a lock.
// Waiting for that lock is bounded: a short synchronous busy timeout (better-sqlite3 blocks the
// event loop while SQLite waits), then retries after short asynchronous pauses until LOCK_WAIT_MS.
// Statements outside a transaction that meet a busy database are retried the same way; a statement
// refused with SQLITE_BUSY did nothing, so running it again is safe.
// Statements outside a transaction run on a connection of their own: the adapter keeps one
// connection and runs a transaction on it across awaits, so a plain statement issued meanwhile by
// another request would otherwise run inside that transaction (reading its uncommitted rows, and
// lost with it if it rolls back). On their own connection they see only committed data (WAL), and a
// write waits (asynchronously, by the retries) for the transaction to commit.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import {
  isDriverAdapterError,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlDriverAdapterFactory,
  type SqlQuery,
  type Transaction,
} from "@prisma/driver-adapter-utils";

/** One synchronous wait for a lock inside SQLite (the event loop is blocked meanwhile). */
export const BUSY_TIMEOUT_MS = 50;
/** The whole wait for the write lock (or any busy statement), across retries. */
export const LOCK_WAIT_MS = 15_000;

export function createSqliteAdapter(file: string, lockWaitMs = LOCK_WAIT_MS): SqlDriverAdapterFactory {
  const inner = new PrismaBetterSqlite3({ url: file, timeout: BUSY_TIMEOUT_MS });
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => new ImmediateTransactionAdapter(reuseStatements(await inner.connect()), reuseStatements(await inner.connect()), lockWaitMs),
  };
}

/** How many distinct SQL texts each connection keeps prepared. */
export const STATEMENT_CACHE_SIZE = 512;

type Statement = { reader: boolean; run(...args: unknown[]): unknown; columns(): unknown[]; raw(on?: boolean): Statement; all(...args: unknown[]): unknown[] };
type Connection = { prepare(sql: string): Statement };

/**
 * Prisma's adapter prepares every statement anew (SQLite parses and plans the SQL each time, about
 * a tenth of a transition's CPU; decision 0009) and binds its arguments with bind(), which
 * better-sqlite3 allows once per statement. Keep the prepared statements of the last
 * STATEMENT_CACHE_SIZE distinct SQL texts per connection and hand the adapter a fresh view of one
 * for each use, passing its arguments at run time instead. Only the calls the adapter makes are
 * offered (bind, reader, run, columns, raw().all()); if its internals ever change shape, the
 * connection is left as it is.
 */
export function reuseStatements<T>(adapter: T, size = STATEMENT_CACHE_SIZE): T {
  const client = (adapter as { client?: Connection }).client;
  if (!client || typeof client.prepare !== "function") return adapter;
  const prepare = client.prepare.bind(client);
  const cache = new Map<string, Statement>();
  const use = (sql: string): Statement => {
    let stmt = cache.get(sql);
    if (stmt) {
      cache.delete(sql); // most recently used goes last
    } else {
      stmt = prepare(sql);
      if (cache.size >= size) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, stmt);
    return stmt;
  };
  const bound = (stmt: Statement, args: unknown[]) => {
    // The adapter asks for the columns before the rows. A statement kept across a schema change
    // (a migration by another process) is planned again by SQLite when it runs, so run it first and
    // describe its columns after, as they now are.
    let rows: unknown[] | undefined;
    const all = () => (rows ??= stmt.raw(true).all(...args));
    return {
      get reader() {
        return stmt.reader;
      },
      run: () => stmt.run(...args),
      columns: () => (all(), stmt.columns()),
      raw: () => ({ all }),
    };
  };
  client.prepare = ((sql: string) => {
    const stmt = use(sql);
    return { ...bound(stmt, []), get reader() { return stmt.reader; }, bind: (args: unknown[]) => bound(stmt, Array.isArray(args) ? [args] : [args]) };
  }) as unknown as Connection["prepare"];
  return adapter;
}

const statement = (sql: string): SqlQuery => ({ sql, args: [], argTypes: [] });

class ImmediateTransactionAdapter implements SqlDriverAdapter {
  readonly provider: SqlDriverAdapter["provider"];
  readonly adapterName: string;
  readonly getConnectionInfo?: SqlDriverAdapter["getConnectionInfo"];

  constructor(
    private readonly inner: SqlDriverAdapter,
    /** A second connection for statements outside any transaction. */
    private readonly outside: SqlDriverAdapter,
    private readonly lockWaitMs: number,
  ) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
    if (inner.getConnectionInfo) this.getConnectionInfo = () => inner.getConnectionInfo!();
  }

  queryRaw(query: SqlQuery) {
    return retryWhileBusy(() => this.outside.queryRaw(query), this.lockWaitMs);
  }

  executeRaw(query: SqlQuery) {
    return retryWhileBusy(() => this.outside.executeRaw(query), this.lockWaitMs);
  }

  executeScript(script: string) {
    return retryWhileBusy(() => this.outside.executeScript(script), this.lockWaitMs);
  }

  async dispose() {
    await Promise.all([this.inner.dispose(), this.outside.dispose()]);
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    // The inner adapter queues transactions on this connection (one at a time) and issues a
    // deferred BEGIN, which takes no lock. End that empty transaction and begin again, immediate.
    const tx = await this.inner.startTransaction(isolationLevel);
    try {
      await tx.executeRaw(statement("ROLLBACK"));
      await retryWhileBusy(() => tx.executeRaw(statement("BEGIN IMMEDIATE")), this.lockWaitMs);
      return tx;
    } catch (e) {
      await tx.rollback(); // gives the connection to the next transaction; no transaction is open
      throw e;
    }
  }
}

export function isBusyError(e: unknown): boolean {
  return isDriverAdapterError(e) && (e.cause.originalCode ?? "").startsWith("SQLITE_BUSY");
}

/** Runs `attempt` until it is not refused as busy, with jittered pauses of up to 25 ms, for up to waitMs. */
async function retryWhileBusy<T>(attempt: () => Promise<T>, waitMs: number): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (let pause = 1; ; pause = Math.min(pause * 2, 25)) {
    try {
      return await attempt();
    } catch (e) {
      if (!isBusyError(e) || Date.now() >= deadline) throw e;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.ceil(pause * (0.5 + Math.random()))));
  }
}
