// The offline `db` tool end to end: the real wasm schema engine, real SQLite files, and PostgreSQL
// when LANTERN_TEST_PG_URL names a server where the test may create and drop a database.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import {
  applyPendingMigrations,
  createMigration,
  DEFAULT_MIGRATIONS_DIR,
  DEFAULT_SCHEMA_PATH,
  pendingSchemaChanges,
  PROVIDERS,
} from "@/lib/db/migrations";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-migrations-test-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Table names the schema defines (model names, or their @@map). */
function schemaTables(schema: string): string[] {
  return [...schema.matchAll(/^model\s+(\w+)\s*\{([^}]*)\}/gm)].map(([, name, body]) => /@@map\("([^"]+)"\)/.exec(body ?? "")?.[1] ?? name ?? "");
}

function migrationNames(migrationsDir: string, provider: string): string[] {
  const dir = path.join(migrationsDir, provider);
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => /^\d{14}_/.test(n)).sort() : [];
}

function sqliteTables(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  } finally {
    db.close();
  }
}

const WIDGET = `\nmodel Widget {\n  id   String @id @default(cuid())\n  name String\n}\n`;

describe("applyPendingMigrations on SQLite", () => {
  it("applies every committed migration to a fresh file, turns on WAL, and applies nothing the second time", async () => {
    const file = path.join(tmp, "not", "yet", "there.db");
    const url = `file:${file}`;

    const first = await applyPendingMigrations(url);
    expect(first).toEqual({ provider: "sqlite", applied: migrationNames(DEFAULT_MIGRATIONS_DIR, "sqlite") });
    expect(first.applied.length).toBeGreaterThan(0);

    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      const recorded = db.prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1").pluck().all();
      expect(recorded).toEqual(first.applied);
    } finally {
      db.close();
    }
    const schema = fs.readFileSync(DEFAULT_SCHEMA_PATH, "utf8");
    expect(sqliteTables(file)).toEqual(expect.arrayContaining([...schemaTables(schema), "_prisma_migrations"]));

    expect(await applyPendingMigrations(url)).toEqual({ provider: "sqlite", applied: [] });
  });
});

describe("createMigration and pendingSchemaChanges in a temporary folder", () => {
  const dir = path.join(tmp, "project");
  const schemaPath = path.join(dir, "prisma", "schema.prisma");
  const migrationsDir = path.join(dir, "prisma", "migrations");
  const opts = { schemaPath, migrationsDir };
  const now = new Date("2030-01-02T03:04:05Z");

  it("creates the first migration for both providers, then nothing while the schema is unchanged", async () => {
    fs.mkdirSync(path.dirname(schemaPath), { recursive: true });
    fs.copyFileSync(DEFAULT_SCHEMA_PATH, schemaPath);

    const created = await createMigration("Init", { ...opts, now });
    expect(created.map((m) => [m.provider, m.name])).toEqual([
      ["sqlite", "20300102030405_init"],
      ["postgresql", "20300102030405_init"],
    ]);
    for (const m of created) {
      expect(m.sql).toContain('CREATE TABLE "User"');
      expect(fs.readFileSync(path.join(m.dir, "migration.sql"), "utf8")).toBe(m.sql);
      expect(fs.readFileSync(path.join(migrationsDir, m.provider, "migration_lock.toml"), "utf8")).toContain(`provider = "${m.provider}"`);
    }
    const pgSnapshot = fs.readFileSync(path.join(created[1]!.dir, "schema.prisma"), "utf8");
    expect(pgSnapshot).toContain('provider = "postgresql"');
    expect(pgSnapshot).toContain('output       = "../../lib/generated/postgresql"');

    expect(await createMigration("again", opts)).toEqual([]);
    expect(await pendingSchemaChanges(opts)).toEqual([]);
    for (const provider of PROVIDERS) expect(migrationNames(migrationsDir, provider)).toEqual(["20300102030405_init"]);
  });

  it("reports a schema change without a migration, and `new` turns it into CREATE TABLE for both providers", async () => {
    fs.appendFileSync(schemaPath, WIDGET);

    const pending = await pendingSchemaChanges(opts);
    expect(pending.map((c) => c.provider)).toEqual(["sqlite", "postgresql"]);
    for (const c of pending) expect(c.summary).toContain("Widget");

    // Same clock as the first migration: the new folder must still sort after it.
    const created = await createMigration("add widget", { ...opts, now });
    expect(created.map((m) => m.name)).toEqual(["20300102030406_add_widget", "20300102030406_add_widget"]);
    for (const m of created) {
      expect(m.sql).toContain('CREATE TABLE "Widget"');
      expect(m.sql).not.toContain('CREATE TABLE "User"');
    }
    expect(await pendingSchemaChanges(opts)).toEqual([]);

    const file = path.join(tmp, "widget.db");
    const applied = await applyPendingMigrations(`file:${file}`, opts);
    expect(applied.applied).toEqual(["20300102030405_init", "20300102030406_add_widget"]);
    expect(sqliteTables(file)).toContain("Widget");
  });
});

describe("committed migrations", () => {
  it("exist for every provider and are up to date with prisma/schema.prisma", async () => {
    for (const provider of PROVIDERS) {
      expect(migrationNames(DEFAULT_MIGRATIONS_DIR, provider).length, `no ${provider} migrations`).toBeGreaterThan(0);
    }
    const changes = await pendingSchemaChanges();
    const report = changes.map((c) => `[${c.provider}]\n${c.summary}`).join("\n");
    expect(changes, `prisma/schema.prisma changed without a migration; run: npm run db -- new <name>\n${report}`).toEqual([]);
  });
});

// The PostgreSQL lane (LANTERN_TEST_DB=postgresql) provides its throwaway cluster; LANTERN_TEST_PG_URL
// may name another server. The SQLite lane does not define this suite at all.
const pgUrl = process.env.LANTERN_TEST_PG_URL || inject("pgAdminUrl");

if (pgUrl) describe("applyPendingMigrations on PostgreSQL", () => {
  it("applies every committed migration to a fresh database, and nothing the second time", async () => {
    const name = `lantern_migrations_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    try {
      const url = new URL(pgUrl!);
      url.pathname = `/${name}`;
      const first = await applyPendingMigrations(url.toString());
      expect(first).toEqual({ provider: "postgresql", applied: migrationNames(DEFAULT_MIGRATIONS_DIR, "postgresql") });

      const check = new pg.Client({ connectionString: url.toString() });
      await check.connect();
      try {
        const { rows } = await check.query<{ table_name: string }>(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
        );
        const schema = fs.readFileSync(DEFAULT_SCHEMA_PATH, "utf8");
        expect(rows.map((r) => r.table_name)).toEqual(expect.arrayContaining([...schemaTables(schema), "_prisma_migrations"]));
      } finally {
        await check.end();
      }
      expect(await applyPendingMigrations(url.toString())).toEqual({ provider: "postgresql", applied: [] });
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });
});
