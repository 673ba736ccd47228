-- AlterTable
ALTER TABLE "Draft" ADD COLUMN "checkHash" TEXT;
ALTER TABLE "Draft" ADD COLUMN "checkResult" TEXT;

