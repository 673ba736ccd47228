-- AlterTable
ALTER TABLE "Draft" ADD COLUMN "communityReviewRequestedAt" DATETIME;
ALTER TABLE "Draft" ADD COLUMN "communityReviewRequestedById" TEXT;

-- CreateTable
CREATE TABLE "CommunityReview" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "draftId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "sourceHash" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "checklist" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "comment" TEXT NOT NULL,
    "scenarioVersionId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CommunityReview_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CommunityReview_draftId_sourceHash_idx" ON "CommunityReview"("draftId", "sourceHash");

-- CreateIndex
CREATE INDEX "CommunityReview_scenarioVersionId_idx" ON "CommunityReview"("scenarioVersionId");

