-- AlterTable
ALTER TABLE "PracticumEntry" ADD COLUMN "agreementKept" BOOLEAN;
ALTER TABLE "PracticumEntry" ADD COLUMN "agreementReached" BOOLEAN;
ALTER TABLE "PracticumEntry" ADD COLUMN "followUpOn" DATETIME;
ALTER TABLE "PracticumEntry" ADD COLUMN "harmedPartySatisfaction" INTEGER;
ALTER TABLE "PracticumEntry" ADD COLUMN "responsiblePartySatisfaction" INTEGER;

-- CreateTable
CREATE TABLE "PreTest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "moduleSlug" TEXT NOT NULL,
    "moduleHash" TEXT NOT NULL,
    "questions" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PreTest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TrainingSurvey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "subjectKind" TEXT NOT NULL,
    "subjectSlug" TEXT NOT NULL,
    "satisfaction" INTEGER NOT NULL,
    "confidence" INTEGER NOT NULL,
    "relevance" INTEGER NOT NULL,
    "comment" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TrainingSurvey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PreTest_moduleSlug_createdAt_idx" ON "PreTest"("moduleSlug", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PreTest_userId_moduleSlug_key" ON "PreTest"("userId", "moduleSlug");

-- CreateIndex
CREATE INDEX "TrainingSurvey_subjectKind_subjectSlug_createdAt_idx" ON "TrainingSurvey"("subjectKind", "subjectSlug", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingSurvey_userId_subjectKind_subjectSlug_key" ON "TrainingSurvey"("userId", "subjectKind", "subjectSlug");

