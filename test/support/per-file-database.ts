// Before each test file: a database of its own, copied from the migrated template, so files run
// in parallel without sharing state. DATABASE_URL and LANTERN_DATA_DIR point at it.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, inject } from "vitest";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-test-"));
process.env.LANTERN_DATA_DIR = dataDir;
process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123456789";
// Test admins have no second factor; the ADMIN rule (decision 0027) is proven with it passed explicitly.
process.env.LANTERN_REQUIRE_TOTP_FOR_ADMINS ??= "false";

if (process.env.LANTERN_TEST_DB === "postgresql") {
  const adminUrl = inject("pgAdminUrl");
  if (adminUrl) {
    const name = `lantern_t_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE lantern_template`);
    await admin.end();
    process.env.DATABASE_URL = adminUrl.replace(/\/postgres$/, `/${name}`);
  }
} else {
  const file = path.join(dataDir, "lantern.db");
  fs.copyFileSync(inject("sqliteTemplate"), file);
  process.env.DATABASE_URL = `file:${file}`;
}

afterAll(async () => {
  const { db } = await import("@/lib/db/client");
  await db().$disconnect();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
