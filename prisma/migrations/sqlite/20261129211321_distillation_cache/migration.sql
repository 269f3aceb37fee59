-- CreateTable
CREATE TABLE "DistillationCache" (
    "caseId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("caseId", "key")
);
