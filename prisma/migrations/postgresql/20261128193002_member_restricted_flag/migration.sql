-- DropIndex
DROP INDEX "CaseMember_userId_idx";

-- AlterTable
ALTER TABLE "CaseMember" ADD COLUMN     "caseRestricted" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "CaseMember_userId_caseRestricted_idx" ON "CaseMember"("userId", "caseRestricted");

-- Backfill the copy of the flag for existing memberships.
UPDATE "CaseMember" SET "caseRestricted" = TRUE WHERE "caseId" IN (SELECT "id" FROM "Case" WHERE "restricted" = TRUE);
