-- Practice and assessed attempts, retake authorizations (docs/decisions/0140, 0141).
-- Columns are added with ALTER TABLE rather than by rebuilding the tables, so that the trigger
-- "Attempt_record_choice_event" stays in place and existing rows keep their values. Every existing attempt
-- becomes a practice attempt: it was played with the whole scenario in the browser and a best path shown.

-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN "mode" TEXT NOT NULL DEFAULT 'practice';
ALTER TABLE "Attempt" ADD COLUMN "retakeAuthorizationId" TEXT;

-- AlterTable
ALTER TABLE "OfficerStanding" ADD COLUMN "awaitingRetake" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "RetakeAuthorization" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "officerId" TEXT NOT NULL,
    "failedAttemptId" TEXT NOT NULL,
    "authorizedById" TEXT NOT NULL,
    "comment" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RetakeAuthorization_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RetakeAuthorization_failedAttemptId_fkey" FOREIGN KEY ("failedAttemptId") REFERENCES "Attempt" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Attempt_retakeAuthorizationId_key" ON "Attempt"("retakeAuthorizationId");

-- CreateIndex
CREATE UNIQUE INDEX "RetakeAuthorization_failedAttemptId_key" ON "RetakeAuthorization"("failedAttemptId");

-- CreateIndex
CREATE INDEX "RetakeAuthorization_officerId_idx" ON "RetakeAuthorization"("officerId");
