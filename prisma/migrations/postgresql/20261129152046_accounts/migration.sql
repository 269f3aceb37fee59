-- CreateEnum
CREATE TYPE "AccountStatus" AS ENUM ('ACTIVE', 'SUSPENDED', 'REVOKED');

-- CreateEnum
CREATE TYPE "AttributeType" AS ENUM ('IP', 'API_KEY', 'PAYMENT_FINGERPRINT', 'DEVICE_ID', 'EMAIL_DOMAIN', 'USER_AGENT');

-- CreateEnum
CREATE TYPE "CaseAccountRole" AS ENUM ('SUBJECT', 'ASSOCIATE', 'VICTIM', 'WITNESS');

-- CreateEnum
CREATE TYPE "LinkStatus" AS ENUM ('SUGGESTED', 'ACCEPTED', 'DISMISSED');

-- CreateEnum
CREATE TYPE "LinkSource" AS ENUM ('MANUAL', 'COMPUTED');

-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL DEFAULT '',
    "emails" TEXT NOT NULL DEFAULT '',
    "organization" TEXT NOT NULL DEFAULT '',
    "country" TEXT,
    "providerCreatedAt" TIMESTAMP(3),
    "status" "AccountStatus" NOT NULL DEFAULT 'ACTIVE',
    "riskScore" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountAttribute" (
    "accountId" TEXT NOT NULL,
    "type" "AttributeType" NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "AccountAttribute_pkey" PRIMARY KEY ("accountId","type","value")
);

-- CreateTable
CREATE TABLE "CaseAccount" (
    "caseId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "role" "CaseAccountRole" NOT NULL,
    "addedById" TEXT,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseAccount_pkey" PRIMARY KEY ("caseId","accountId")
);

-- CreateTable
CREATE TABLE "AccountLink" (
    "id" TEXT NOT NULL,
    "accountAId" TEXT NOT NULL,
    "accountBId" TEXT NOT NULL,
    "source" "LinkSource" NOT NULL,
    "status" "LinkStatus" NOT NULL,
    "reason" TEXT NOT NULL,
    "confidence" DOUBLE PRECISION NOT NULL,
    "explanation" TEXT NOT NULL DEFAULT '',
    "sharedAttributes" TEXT NOT NULL DEFAULT '[]',
    "evidenceFingerprint" TEXT,
    "dismissedFingerprint" TEXT,
    "createdById" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AccountLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountLinkEvidence" (
    "linkId" TEXT NOT NULL,
    "evidenceId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,

    CONSTRAINT "AccountLinkEvidence_pkey" PRIMARY KEY ("linkId","evidenceId")
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

-- AddForeignKey
ALTER TABLE "AccountAttribute" ADD CONSTRAINT "AccountAttribute_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseAccount" ADD CONSTRAINT "CaseAccount_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseAccount" ADD CONSTRAINT "CaseAccount_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountLink" ADD CONSTRAINT "AccountLink_accountAId_fkey" FOREIGN KEY ("accountAId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountLink" ADD CONSTRAINT "AccountLink_accountBId_fkey" FOREIGN KEY ("accountBId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountLinkEvidence" ADD CONSTRAINT "AccountLinkEvidence_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "AccountLink"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountLinkEvidence" ADD CONSTRAINT "AccountLinkEvidence_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
