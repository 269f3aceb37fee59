-- CreateEnum
CREATE TYPE "IngestState" AS ENUM ('QUEUED', 'RUNNING', 'FAILED', 'COMPLETED');

-- CreateTable
CREATE TABLE "IngestRun" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "evidenceId" TEXT NOT NULL,
    "state" "IngestState" NOT NULL DEFAULT 'QUEUED',
    "format" TEXT,
    "compressed" BOOLEAN NOT NULL DEFAULT false,
    "bytesTotal" BIGINT NOT NULL DEFAULT 0,
    "bytesDone" BIGINT NOT NULL DEFAULT 0,
    "linesTotal" INTEGER NOT NULL DEFAULT 0,
    "linesOk" INTEGER NOT NULL DEFAULT 0,
    "linesFailed" INTEGER NOT NULL DEFAULT 0,
    "lastLine" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "replacedAt" TIMESTAMP(3),

    CONSTRAINT "IngestRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IngestError" (
    "runId" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "IngestError_pkey" PRIMARY KEY ("runId","line")
);

-- CreateTable
CREATE TABLE "ApiRequest" (
    "runId" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "caseId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "ts" TIMESTAMP(3) NOT NULL,
    "model" TEXT NOT NULL,
    "promptTokens" INTEGER NOT NULL,
    "completionTokens" INTEGER NOT NULL,
    "apiKeyId" TEXT,
    "orgId" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,
    "endpoint" TEXT,
    "status" TEXT,
    "requestId" TEXT,
    "prompt" TEXT,
    "promptHash" TEXT,
    "promptKey" TEXT,
    "promptSimhash" TEXT,
    "extra" TEXT,

    CONSTRAINT "ApiRequest_pkey" PRIMARY KEY ("runId","line")
);

-- CreateIndex
CREATE INDEX "IngestRun_evidenceId_createdAt_idx" ON "IngestRun"("evidenceId", "createdAt");

-- CreateIndex
CREATE INDEX "IngestRun_caseId_state_idx" ON "IngestRun"("caseId", "state");

-- CreateIndex
CREATE INDEX "ApiRequest_caseId_accountId_ts_idx" ON "ApiRequest"("caseId", "accountId", "ts");

-- AddForeignKey
ALTER TABLE "IngestRun" ADD CONSTRAINT "IngestRun_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IngestRun" ADD CONSTRAINT "IngestRun_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IngestRun" ADD CONSTRAINT "IngestRun_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IngestError" ADD CONSTRAINT "IngestError_runId_fkey" FOREIGN KEY ("runId") REFERENCES "IngestRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiRequest" ADD CONSTRAINT "ApiRequest_runId_fkey" FOREIGN KEY ("runId") REFERENCES "IngestRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
