-- Hand-written PostgreSQL twins of the SQLite triggers in prisma/migrations/20261202150100_observations:
-- observations and their scorings are records, so the database itself refuses to delete them or to change a
-- saved scoring, and an observation changes only by its officer's one response.
CREATE FUNCTION "refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0];
END;
$$;

CREATE TRIGGER "Observation_no_delete" BEFORE DELETE ON "Observation"
FOR EACH ROW EXECUTE FUNCTION "refuse_change"('observations are records and are never deleted');
CREATE TRIGGER "ObservationScoring_no_delete" BEFORE DELETE ON "ObservationScoring"
FOR EACH ROW EXECUTE FUNCTION "refuse_change"('observation scorings are records and are never deleted');
CREATE TRIGGER "CriterionScore_no_delete" BEFORE DELETE ON "CriterionScore"
FOR EACH ROW EXECUTE FUNCTION "refuse_change"('observation scorings are records and are never deleted');
CREATE TRIGGER "ObservationScoring_no_update" BEFORE UPDATE ON "ObservationScoring"
FOR EACH ROW EXECUTE FUNCTION "refuse_change"('a saved observation scoring is never changed');
CREATE TRIGGER "CriterionScore_no_update" BEFORE UPDATE ON "CriterionScore"
FOR EACH ROW EXECUTE FUNCTION "refuse_change"('a saved observation scoring is never changed');
CREATE TRIGGER "Observation_response_only" BEFORE UPDATE ON "Observation"
FOR EACH ROW
WHEN (OLD."officerResponse" IS NOT NULL
  OR NEW."id" IS DISTINCT FROM OLD."id" OR NEW."agencyId" IS DISTINCT FROM OLD."agencyId"
  OR NEW."officerId" IS DISTINCT FROM OLD."officerId" OR NEW."observedOn" IS DISTINCT FROM OLD."observedOn"
  OR NEW."setting" IS DISTINCT FROM OLD."setting" OR NEW."processKind" IS DISTINCT FROM OLD."processKind"
  OR NEW."rubricSlug" IS DISTINCT FROM OLD."rubricSlug" OR NEW."rubricTitle" IS DISTINCT FROM OLD."rubricTitle"
  OR NEW."rubricHash" IS DISTINCT FROM OLD."rubricHash" OR NEW."recordedById" IS DISTINCT FROM OLD."recordedById"
  OR NEW."submissionKey" IS DISTINCT FROM OLD."submissionKey" OR NEW."createdAt" IS DISTINCT FROM OLD."createdAt")
EXECUTE FUNCTION "refuse_change"('an observation changes only by its officer''s one response');
