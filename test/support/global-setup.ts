// Runs once per Vitest run: migrates a template database that every test file copies.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { applyPendingMigrations } from "@/lib/db/migrations";
import { postgresAvailable, startCluster, type Cluster } from "./postgres-cluster";

const root = path.resolve(import.meta.dirname, "../..");
export const TEMPLATE_DIR = path.join(root, ".tmp", "test-template");
export const TEMPLATE_DB = "lantern_template";

let cluster: Cluster | undefined;

export default async function setup(project: TestProject): Promise<() => void> {
  if (process.env.LANTERN_TEST_DB === "postgresql") {
    if (!postgresAvailable()) {
      if (process.env.CI === "true") throw new Error("CI=true but PostgreSQL is not installed: the PostgreSQL lane cannot run");
      console.warn("\n*** PostgreSQL is not installed: SKIPPING the PostgreSQL integration lane ***\n");
      project.provide("pgAdminUrl", "");
      return () => {};
    }
    cluster = await startCluster();
    const admin = new pg.Client({ connectionString: cluster.url("postgres") });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    await admin.end();
    await applyPendingMigrations(cluster.url(TEMPLATE_DB));
    project.provide("pgAdminUrl", cluster.url("postgres"));
    return () => cluster?.stop();
  }
  fs.rmSync(TEMPLATE_DIR, { recursive: true, force: true });
  fs.mkdirSync(TEMPLATE_DIR, { recursive: true });
  const file = path.join(TEMPLATE_DIR, "template.db");
  await applyPendingMigrations(`file:${file}`);
  project.provide("sqliteTemplate", file);
  project.provide("pgAdminUrl", "");
  return () => {};
}

declare module "vitest" {
  export interface ProvidedContext {
    sqliteTemplate: string;
    pgAdminUrl: string;
  }
}
