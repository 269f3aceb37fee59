-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CaseCounter" (
    "year" INTEGER NOT NULL,
    "restricted" BOOLEAN NOT NULL DEFAULT false,
    "lastSeq" INTEGER NOT NULL,

    PRIMARY KEY ("year", "restricted")
);
INSERT INTO "new_CaseCounter" ("lastSeq", "year") SELECT "lastSeq", "year" FROM "CaseCounter";
DROP TABLE "CaseCounter";
ALTER TABLE "new_CaseCounter" RENAME TO "CaseCounter";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
