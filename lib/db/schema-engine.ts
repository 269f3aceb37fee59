// Prisma's schema engine as WebAssembly (@prisma/schema-engine-wasm), so migrations never need the
// native binary the Prisma CLI downloads. See docs/decisions/0001-offline-migrations.md.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  mockAdapter,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlResultSet,
} from "@prisma/driver-adapter-utils";

export type { SchemaEngine };
export type Provider = "sqlite" | "postgresql";

export interface SchemaFile {
  path: string;
  content: string;
}

export interface EngineOptions {
  provider: Provider;
  /** The schema the engine starts with (the provider's current schema). */
  schema: SchemaFile;
  /** Database to connect to. Without it the engine gets an offline stand-in: schema-to-schema diffs only. */
  url?: string;
}

let loaded: Promise<void> | undefined;

// The package's ESM entry imports the .wasm file directly, which Node 20 cannot do: instantiate it
// here with the JS glue as its import object, once per process.
function loadWasm(): Promise<void> {
  loaded ??= (async () => {
    const gluePath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
    // The engine arms 10 s timers (e.g. around PostgreSQL's migration lock) and never clears them,
    // which would keep the process alive for 10 s after a migration: unref them instead.
    const imports: Record<string, unknown> = { ...glue };
    for (const key of Object.keys(glue).filter((k) => k.startsWith("__wbg_setTimeout_"))) {
      imports[key] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
    }
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": imports as WebAssembly.ModuleImports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return loaded;
}

/** `file:/a/b.db` -> `/a/b.db`, the same rule as lib/db/client.ts. */
export function sqliteFilePath(url: string): string {
  return url.replace(/^file:/, "");
}

export function providerOf(url: string): Provider {
  return url.startsWith("file:") ? "sqlite" : "postgresql";
}

// Stands in for a database when only schemas are diffed. The PostgreSQL connector still asks the
// server for its version when the engine starts, so answer that one query as a PostgreSQL 15 would.
function offlineFactory(provider: Provider): SqlMigrationAwareDriverAdapterFactory {
  const name = provider === "sqlite" ? "sqlite" : "postgres";
  const probe: SqlResultSet = {
    columnNames: ["exists", "version", "numeric_version"],
    columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
    rows: [[true, "PostgreSQL 15.0 (offline)", 150000]],
  };
  const connect = async (): Promise<SqlDriverAdapter> => ({
    ...mockAdapter(name),
    adapterName: "lantern-offline",
    queryRaw: async (query) => {
      if (name === "postgres" && query.sql.includes("server_version_num")) return probe;
      throw new Error(`No database connected (schema-only engine) for query: ${query.sql}`);
    },
    dispose: async () => undefined,
  });
  return { provider: name, adapterName: "lantern-offline", connect, connectToShadowDb: connect };
}

async function adapterFactory(provider: Provider, url?: string): Promise<SqlMigrationAwareDriverAdapterFactory> {
  if (url === undefined) return offlineFactory(provider);
  if (provider === "sqlite") {
    const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaBetterSqlite3({ url: sqliteFilePath(url), timeout: 10_000 });
  }
  const { PrismaPg } = await import("@prisma/adapter-pg");
  return new PrismaPg({ connectionString: url, max: 2 });
}

// Remembers every connection the engine opens so they can all be closed afterwards: freeing the
// engine alone leaves a pg pool or SQLite handle open, which keeps the process alive.
function tracking(factory: SqlMigrationAwareDriverAdapterFactory) {
  const opened: SqlDriverAdapter[] = [];
  const track = async (connection: Promise<SqlDriverAdapter>) => {
    const adapter = await connection;
    opened.push(adapter);
    return adapter;
  };
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => track(factory.connect()),
    connectToShadowDb: () => track(factory.connectToShadowDb()),
  };
  const closeAll = async () => {
    for (const adapter of opened.splice(0)) await adapter.dispose().catch(() => undefined);
  };
  return { tracked, closeAll };
}

/** Runs `fn` with a fresh engine and always frees the engine and its connections afterwards. */
export async function withSchemaEngine<T>(opts: EngineOptions, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  await loadWasm();
  const { tracked, closeAll } = tracking(await adapterFactory(opts.provider, opts.url));
  const logs: string[] = [];
  const log = (line: string) => {
    logs.push(line);
    if (logs.length > 20) logs.shift();
  };
  const bound = bindMigrationAwareSqlAdapterFactory(tracked);
  let engine: SchemaEngine | undefined;
  try {
    engine = await glue.SchemaEngine.new({ datamodels: [[opts.schema.path, opts.schema.content]] }, log, bound);
    return await fn(engine);
  } catch (error) {
    throw engineError(error, (id) => bound.errorRegistry.consumeError(id)?.error, logs);
  } finally {
    engine?.free();
    await closeAll();
  }
}

// A JavaScript error thrown inside the adapter reaches us only as "External error id#N", N indexing
// the adapter's error registry: put the real error back. Database errors arrive with their message.
function engineError(error: unknown, external: (id: number) => unknown, logs: string[]): Error {
  const message = error instanceof Error ? error.message : typeof error === "string" ? error : JSON.stringify(error);
  const id = /External error id#(\d+)/.exec(message)?.[1];
  const cause = id === undefined ? undefined : external(Number(id));
  if (cause instanceof Error) return cause;
  if (error instanceof Error) return error;
  return new Error(`Schema engine: ${message}${logs.length ? `\nRecent engine log:\n${logs.join("\n")}` : ""}`);
}
