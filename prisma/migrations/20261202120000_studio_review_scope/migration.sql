-- Drafts belong to their author's agency and name their last editor; every text a draft holds is kept as a
-- numbered revision (see docs/decisions/0120-review-binds-to-the-text-reviewed.md and 0121-studio-agency-scoping.md).

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Draft" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "lastEditorId" TEXT NOT NULL,
    "basedOnVersionId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "reviewerId" TEXT,
    "reviewComment" TEXT,
    "submittedAt" DATETIME,
    "reviewedAt" DATETIME,
    "publishedVersionId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Draft_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- Existing drafts: the author's agency (the oldest agency if the author's account is gone), and the author as
-- the last editor (nothing earlier recorded who changed them).
INSERT INTO "new_Draft" ("agencyId", "authorId", "lastEditorId", "basedOnVersionId", "createdAt", "id", "kind", "publishedVersionId", "reviewComment", "reviewedAt", "reviewerId", "slug", "source", "status", "submittedAt", "title", "updatedAt")
SELECT COALESCE((SELECT "agencyId" FROM "User" WHERE "User"."id" = "Draft"."authorId"), (SELECT "id" FROM "Agency" ORDER BY "createdAt" LIMIT 1)),
       "authorId", "authorId", "basedOnVersionId", "createdAt", "id", "kind", "publishedVersionId", "reviewComment", "reviewedAt", "reviewerId", "slug", "source", "status", "submittedAt", "title", "updatedAt"
FROM "Draft";
DROP TABLE "Draft";
ALTER TABLE "new_Draft" RENAME TO "Draft";
CREATE INDEX "Draft_kind_status_idx" ON "Draft"("kind", "status");
CREATE INDEX "Draft_authorId_idx" ON "Draft"("authorId");
CREATE INDEX "Draft_agencyId_updatedAt_idx" ON "Draft"("agencyId", "updatedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateTable (existing drafts get their first revision from the app when next saved, submitted or reviewed:
-- SQLite has no sha256)
CREATE TABLE "DraftRevision" (
    "draftId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "editorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("draftId", "number"),
    CONSTRAINT "DraftRevision_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "DraftRevision_draftId_hash_idx" ON "DraftRevision"("draftId", "hash");

-- CreateIndex
CREATE INDEX "DraftRevision_editorId_idx" ON "DraftRevision"("editorId");
