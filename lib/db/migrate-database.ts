// What `npm start` and `npm run db -- migrate` do to the configured database: apply pending
// migrations, then check the one structure migrations cannot keep right by themselves.
import { db } from "@/lib/db/client";
import { repairCaseSearchIndex } from "@/lib/db/dialect";
import { applyPendingMigrations } from "@/lib/db/migrations";
import { env } from "@/lib/env";

export async function migrateDatabase(): Promise<{ applied: string[]; searchIndexRebuilt: boolean }> {
  const { applied } = await applyPendingMigrations(env().databaseUrl);
  const searchIndexRebuilt = await repairCaseSearchIndex(db());
  return { applied, searchIndexRebuilt };
}
