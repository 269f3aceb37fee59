// What `npm start` and `npm run db -- migrate` do to the configured database: apply pending
// migrations, then check the structures migrations cannot keep right by themselves (SQLite's
// triggers on "Case", which a table redefinition drops: the search index and the case tally).
import { db } from "@/lib/db/client";
import { repairCaseSearchIndex, repairCaseTally } from "@/lib/db/dialect";
import { applyPendingMigrations } from "@/lib/db/migrations";
import { env } from "@/lib/env";

export async function migrateDatabase(): Promise<{ applied: string[]; searchIndexRebuilt: boolean; caseTallyRepaired: boolean }> {
  const { applied } = await applyPendingMigrations(env().databaseUrl);
  const searchIndexRebuilt = await repairCaseSearchIndex(db());
  const caseTallyRepaired = await repairCaseTally(db());
  return { applied, searchIndexRebuilt, caseTallyRepaired };
}
