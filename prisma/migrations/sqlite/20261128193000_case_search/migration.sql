-- Hand-written (Prisma's schema language cannot express it): a trigram full-text index over case
-- number, title and summary, so substring search does not scan every case. Kept in step by
-- triggers; lib/db/dialect.ts checks it at every migrate and rebuilds it if a table
-- redefinition has dropped the triggers or renumbered rows.
CREATE VIRTUAL TABLE IF NOT EXISTS "CaseSearch" USING fts5("caseId" UNINDEXED, "number", "title", "summary", tokenize = 'trigram');

CREATE TRIGGER IF NOT EXISTS "Case_search_insert" AFTER INSERT ON "Case" BEGIN
  INSERT INTO "CaseSearch" (rowid, "caseId", "number", "title", "summary") VALUES (new.rowid, new."id", new."number", new."title", new."summary");
END;

CREATE TRIGGER IF NOT EXISTS "Case_search_update" AFTER UPDATE OF "number", "title", "summary" ON "Case" BEGIN
  DELETE FROM "CaseSearch" WHERE rowid = old.rowid;
  INSERT INTO "CaseSearch" (rowid, "caseId", "number", "title", "summary") VALUES (new.rowid, new."id", new."number", new."title", new."summary");
END;

CREATE TRIGGER IF NOT EXISTS "Case_search_delete" AFTER DELETE ON "Case" BEGIN
  DELETE FROM "CaseSearch" WHERE rowid = old.rowid;
END;

INSERT INTO "CaseSearch" (rowid, "caseId", "number", "title", "summary") SELECT rowid, "id", "number", "title", "summary" FROM "Case";
