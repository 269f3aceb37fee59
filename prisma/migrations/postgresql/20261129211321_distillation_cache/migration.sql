-- CreateTable
CREATE TABLE "DistillationCache" (
    "caseId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DistillationCache_pkey" PRIMARY KEY ("caseId","key")
);
