-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "externalId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL DEFAULT '',
    "emails" TEXT NOT NULL DEFAULT '',
    "organization" TEXT NOT NULL DEFAULT '',
    "country" TEXT,
    "providerCreatedAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "riskScore" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AccountAttribute" (
    "accountId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    PRIMARY KEY ("accountId", "type", "value"),
    CONSTRAINT "AccountAttribute_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CaseAccount" (
    "caseId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "addedById" TEXT,
    "addedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("caseId", "accountId"),
    CONSTRAINT "CaseAccount_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CaseAccount_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AccountLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountAId" TEXT NOT NULL,
    "accountBId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "confidence" REAL NOT NULL,
    "explanation" TEXT NOT NULL DEFAULT '',
    "sharedAttributes" TEXT NOT NULL DEFAULT '[]',
    "evidenceFingerprint" TEXT,
    "dismissedFingerprint" TEXT,
    "createdById" TEXT,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AccountLink_accountAId_fkey" FOREIGN KEY ("accountAId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AccountLink_accountBId_fkey" FOREIGN KEY ("accountBId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AccountLinkEvidence" (
    "linkId" TEXT NOT NULL,
    "evidenceId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,

    PRIMARY KEY ("linkId", "evidenceId"),
    CONSTRAINT "AccountLinkEvidence_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "AccountLink" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AccountLinkEvidence_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Account_externalId_key" ON "Account"("externalId");

-- CreateIndex
CREATE INDEX "Account_updatedAt_idx" ON "Account"("updatedAt");

-- CreateIndex
CREATE INDEX "Account_organization_idx" ON "Account"("organization");

-- CreateIndex
CREATE INDEX "Account_country_idx" ON "Account"("country");

-- CreateIndex
CREATE INDEX "Account_status_idx" ON "Account"("status");

-- CreateIndex
CREATE INDEX "Account_riskScore_idx" ON "Account"("riskScore");

-- CreateIndex
CREATE INDEX "AccountAttribute_type_value_idx" ON "AccountAttribute"("type", "value");

-- CreateIndex
CREATE INDEX "CaseAccount_accountId_idx" ON "CaseAccount"("accountId");

-- CreateIndex
CREATE INDEX "AccountLink_accountBId_idx" ON "AccountLink"("accountBId");

-- CreateIndex
CREATE INDEX "AccountLink_status_idx" ON "AccountLink"("status");

-- CreateIndex
CREATE UNIQUE INDEX "AccountLink_accountAId_accountBId_source_key" ON "AccountLink"("accountAId", "accountBId", "source");

-- CreateIndex
CREATE INDEX "AccountLinkEvidence_caseId_idx" ON "AccountLinkEvidence"("caseId");

-- CreateIndex
CREATE INDEX "AccountLinkEvidence_evidenceId_idx" ON "AccountLinkEvidence"("evidenceId");
