-- CreateTable
CREATE TABLE "Draft" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "basedOnVersionId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "reviewerId" TEXT,
    "reviewComment" TEXT,
    "submittedAt" DATETIME,
    "reviewedAt" DATETIME,
    "publishedVersionId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "Draft_kind_status_idx" ON "Draft"("kind", "status");

-- CreateIndex
CREATE INDEX "Draft_authorId_idx" ON "Draft"("authorId");

