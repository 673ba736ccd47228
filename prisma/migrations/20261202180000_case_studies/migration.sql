-- CreateTable
CREATE TABLE "CaseStudy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "officerId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "narrative" TEXT NOT NULL,
    "whatIDid" TEXT NOT NULL,
    "whatILearned" TEXT NOT NULL,
    "competencyMap" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'submitted',
    "reviewerId" TEXT,
    "reviewComment" TEXT,
    "reviewedAt" DATETIME,
    "submissionKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CaseStudy_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "CaseStudy_submissionKey_key" ON "CaseStudy"("submissionKey");

-- CreateIndex
CREATE INDEX "CaseStudy_officerId_status_idx" ON "CaseStudy"("officerId", "status");

