-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CaseMember" (
    "caseId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "addedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "caseRestricted" BOOLEAN NOT NULL DEFAULT false,

    PRIMARY KEY ("caseId", "userId"),
    CONSTRAINT "CaseMember_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CaseMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_CaseMember" ("addedAt", "caseId", "userId") SELECT "addedAt", "caseId", "userId" FROM "CaseMember";
DROP TABLE "CaseMember";
ALTER TABLE "new_CaseMember" RENAME TO "CaseMember";
CREATE INDEX "CaseMember_userId_caseRestricted_idx" ON "CaseMember"("userId", "caseRestricted");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Backfill the copy of the flag for existing memberships.
UPDATE "CaseMember" SET "caseRestricted" = TRUE WHERE "caseId" IN (SELECT "id" FROM "Case" WHERE "restricted" = TRUE);
