-- CreateTable
CREATE TABLE "XapiOutbox" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agencyId" TEXT NOT NULL,
    "verb" TEXT NOT NULL,
    "statement" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "LrsSettings" (
    "agencyId" TEXT NOT NULL PRIMARY KEY,
    "endpoint" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "passwordEncrypted" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "XapiOutbox_status_nextAttemptAt_idx" ON "XapiOutbox"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "XapiOutbox_agencyId_status_idx" ON "XapiOutbox"("agencyId", "status");

