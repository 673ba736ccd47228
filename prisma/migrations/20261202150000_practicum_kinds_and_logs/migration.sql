-- Practicum entries gain a kind (pre-meeting, joint meeting, indirect dialogue, circle) and a structured
-- reflective log; the free reflection stays for entries logged before, and is no longer asked for.

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_PracticumEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "officerId" TEXT NOT NULL,
    "date" DATETIME NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'pre-meeting',
    "processType" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "participantCount" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "reflection" TEXT,
    "logWhatHappened" TEXT,
    "logWentWell" TEXT,
    "logWouldChange" TEXT,
    "logSupportNeeded" TEXT,
    "status" TEXT NOT NULL DEFAULT 'submitted',
    "reviewerId" TEXT,
    "reviewComment" TEXT,
    "reviewedAt" DATETIME,
    "submissionKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PracticumEntry_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Existing entries: the kind their process type implies; a process type that names no kind ("Other restorative
-- process") becomes a pre-meeting, the kind that counts for least. They have no reflective log, so they never
-- count where a program asks for entries with one (docs/decisions/0163-practicum-kinds-and-logs.md).
INSERT INTO "new_PracticumEntry" ("kind", "createdAt", "date", "id", "officerId", "outcome", "participantCount", "processType", "reflection", "reviewComment", "reviewedAt", "reviewerId", "role", "status", "submissionKey")
SELECT CASE "processType"
         WHEN 'Victim-offender dialogue' THEN 'joint-meeting'
         WHEN 'Community conference' THEN 'joint-meeting'
         WHEN 'Restorative circle' THEN 'circle'
         ELSE 'pre-meeting'
       END,
       "createdAt", "date", "id", "officerId", "outcome", "participantCount", "processType", "reflection", "reviewComment", "reviewedAt", "reviewerId", "role", "status", "submissionKey"
FROM "PracticumEntry";
DROP TABLE "PracticumEntry";
ALTER TABLE "new_PracticumEntry" RENAME TO "PracticumEntry";
CREATE UNIQUE INDEX "PracticumEntry_submissionKey_key" ON "PracticumEntry"("submissionKey");
CREATE INDEX "PracticumEntry_officerId_status_idx" ON "PracticumEntry"("officerId", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

