-- CreateTable
CREATE TABLE "CaseTally" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "value" INTEGER NOT NULL
);

-- Hand-written (Prisma's schema language cannot express it): the count of restricted cases, kept by
-- triggers on "Case" in the writing transaction (SQLite has one writer at a time, so it stays
-- exact), so the case list's unfiltered total reads one row instead of counting the restricted cases
-- on every page view (decision 0021). lib/db/dialect.ts checks triggers and value at every migrate
-- and repairs them (a future migration that redefines "Case" drops its triggers).
INSERT INTO "CaseTally" ("name", "value") SELECT 'restricted', count(*) FROM "Case" WHERE "restricted";

CREATE TRIGGER IF NOT EXISTS "Case_tally_insert" AFTER INSERT ON "Case" WHEN new."restricted" BEGIN
  UPDATE "CaseTally" SET "value" = "value" + 1 WHERE "name" = 'restricted';
END;

CREATE TRIGGER IF NOT EXISTS "Case_tally_update" AFTER UPDATE OF "restricted" ON "Case" WHEN old."restricted" <> new."restricted" BEGIN
  UPDATE "CaseTally" SET "value" = "value" + (CASE WHEN new."restricted" THEN 1 ELSE -1 END) WHERE "name" = 'restricted';
END;

CREATE TRIGGER IF NOT EXISTS "Case_tally_delete" AFTER DELETE ON "Case" WHEN old."restricted" BEGIN
  UPDATE "CaseTally" SET "value" = "value" - 1 WHERE "name" = 'restricted';
END;
