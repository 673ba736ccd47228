-- DropIndex
DROP INDEX "CheckAttempt_userId_moduleSlug_idx";

-- AlterTable
ALTER TABLE "CheckAttempt" ADD COLUMN "questions" TEXT;
ALTER TABLE "CheckAttempt" ADD COLUMN "seed" INTEGER;

-- CreateTable
CREATE TABLE "CheckDraw" (
    "userId" TEXT NOT NULL,
    "moduleSlug" TEXT NOT NULL,
    "moduleHash" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "questions" TEXT NOT NULL,
    "submissionKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "moduleSlug"),
    CONSTRAINT "CheckDraw_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "CheckDraw_submissionKey_key" ON "CheckDraw"("submissionKey");

-- CreateIndex
CREATE INDEX "CheckAttempt_userId_moduleSlug_createdAt_idx" ON "CheckAttempt"("userId", "moduleSlug", "createdAt");

-- CreateIndex
CREATE INDEX "CheckAttempt_moduleSlug_createdAt_idx" ON "CheckAttempt"("moduleSlug", "createdAt");

