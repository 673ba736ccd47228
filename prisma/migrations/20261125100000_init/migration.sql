-- CreateTable
CREATE TABLE "Agency" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Unit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    CONSTRAINT "Unit_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "unitId" TEXT,
    "passwordHash" TEXT NOT NULL,
    "passwordChangedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "failedSignIns" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "User_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "User_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SupervisedUnit" (
    "supervisorId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,

    PRIMARY KEY ("supervisorId", "unitId"),
    CONSTRAINT "SupervisedUnit_supervisorId_fkey" FOREIGN KEY ("supervisorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SupervisedUnit_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStart" DATETIME NOT NULL,
    "lockedUntil" DATETIME
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "subjectId" TEXT,
    "officerId" TEXT,
    "unitId" TEXT,
    "before" TEXT,
    "after" TEXT
);

-- CreateTable
CREATE TABLE "ModuleProgress" (
    "userId" TEXT NOT NULL,
    "moduleSlug" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "lastAnchor" TEXT,
    "bestScore" INTEGER,
    "passedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("userId", "moduleSlug"),
    CONSTRAINT "ModuleProgress_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CheckAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "moduleSlug" TEXT NOT NULL,
    "moduleHash" TEXT NOT NULL,
    "answers" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "submissionKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CheckAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScenarioVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scenarioSlug" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "compiled" TEXT NOT NULL,
    "origin" TEXT NOT NULL DEFAULT 'content',
    "title" TEXT NOT NULL,
    "publishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "authorId" TEXT,
    "reviewerId" TEXT
);

-- CreateTable
CREATE TABLE "Attempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "scenarioVersionId" TEXT NOT NULL,
    "scenarioSlug" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "choices" TEXT NOT NULL DEFAULT '[]',
    "choiceCount" INTEGER NOT NULL DEFAULT 0,
    "endingId" TEXT,
    "score" INTEGER,
    "passed" BOOLEAN,
    "criticalErrors" INTEGER NOT NULL DEFAULT 0,
    "competencyScores" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "Attempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Attempt_scenarioVersionId_fkey" FOREIGN KEY ("scenarioVersionId") REFERENCES "ScenarioVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChoiceEvent" (
    "attemptId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "nodeId" TEXT NOT NULL,
    "choiceId" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("attemptId", "position"),
    CONSTRAINT "ChoiceEvent_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "Attempt" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PracticumEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "officerId" TEXT NOT NULL,
    "date" DATETIME NOT NULL,
    "processType" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "participantCount" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "reflection" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'submitted',
    "reviewerId" TEXT,
    "reviewComment" TEXT,
    "reviewedAt" DATETIME,
    "submissionKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PracticumEntry_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SignOff" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "officerId" TEXT NOT NULL,
    "programSlug" TEXT NOT NULL,
    "supervisorId" TEXT NOT NULL,
    "comment" TEXT NOT NULL,
    "signedAt" DATETIME NOT NULL,
    "validUntil" DATETIME NOT NULL,
    "kind" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "verificationCode" TEXT NOT NULL,
    "revokedAt" DATETIME,
    "revokedById" TEXT,
    "revokeReason" TEXT,
    CONSTRAINT "SignOff_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OfficerStanding" (
    "officerId" TEXT NOT NULL,
    "programSlug" TEXT NOT NULL,
    "unitId" TEXT,
    "officerName" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "validUntil" DATETIME,
    "renewalReady" BOOLEAN NOT NULL DEFAULT false,
    "expiringDays" INTEGER NOT NULL DEFAULT 60,
    "metCount" INTEGER NOT NULL DEFAULT 0,
    "requiredCount" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("officerId", "programSlug"),
    CONSTRAINT "OfficerStanding_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Unit_agencyId_name_key" ON "Unit"("agencyId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_unitId_role_name_idx" ON "User"("unitId", "role", "name");

-- CreateIndex
CREATE INDEX "User_role_name_idx" ON "User"("role", "name");

-- CreateIndex
CREATE INDEX "SupervisedUnit_unitId_idx" ON "SupervisedUnit"("unitId");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "AuditEntry_officerId_at_idx" ON "AuditEntry"("officerId", "at");

-- CreateIndex
CREATE INDEX "AuditEntry_unitId_at_idx" ON "AuditEntry"("unitId", "at");

-- CreateIndex
CREATE INDEX "AuditEntry_at_idx" ON "AuditEntry"("at");

-- CreateIndex
CREATE UNIQUE INDEX "CheckAttempt_submissionKey_key" ON "CheckAttempt"("submissionKey");

-- CreateIndex
CREATE INDEX "CheckAttempt_userId_moduleSlug_idx" ON "CheckAttempt"("userId", "moduleSlug");

-- CreateIndex
CREATE INDEX "ScenarioVersion_hash_idx" ON "ScenarioVersion"("hash");

-- CreateIndex
CREATE UNIQUE INDEX "ScenarioVersion_scenarioSlug_number_key" ON "ScenarioVersion"("scenarioSlug", "number");

-- CreateIndex
CREATE INDEX "Attempt_userId_scenarioSlug_status_idx" ON "Attempt"("userId", "scenarioSlug", "status");

-- CreateIndex
CREATE INDEX "Attempt_scenarioSlug_finishedAt_idx" ON "Attempt"("scenarioSlug", "finishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "PracticumEntry_submissionKey_key" ON "PracticumEntry"("submissionKey");

-- CreateIndex
CREATE INDEX "PracticumEntry_officerId_status_idx" ON "PracticumEntry"("officerId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "SignOff_verificationCode_key" ON "SignOff"("verificationCode");

-- CreateIndex
CREATE INDEX "SignOff_officerId_programSlug_signedAt_idx" ON "SignOff"("officerId", "programSlug", "signedAt");

-- CreateIndex
CREATE INDEX "OfficerStanding_programSlug_unitId_officerName_idx" ON "OfficerStanding"("programSlug", "unitId", "officerName");

-- CreateIndex
CREATE INDEX "OfficerStanding_programSlug_unitId_status_validUntil_idx" ON "OfficerStanding"("programSlug", "unitId", "status", "validUntil");

