-- AlterTable
ALTER TABLE "Evidence" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;
