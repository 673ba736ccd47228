-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN "lastNodeId" TEXT;


-- A choice is one UPDATE of its attempt (guarded by choiceCount). This trigger records the choice event in
-- that same statement, so the event and the attempt can never disagree.
CREATE TRIGGER "Attempt_record_choice_event"
AFTER UPDATE OF "choiceCount" ON "Attempt"
WHEN NEW."choiceCount" = OLD."choiceCount" + 1
BEGIN
  INSERT INTO "ChoiceEvent" ("attemptId", "position", "nodeId", "choiceId", "at")
  VALUES (NEW."id", OLD."choiceCount", NEW."lastNodeId", json_extract(NEW."choices", '$[' || OLD."choiceCount" || ']'), NEW."updatedAt");
END;

-- An officer's attempts in order, for the attempts export and the officer's record.
CREATE INDEX "Attempt_userId_startedAt_idx" ON "Attempt"("userId", "startedAt");
