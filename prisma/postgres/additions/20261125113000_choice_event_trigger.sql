-- Hand-written PostgreSQL twin of the SQLite trigger in prisma/migrations/20261125113000_choice_event_trigger:
-- a choice is one UPDATE of its attempt (guarded by choiceCount), and this trigger records the choice event in
-- that same statement, so the event and the attempt can never disagree.
CREATE FUNCTION "Attempt_record_choice_event"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ChoiceEvent" ("attemptId", "position", "nodeId", "choiceId", "at")
  VALUES (NEW."id", OLD."choiceCount", NEW."lastNodeId", (NEW."choices"::jsonb) ->> OLD."choiceCount", NEW."updatedAt");
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Attempt_record_choice_event"
AFTER UPDATE OF "choiceCount" ON "Attempt"
FOR EACH ROW
WHEN (NEW."choiceCount" = OLD."choiceCount" + 1)
EXECUTE FUNCTION "Attempt_record_choice_event"();
