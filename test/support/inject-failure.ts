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

/** Makes the database refuse to insert the account with this external id, so a test can fail an
 *  import part way through a file and see which batches committed. */
export async function failAccountInsert(externalId: string): Promise<() => Promise<void>> {
  const safe = externalId.replace(/'/g, "''");
  if (dbProvider() === "postgresql") {
    await db().$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION lantern_test_fail_account() RETURNS trigger AS $$ BEGIN
         IF NEW."externalId" = '${safe}' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
    );
    await db().$executeRawUnsafe(
      `CREATE TRIGGER lantern_test_fail_account BEFORE INSERT ON "Account" FOR EACH ROW EXECUTE FUNCTION lantern_test_fail_account()`,
    );
    return async () => {
      await db().$executeRawUnsafe(`DROP TRIGGER lantern_test_fail_account ON "Account"`);
    };
  }
  await db().$executeRawUnsafe(
    `CREATE TRIGGER lantern_test_fail_account BEFORE INSERT ON "Account" WHEN NEW."externalId" = '${safe}'
     BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
  );
  return async () => {
    await db().$executeRawUnsafe(`DROP TRIGGER lantern_test_fail_account`);
  };
}
