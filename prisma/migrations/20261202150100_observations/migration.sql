-- Assessor grants, observations against rubrics, independent second scorings (docs/decisions/0160, 0161).

-- CreateTable
CREATE TABLE "PermissionGrant" (
    "userId" TEXT NOT NULL,
    "permission" TEXT NOT NULL,
    "grantedById" TEXT NOT NULL,
    "grantedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "permission"),
    CONSTRAINT "PermissionGrant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Observation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agencyId" TEXT NOT NULL,
    "officerId" TEXT NOT NULL,
    "observedOn" DATETIME NOT NULL,
    "setting" TEXT NOT NULL,
    "processKind" TEXT NOT NULL,
    "rubricSlug" TEXT NOT NULL,
    "rubricTitle" TEXT NOT NULL,
    "rubricHash" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "officerResponse" TEXT,
    "respondedAt" DATETIME,
    "submissionKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Observation_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ObservationScoring" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "observationId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "assessorId" TEXT NOT NULL,
    "overall" TEXT NOT NULL,
    "comment" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ObservationScoring_observationId_fkey" FOREIGN KEY ("observationId") REFERENCES "Observation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CriterionScore" (
    "scoringId" TEXT NOT NULL,
    "criterionId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "criterionTitle" TEXT NOT NULL,
    "competency" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,

    PRIMARY KEY ("scoringId", "criterionId"),
    CONSTRAINT "CriterionScore_scoringId_fkey" FOREIGN KEY ("scoringId") REFERENCES "ObservationScoring" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Observation_submissionKey_key" ON "Observation"("submissionKey");

-- CreateIndex
CREATE INDEX "Observation_officerId_observedOn_idx" ON "Observation"("officerId", "observedOn");

-- CreateIndex
CREATE INDEX "Observation_agencyId_createdAt_idx" ON "Observation"("agencyId", "createdAt");

-- CreateIndex
CREATE INDEX "ObservationScoring_assessorId_idx" ON "ObservationScoring"("assessorId");

-- CreateIndex
CREATE UNIQUE INDEX "ObservationScoring_observationId_position_key" ON "ObservationScoring"("observationId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "ObservationScoring_observationId_assessorId_key" ON "ObservationScoring"("observationId", "assessorId");

-- Observations are records: the database itself refuses to delete them or to change a saved scoring, and lets
-- an observation change only by its officer's one response. (A later migration that rebuilds one of these
-- tables must create its trigger again.)
CREATE TRIGGER "Observation_no_delete" BEFORE DELETE ON "Observation"
BEGIN SELECT RAISE(ABORT, 'observations are records and are never deleted'); END;
CREATE TRIGGER "ObservationScoring_no_delete" BEFORE DELETE ON "ObservationScoring"
BEGIN SELECT RAISE(ABORT, 'observation scorings are records and are never deleted'); END;
CREATE TRIGGER "CriterionScore_no_delete" BEFORE DELETE ON "CriterionScore"
BEGIN SELECT RAISE(ABORT, 'observation scorings are records and are never deleted'); END;
CREATE TRIGGER "ObservationScoring_no_update" BEFORE UPDATE ON "ObservationScoring"
BEGIN SELECT RAISE(ABORT, 'a saved observation scoring is never changed'); END;
CREATE TRIGGER "CriterionScore_no_update" BEFORE UPDATE ON "CriterionScore"
BEGIN SELECT RAISE(ABORT, 'a saved observation scoring is never changed'); END;
CREATE TRIGGER "Observation_response_only" BEFORE UPDATE ON "Observation"
WHEN OLD."officerResponse" IS NOT NULL
  OR NEW."id" IS NOT OLD."id" OR NEW."agencyId" IS NOT OLD."agencyId" OR NEW."officerId" IS NOT OLD."officerId"
  OR NEW."observedOn" IS NOT OLD."observedOn" OR NEW."setting" IS NOT OLD."setting" OR NEW."processKind" IS NOT OLD."processKind"
  OR NEW."rubricSlug" IS NOT OLD."rubricSlug" OR NEW."rubricTitle" IS NOT OLD."rubricTitle" OR NEW."rubricHash" IS NOT OLD."rubricHash"
  OR NEW."recordedById" IS NOT OLD."recordedById" OR NEW."submissionKey" IS NOT OLD."submissionKey" OR NEW."createdAt" IS NOT OLD."createdAt"
BEGIN SELECT RAISE(ABORT, 'an observation changes only by its officer''s one response'); END;
