// Makes the database refuse the audit event of one action, so a test can prove that the change it
// records rolls back with it (the failure comes last, after every other write of the transaction).
import { db, dbProvider } from "@/lib/db/client";

export async function failAuditEventsFor(action: string): Promise<() => Promise<void>> {
  const safe = action.replace(/'/g, "''");
  if (dbProvider() === "postgresql") {
    await db().$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION lantern_test_fail() RETURNS trigger AS $$ BEGIN
         IF NEW."action" = '${safe}' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
    );
    await db().$executeRawUnsafe(
      `CREATE TRIGGER lantern_test_fail BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION lantern_test_fail()`,
    );
    return async () => {
      await db().$executeRawUnsafe(`DROP TRIGGER lantern_test_fail ON "AuditEvent"`);
    };
  }
  await db().$executeRawUnsafe(
    `CREATE TRIGGER lantern_test_fail BEFORE INSERT ON "AuditEvent" WHEN NEW."action" = '${safe}'
     BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
  );
  return async () => {
    await db().$executeRawUnsafe(`DROP TRIGGER lantern_test_fail`);
  };
}
