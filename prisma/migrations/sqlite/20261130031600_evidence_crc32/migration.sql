-- AlterTable
ALTER TABLE "Evidence" ADD COLUMN "crc32" INTEGER;
