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

/** A copy of the committed migrations in a temporary folder: those before `name`; after `release()`, all of them. */
function migrationsUpTo(name: string): { dir: string; release: () => void } {
  const dir = fs.mkdtempSync(path.join(tmp, "migrations-"));
  const copy = (all: boolean) => {
    for (const provider of PROVIDERS) {
      const from = path.join(DEFAULT_MIGRATIONS_DIR, provider);
      const names = migrationNames(DEFAULT_MIGRATIONS_DIR, provider);
      const at = names.findIndex((n) => n.endsWith(`_${name}`));
      expect(at, `${provider} migration ${name}`).toBeGreaterThan(0);
      const later = new Set(names.slice(at));
      fs.cpSync(from, path.join(dir, provider), {
        recursive: true,
        filter: (src) => all || !later.has(path.relative(from, src).split(path.sep)[0] ?? ""),
      });
    }
  };
  copy(false);
  return { dir, release: () => copy(true) };
}

describe("the restricted_case_series migration on SQLite", () => {
  it("keeps an existing year's counter as the normal series' counter", async () => {
    const { dir, release } = migrationsUpTo("restricted_case_series");
    const file = path.join(tmp, "counter.db");
    const before = await applyPendingMigrations(`file:${file}`, { migrationsDir: dir });
    expect(before.applied.some((n) => n.endsWith("_restricted_case_series"))).toBe(false);
    const db = new Database(file);
    try {
      db.prepare(`INSERT INTO "CaseCounter" ("year", "lastSeq") VALUES (2025, 118), (2026, 41)`).run();
      db.close();
      release();
      const after = await applyPendingMigrations(`file:${file}`, { migrationsDir: dir });
      expect(after.applied.some((n) => n.endsWith("_restricted_case_series"))).toBe(true);
      const check = new Database(file, { readonly: true });
      try {
        expect(check.prepare(`SELECT "year", "restricted", "lastSeq" FROM "CaseCounter" ORDER BY 1`).all()).toEqual([
          { year: 2025, restricted: 0, lastSeq: 118 },
          { year: 2026, restricted: 0, lastSeq: 41 },
        ]);
      } finally {
        check.close();
      }
    } finally {
      if (db.open) db.close();
    }
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

  it("the restricted_case_series migration keeps an existing year's counter as the normal series' counter", async () => {
    const name = `lantern_counter_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    try {
      const url = new URL(pgUrl!);
      url.pathname = `/${name}`;
      const { dir, release } = migrationsUpTo("restricted_case_series");
      await applyPendingMigrations(url.toString(), { migrationsDir: dir });
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        await client.query(`INSERT INTO "CaseCounter" ("year", "lastSeq") VALUES (2025, 118), (2026, 41)`);
        release();
        const after = await applyPendingMigrations(url.toString(), { migrationsDir: dir });
        expect(after.applied.some((n) => n.endsWith("_restricted_case_series"))).toBe(true);
        const { rows } = await client.query(`SELECT "year", "restricted", "lastSeq" FROM "CaseCounter" ORDER BY 1`);
        expect(rows).toEqual([
          { year: 2025, restricted: false, lastSeq: 118 },
          { year: 2026, restricted: false, lastSeq: 41 },
        ]);
      } finally {
        await client.end();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });
});
