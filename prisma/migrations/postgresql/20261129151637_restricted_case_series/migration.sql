-- AlterTable
ALTER TABLE "CaseCounter" DROP CONSTRAINT "CaseCounter_pkey",
ADD COLUMN     "restricted" BOOLEAN NOT NULL DEFAULT false,
ADD CONSTRAINT "CaseCounter_pkey" PRIMARY KEY ("year", "restricted");
