-- AlterTable
ALTER TABLE "CheckAttempt" ADD COLUMN "moduleVersionId" TEXT;

-- CreateTable
CREATE TABLE "ModuleVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "moduleSlug" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "origin" TEXT NOT NULL DEFAULT 'content',
    "title" TEXT NOT NULL,
    "publishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "authorId" TEXT,
    "reviewerId" TEXT
);

-- CreateIndex
CREATE INDEX "ModuleVersion_moduleSlug_hash_idx" ON "ModuleVersion"("moduleSlug", "hash");

-- CreateIndex
CREATE UNIQUE INDEX "ModuleVersion_moduleSlug_number_key" ON "ModuleVersion"("moduleSlug", "number");

