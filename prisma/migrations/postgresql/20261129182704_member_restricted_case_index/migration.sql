-- DropIndex
DROP INDEX "CaseMember_userId_caseRestricted_idx";

-- CreateIndex
CREATE INDEX "CaseMember_userId_caseRestricted_caseId_idx" ON "CaseMember"("userId", "caseRestricted", "caseId");
