-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Evidence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "source" TEXT NOT NULL DEFAULT '',
    "collectedAt" DATETIME,
    "originalFilename" TEXT NOT NULL,
    "declaredMediaType" TEXT NOT NULL,
    "sniffedMediaType" TEXT NOT NULL,
    "sizeBytes" BIGINT NOT NULL,
    "sha256" TEXT NOT NULL,
    "uploadedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "supersedesId" TEXT,
    "lastVerifiedAt" DATETIME,
    "lastVerifyOk" BOOLEAN,
    "removedAt" DATETIME,
    "removedById" TEXT,
    "removalReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Evidence_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Evidence_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Evidence_supersedesId_fkey" FOREIGN KEY ("supersedesId") REFERENCES "Evidence" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Evidence" ("caseId", "collectedAt", "createdAt", "declaredMediaType", "description", "id", "kind", "lastVerifiedAt", "lastVerifyOk", "originalFilename", "removalReason", "removedAt", "removedById", "sha256", "sizeBytes", "sniffedMediaType", "source", "supersedesId", "title", "uploadedById") SELECT "caseId", "collectedAt", "createdAt", "declaredMediaType", "description", "id", "kind", "lastVerifiedAt", "lastVerifyOk", "originalFilename", "removalReason", "removedAt", "removedById", "sha256", "sizeBytes", "sniffedMediaType", "source", "supersedesId", "title", "uploadedById" FROM "Evidence";
DROP TABLE "Evidence";
ALTER TABLE "new_Evidence" RENAME TO "Evidence";
CREATE UNIQUE INDEX "Evidence_supersedesId_key" ON "Evidence"("supersedesId");
CREATE INDEX "Evidence_caseId_createdAt_idx" ON "Evidence"("caseId", "createdAt");
CREATE INDEX "Evidence_sha256_idx" ON "Evidence"("sha256");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
