// All attempts of the officers a supervisor may see (optionally one unit), streamed from one query per unit on a
// connection of the export's own (app/db/sql.server.ts sqlStream): a long read never holds up the shared
// connections, and rows are read in pages between which the event loop runs.
import type { SessionUser } from "../auth/roles";
import { sqlStream } from "../db/sql.server";
import { supervisedUnitIds } from "../supervision/scope.server";

export const ATTEMPT_CSV_HEADER = [
  "attempt_id",
  "officer",
  "email",
  "unit",
  "scenario",
  "version",
  "status",
  "score",
  "passed",
  "critical_errors",
  "started_at",
  "finished_at",
  "mode",
] as const;

export async function* attemptRows(supervisor: SessionUser, unitId?: string): AsyncGenerator<unknown[]> {
  let units = await supervisedUnitIds(supervisor);
  if (unitId) units = units.filter((u) => u === unitId);
  // Unit by unit, officers by name: both indexes give this order, so rows flow from the first one with no sort
  // in between.
  for (const unit of units) {
    for await (const row of sqlStream(ATTEMPTS_OF_UNIT, [unit])) {
      row[8] = row[8] === null ? null : row[8] === true || row[8] === 1 || row[8] === 1n;
      yield row;
    }
  }
}

const ATTEMPTS_OF_UNIT = `
  SELECT a."id", u."name", u."email", un."name", a."scenarioSlug", v."number", a."status", a."score", a."passed",
         a."criticalErrors", a."startedAt", a."finishedAt", a."mode"
  FROM "User" u
  JOIN "Attempt" a ON a."userId" = u."id"
  JOIN "ScenarioVersion" v ON v."id" = a."scenarioVersionId"
  LEFT JOIN "Unit" un ON un."id" = u."unitId"
  WHERE u."unitId" = ? AND u."role" = 'officer'
  ORDER BY u."name", u."id", a."startedAt"`;
