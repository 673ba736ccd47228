-- CreateTable
CREATE TABLE "MediaImage" (
    "hash" TEXT NOT NULL PRIMARY KEY,
    "shape" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,
    "agencyId" TEXT NOT NULL,
    "uploadedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "MediaImage_agencyId_createdAt_idx" ON "MediaImage"("agencyId", "createdAt");

