-- CreateTable
CREATE TABLE "CaseTally" (
    "name" TEXT NOT NULL,
    "value" INTEGER NOT NULL,

    CONSTRAINT "CaseTally_pkey" PRIMARY KEY ("name")
);

-- Hand-written (Prisma's schema language cannot express it): the count of restricted cases, kept by
-- triggers on "Case", so the case list's unfiltered total reads one row instead of counting the
-- restricted cases on every page view (decision 0021). Deferred constraint triggers: the row is
-- updated at commit, so a transaction holds its lock for the commit only and takes it after every
-- other lock it holds (no deadlock, no longer wait for creates). Concurrent writers queue on the
-- row and each adds to the value the one before it committed, so the count stays exact.
INSERT INTO "CaseTally" ("name", "value") SELECT 'restricted', count(*) FROM "Case" WHERE "restricted";

-- The function body is an E'' string with its semicolons written \x3B: the migration runner
-- (Prisma's pg adapter, executeScript) splits a script at every semicolon, even in a quoted body.
CREATE FUNCTION "Case_restricted_tally"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  UPDATE "CaseTally"
     SET "value" = "value" + (CASE WHEN TG_OP <> ''DELETE'' AND NEW."restricted" THEN 1 ELSE 0 END)
                           - (CASE WHEN TG_OP <> ''INSERT'' AND OLD."restricted" THEN 1 ELSE 0 END)
   WHERE "name" = ''restricted''\x3B
  RETURN NULL\x3B
END';

CREATE CONSTRAINT TRIGGER "Case_restricted_tally_insert" AFTER INSERT ON "Case" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (NEW."restricted") EXECUTE FUNCTION "Case_restricted_tally"();
CREATE CONSTRAINT TRIGGER "Case_restricted_tally_update" AFTER UPDATE OF "restricted" ON "Case" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD."restricted" IS DISTINCT FROM NEW."restricted") EXECUTE FUNCTION "Case_restricted_tally"();
CREATE CONSTRAINT TRIGGER "Case_restricted_tally_delete" AFTER DELETE ON "Case" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD."restricted") EXECUTE FUNCTION "Case_restricted_tally"();
