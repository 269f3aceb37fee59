// Lantern's own migration workflow on top of the WebAssembly schema engine: no Prisma CLI download,
// no shadow database. Layout, per provider:
//   prisma/migrations/<provider>/migration_lock.toml
//   prisma/migrations/<provider>/<YYYYMMDDHHMMSS>_<name>/migration.sql   (what gets applied)
//   prisma/migrations/<provider>/<YYYYMMDDHHMMSS>_<name>/schema.prisma   (snapshot: the next diff's "from")
import { spawn } from "node:child_process";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { MigrationList, SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { providerOf, sqliteFilePath, withSchemaEngine, type Provider, type SchemaFile } from "./schema-engine";

export type { Provider };
export const PROVIDERS: readonly Provider[] = ["sqlite", "postgresql"];

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const DEFAULT_SCHEMA_PATH = path.join(ROOT, "prisma", "schema.prisma");
export const DEFAULT_MIGRATIONS_DIR = path.join(ROOT, "prisma", "migrations");

export interface PathOptions {
  /** The single source schema (SQLite). Default: prisma/schema.prisma. */
  schemaPath?: string;
  /** Root holding one folder per provider. Default: prisma/migrations. */
  migrationsDir?: string;
}

export interface CreatedMigration {
  provider: Provider;
  name: string;
  dir: string;
  sql: string;
}

export interface SchemaChange {
  provider: Provider;
  /** The engine's human-readable summary of what changed since the last migration. */
  summary: string;
}

export interface ApplyResult {
  provider: Provider;
  applied: string[];
}

const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };
const SNAPSHOT = "schema.prisma";
const LOCKFILE = "migration_lock.toml";

function resolvePaths(opts: PathOptions = {}) {
  return {
    schemaPath: path.resolve(opts.schemaPath ?? DEFAULT_SCHEMA_PATH),
    migrationsDir: path.resolve(opts.migrationsDir ?? DEFAULT_MIGRATIONS_DIR),
  };
}

/** Where the derived PostgreSQL schema lives: `postgresql/schema.prisma` beside the source. */
export function postgresqlSchemaPath(schemaPath = DEFAULT_SCHEMA_PATH): string {
  return path.join(path.dirname(path.resolve(schemaPath)), "postgresql", "schema.prisma");
}

// Replaces `key = "..."` inside the first `<kind> <name> { ... }` block, or fails loudly.
function replaceInBlock(schema: string, kind: string, key: string, replace: (value: string) => string): string {
  const block = new RegExp(`(${kind}\\s+\\w+\\s*\\{[^}]*?\\b${key}\\s*=\\s*")([^"]*)(")`);
  if (!block.test(schema)) throw new Error(`Schema has no ${key} in a ${kind} block`);
  return schema.replace(block, (_m, head: string, value: string, tail: string) => head + replace(value) + tail);
}

/** The source schema with provider "postgresql" and the client output moved from .../sqlite to .../postgresql. */
export function derivePostgresqlSchema(source: string, schemaPath = DEFAULT_SCHEMA_PATH): string {
  const sourceDir = path.dirname(path.resolve(schemaPath));
  const targetDir = path.dirname(postgresqlSchemaPath(schemaPath));
  let out = replaceInBlock(source, "datasource", "provider", (v) => {
    if (v !== "sqlite") throw new Error(`Source schema must use provider "sqlite", found "${v}"`);
    return "postgresql";
  });
  out = replaceInBlock(out, "generator", "output", (v) => {
    const pgOutput = path.join(path.dirname(path.resolve(sourceDir, v)), "postgresql");
    return path.relative(targetDir, pgOutput).split(path.sep).join("/");
  });
  return out;
}

/** The current schema as the given provider sees it. */
export async function currentSchema(provider: Provider, schemaPath = DEFAULT_SCHEMA_PATH): Promise<SchemaFile> {
  const source = await readFile(schemaPath, "utf8");
  if (provider === "sqlite") return { path: path.resolve(schemaPath), content: source };
  return { path: postgresqlSchemaPath(schemaPath), content: derivePostgresqlSchema(source, schemaPath) };
}

async function listMigrations(providerDir: string): Promise<string[]> {
  const entries = await readdir(providerDir, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return [];
    throw e;
  });
  return entries.filter((e) => e.isDirectory() && /^\d{14}_/.test(e.name)).map((e) => e.name).sort();
}

async function readIfExists(file: string): Promise<string | null> {
  return readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return null;
    throw e;
  });
}

async function latestSnapshot(providerDir: string): Promise<SchemaFile | null> {
  const last = (await listMigrations(providerDir)).at(-1);
  if (last === undefined) return null;
  const file = path.join(providerDir, last, SNAPSHOT);
  const content = await readIfExists(file);
  if (content === null) throw new Error(`Migration ${last} has no ${SNAPSHOT} snapshot (${file}); cannot diff from it`);
  return { path: file, content };
}

