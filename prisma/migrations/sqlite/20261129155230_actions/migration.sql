-- CreateTable
CREATE TABLE "Action" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "open" BOOLEAN NOT NULL DEFAULT true,
    "proposedById" TEXT NOT NULL,
    "dueAt" DATETIME,
    "justification" TEXT NOT NULL DEFAULT '',
    "scope" TEXT NOT NULL DEFAULT '',
    "approvedById" TEXT,
    "approvedAt" DATETIME,
    "executedById" TEXT,
    "executedAt" DATETIME,
    "externalReference" TEXT,
    "reason" TEXT,
    "referralBody" TEXT,
    "referenceNumber" TEXT,
    "classification" TEXT,
    "notes" TEXT NOT NULL DEFAULT '',
    "outcome" TEXT,
    "keepUnrestrictedReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Action_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Action_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Action_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Action_executedById_fkey" FOREIGN KEY ("executedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ActionTarget" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "actionId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "accountId" TEXT,
    "previousStatus" TEXT,
    CONSTRAINT "ActionTarget_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "Action" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ActionTarget_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ActionEvidence" (
    "actionId" TEXT NOT NULL,
    "evidenceId" TEXT NOT NULL,

    PRIMARY KEY ("actionId", "evidenceId"),
    CONSTRAINT "ActionEvidence_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "Action" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ActionEvidence_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ActionEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "actionId" TEXT NOT NULL,
    "actorId" TEXT,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ActionEvent_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "Action" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ActionEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
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
