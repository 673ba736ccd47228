-- CreateTable
CREATE TABLE "CredentialKey" (
    "slot" TEXT NOT NULL PRIMARY KEY,
    "kid" TEXT NOT NULL,
    "publicJwk" TEXT NOT NULL,
    "privateJwkSealed" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "CredentialStatusList" (
    "agencyId" TEXT NOT NULL PRIMARY KEY,
    "bits" BLOB NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "IssuedCredential" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "signOffId" TEXT NOT NULL,
    "officerId" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "statusIndex" INTEGER NOT NULL,
    "jwt" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL,
    "validUntil" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    CONSTRAINT "IssuedCredential_signOffId_fkey" FOREIGN KEY ("signOffId") REFERENCES "SignOff" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "CredentialKey_kid_key" ON "CredentialKey"("kid");

-- CreateIndex
CREATE UNIQUE INDEX "IssuedCredential_signOffId_key" ON "IssuedCredential"("signOffId");

-- CreateIndex
CREATE INDEX "IssuedCredential_officerId_idx" ON "IssuedCredential"("officerId");

-- CreateIndex
CREATE UNIQUE INDEX "IssuedCredential_agencyId_statusIndex_key" ON "IssuedCredential"("agencyId", "statusIndex");

