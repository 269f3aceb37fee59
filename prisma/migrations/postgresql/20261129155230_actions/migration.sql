-- CreateEnum
CREATE TYPE "ActionType" AS ENUM ('ACCESS_REVOCATION', 'NATIONAL_SECURITY_REVIEW');

-- CreateEnum
CREATE TYPE "ActionStatus" AS ENUM ('PROPOSED', 'APPROVED', 'EXECUTED', 'VERIFIED', 'REJECTED', 'REVERSED', 'DRAFT', 'REFERRED', 'UNDER_REVIEW', 'INFO_REQUESTED', 'CONCLUDED');

-- CreateEnum
CREATE TYPE "ActionTargetKind" AS ENUM ('ACCOUNT', 'API_KEY', 'ORGANIZATION');

-- CreateTable
CREATE TABLE "Action" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "type" "ActionType" NOT NULL,
    "status" "ActionStatus" NOT NULL,
    "open" BOOLEAN NOT NULL DEFAULT true,
    "proposedById" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3),
    "justification" TEXT NOT NULL DEFAULT '',
    "scope" TEXT NOT NULL DEFAULT '',
    "approvedById" TEXT,
    "approvedAt" TIMESTAMP(3),
    "executedById" TEXT,
    "executedAt" TIMESTAMP(3),
    "externalReference" TEXT,
    "reason" TEXT,
    "referralBody" TEXT,
    "referenceNumber" TEXT,
    "classification" TEXT,
    "notes" TEXT NOT NULL DEFAULT '',
    "outcome" TEXT,
    "keepUnrestrictedReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Action_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionTarget" (
    "id" TEXT NOT NULL,
    "actionId" TEXT NOT NULL,
    "kind" "ActionTargetKind" NOT NULL,
    "value" TEXT NOT NULL,
    "accountId" TEXT,
    "previousStatus" "AccountStatus",

    CONSTRAINT "ActionTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionEvidence" (
    "actionId" TEXT NOT NULL,
    "evidenceId" TEXT NOT NULL,

    CONSTRAINT "ActionEvidence_pkey" PRIMARY KEY ("actionId","evidenceId")
);

-- CreateTable
CREATE TABLE "ActionEvent" (
    "id" TEXT NOT NULL,
    "actionId" TEXT NOT NULL,
    "actorId" TEXT,
    "fromStatus" "ActionStatus",
    "toStatus" "ActionStatus" NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ActionEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Action_caseId_createdAt_idx" ON "Action"("caseId", "createdAt");

-- CreateIndex
CREATE INDEX "Action_open_dueAt_idx" ON "Action"("open", "dueAt");

-- CreateIndex
CREATE INDEX "Action_open_status_createdAt_idx" ON "Action"("open", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Action_proposedById_open_createdAt_idx" ON "Action"("proposedById", "open", "createdAt");

-- CreateIndex
CREATE INDEX "ActionTarget_accountId_idx" ON "ActionTarget"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "ActionTarget_actionId_kind_value_key" ON "ActionTarget"("actionId", "kind", "value");

-- CreateIndex
CREATE INDEX "ActionEvidence_evidenceId_idx" ON "ActionEvidence"("evidenceId");

-- CreateIndex
CREATE INDEX "ActionEvent_actionId_at_idx" ON "ActionEvent"("actionId", "at");

-- AddForeignKey
ALTER TABLE "Action" ADD CONSTRAINT "Action_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Action" ADD CONSTRAINT "Action_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Action" ADD CONSTRAINT "Action_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Action" ADD CONSTRAINT "Action_executedById_fkey" FOREIGN KEY ("executedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionTarget" ADD CONSTRAINT "ActionTarget_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "Action"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionTarget" ADD CONSTRAINT "ActionTarget_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionEvidence" ADD CONSTRAINT "ActionEvidence_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "Action"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionEvidence" ADD CONSTRAINT "ActionEvidence_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionEvent" ADD CONSTRAINT "ActionEvent_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "Action"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionEvent" ADD CONSTRAINT "ActionEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
