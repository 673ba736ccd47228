-- AlterTable
ALTER TABLE "Draft" ADD COLUMN "undoConfirmedHash" TEXT;
ALTER TABLE "Draft" ADD COLUMN "undoConfirmedVersionId" TEXT;