async function readMigrationList(providerDir: string): Promise<MigrationList> {
  const names = await listMigrations(providerDir);
  const migrationDirectories = await Promise.all(
    names.map(async (name) => {
      const content = await readIfExists(path.join(providerDir, name, "migration.sql"));
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: content === null ? { tag: "error" as const, value: "migration.sql is missing" } : { tag: "ok" as const, value: content },
        },
      };
    }),
  );
  return {
    baseDir: providerDir,
    lockfile: { path: LOCKFILE, content: await readIfExists(path.join(providerDir, LOCKFILE)) },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

// Schema-to-schema diff; null when there is nothing to do.
async function diff(engine: SchemaEngine, from: SchemaFile | null, to: SchemaFile, script: boolean): Promise<string | null> {
  const result = await engine.diff({
    from: from === null ? { tag: "empty" } : { tag: "schemaDatamodel", files: [from] },
    to: { tag: "schemaDatamodel", files: [to] },
    script,
    exitCode: true,
    filters: NO_FILTER,
  });
  return result.exitCode === 2 ? (result.stdout ?? "") : null;
}

/** `20250131235959` in UTC, like Prisma's migration folders. */
function timestamp(date: Date): string {
  return date.toISOString().replace(/\D/g, "").slice(0, 14);
}

/** Lowercase words joined by `_`, as Prisma names migration folders. */
export function migrationSlug(name: string): string {
  const slug = name.trim().toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  if (slug === "") throw new Error(`Invalid migration name: "${name}" (use letters, digits, _ or -)`);
  return slug;
}

/**
 * For each provider, diff the last migration's snapshot (or nothing) to the current schema and, if
 * anything changed, write a new migration folder. Returns what was written; empty when up to date.
 */
export async function createMigration(name: string, opts: PathOptions & { now?: Date } = {}): Promise<CreatedMigration[]> {
  const { schemaPath, migrationsDir } = resolvePaths(opts);
  const slug = migrationSlug(name);
  const plans: { provider: Provider; providerDir: string; schema: SchemaFile; sql: string; last?: string }[] = [];
  for (const provider of PROVIDERS) {
    const providerDir = path.join(migrationsDir, provider);
    const schema = await currentSchema(provider, schemaPath);
    const from = await latestSnapshot(providerDir);
    const sql = await withSchemaEngine({ provider, schema }, (engine) => diff(engine, from, schema, true));
    if (sql !== null) plans.push({ provider, providerDir, schema, sql, last: (await listMigrations(providerDir)).at(-1) });
  }
  // One timestamp for all providers, always later than every existing migration.
  let stamp = timestamp(opts.now ?? new Date());
  for (const plan of plans) {
    const lastStamp = plan.last?.slice(0, 14);
    if (lastStamp !== undefined && lastStamp >= stamp) stamp = String(BigInt(lastStamp) + 1n);
  }
  const created: CreatedMigration[] = [];
  for (const { provider, providerDir, schema, sql } of plans) {
    const migrationName = `${stamp}_${slug}`;
    const dir = path.join(providerDir, migrationName);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "migration.sql"), sql);
    await writeFile(path.join(dir, SNAPSHOT), schema.content);
    await writeFile(
      path.join(providerDir, LOCKFILE),
      `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`,
    );
    created.push({ provider, name: migrationName, dir, sql });
  }
  return created;
}

/** Providers whose current schema differs from their latest migration snapshot (a change without a migration). */
export async function pendingSchemaChanges(opts: PathOptions = {}): Promise<SchemaChange[]> {
  const { schemaPath, migrationsDir } = resolvePaths(opts);
  const changes: SchemaChange[] = [];
  for (const provider of PROVIDERS) {
    const schema = await currentSchema(provider, schemaPath);
    const from = await latestSnapshot(path.join(migrationsDir, provider));
    const summary = await withSchemaEngine({ provider, schema }, (engine) => diff(engine, from, schema, false));
    if (summary !== null) changes.push({ provider, summary: summary.trim() });
  }
  return changes;
}

/**
 * Applies the migrations not yet recorded in the database's `_prisma_migrations` table. The provider
 * comes from the URL (`file:` is SQLite). Closes every connection before returning.
 */
export async function applyPendingMigrations(url: string, opts: PathOptions = {}): Promise<ApplyResult> {
  const { schemaPath, migrationsDir } = resolvePaths(opts);
  const provider = providerOf(url);
  const providerDir = path.join(migrationsDir, provider);
  const migrationsList = await readMigrationList(providerDir);
  if (migrationsList.migrationDirectories.length === 0) {
    throw new Error(`No ${provider} migrations in ${providerDir} (create one with: npm run db -- new init)`);
  }
  if (provider === "sqlite") await prepareSqliteFile(sqliteFilePath(url));
  const schema = await currentSchema(provider, schemaPath);
  const { appliedMigrationNames } = await withSchemaEngine({ provider, schema, url }, (engine) =>
    engine.applyMigrations({ migrationsList, filters: NO_FILTER }),
  );
  return { provider, applied: appliedMigrationNames };
}

// Creates the folder and turns on WAL (a persistent property of the database file).
async function prepareSqliteFile(file: string): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
  } finally {
    db.close();
  }
}

/**
 * Writes prisma/postgresql/schema.prisma from the source schema and runs `prisma generate` for both.
 * PRISMA_SCHEMA_ENGINE_BINARY points at a throwaway stub so the CLI never tries to download its
 * native engine (generate does not run it). No database is needed.
 */
export async function generateClients(opts: Pick<PathOptions, "schemaPath"> = {}): Promise<void> {
  const { schemaPath } = resolvePaths(opts);
  const pg = await currentSchema("postgresql", schemaPath);
  await mkdir(path.dirname(pg.path), { recursive: true });
  if ((await readIfExists(pg.path)) !== pg.content) await writeFile(pg.path, pg.content);

  const stubDir = await mkdtemp(path.join(os.tmpdir(), "lantern-prisma-"));
  try {
    const stub = path.join(stubDir, "schema-engine");
    await writeFile(stub, "#!/bin/sh\nexit 0\n");
    await chmod(stub, 0o755);
    const cli = createRequire(import.meta.url).resolve("prisma/build/index.js");
    const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: stub, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };
    for (const schema of [schemaPath, pg.path]) {
      await run(process.execPath, [cli, "generate", "--schema", schema], env);
    }
  } finally {
    await rm(stubDir, { recursive: true, force: true });
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(args[0] ?? command)} ${args.slice(1).join(" ")} failed (${signal ?? code})`)),
    );
  });
}
