-- AlterTable
ALTER TABLE "OfficerStanding" ADD COLUMN "readyAt" DATETIME;

-- CreateTable
CREATE TABLE "CpdActivity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "officerId" TEXT NOT NULL,
    "date" DATETIME NOT NULL,
    "hours" REAL NOT NULL,
    "activity" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'submitted',
    "reviewerId" TEXT,
    "reviewComment" TEXT,
    "reviewedAt" DATETIME,
    "submissionKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CpdActivity_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "CpdActivity_submissionKey_key" ON "CpdActivity"("submissionKey");

-- CreateIndex
CREATE INDEX "CpdActivity_officerId_status_idx" ON "CpdActivity"("officerId", "status");

