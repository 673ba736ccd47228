// A supervisor reading one of their officers' attempts: transcript and, once finished, the debrief.
import type { SessionUser } from "../auth/roles";
import { prisma } from "../db/db.server";
import { fromSqlTime, sqlTime } from "../db/sql-time";
import { sqlRows } from "../db/sql.server";
import { loadVersion } from "../scenarios/library.server";
import { shownParticipants } from "../scenarios/scenario";
import { debriefView, playerView } from "../scenarios/views";
import { findSupervisedOfficer } from "./scope.server";

export async function supervisedAttempt(supervisor: SessionUser, officerId: string, attemptId: string) {
  const officer = await findSupervisedOfficer(supervisor, officerId);
  if (!officer) return null;
  const row = await prisma.attempt.findUnique({
    where: { id: attemptId },
    select: { userId: true, status: true, choices: true, scenarioVersionId: true, startedAt: true },
  });
  if (!row || row.userId !== officer.id) return null;
  const version = await loadVersion(row.scenarioVersionId);
  if (!version) return null;
  const choices = JSON.parse(row.choices) as string[];
  const { scenario } = version.compiled;
  const view = playerView(scenario, choices);
  const finalStep = {
    position: view.position,
    nodeId: view.current.nodeId,
    narration: view.current.narration,
    lines: view.current.lines,
    choice: null,
  };
  return {
    officerId: officer.id,
    officerName: officer.name,
    title: scenario.title,
    version: version.number,
    status: row.status,
    startedAt: row.startedAt,
    transcript: [...view.transcript, finalStep],
    debrief: row.status === "completed" ? debriefView(version.compiled, choices) : null,
    participants: shownParticipants(scenario),
  };
}

// ------------------------------------------------------------------------------------------ attempt history
// An officer's attempts, newest first, 50 a page, by keyset (startedAt, id): a page costs the same at attempt
// 1,500 as at attempt 50, and never shifts when the officer starts another attempt meanwhile. Raw reads
// (app/db/sql.server.ts; on SQLite prepared statements on the reader connection, docs/decisions/0242).

export const ATTEMPTS_PER_PAGE = 50;

/** Where a page starts: strictly older than `older`, or strictly newer than `newer` (then shown newest first too). */
export type AttemptCursor = { direction: "older" | "newer"; startedAt: string; id: string };

const CURSOR = /^(\d{4}-\d\d-\d\d[T ][0-9:.]+(?:Z|[+-]\d\d:\d\d)?)~([A-Za-z0-9_-]{1,64})$/;

/** The cursor a page link carries (`?older=` or `?newer=`); "invalid" when one is given but malformed. */
export function attemptCursorFrom(params: URLSearchParams): AttemptCursor | null | "invalid" {
  const direction = params.has("older") ? "older" : params.has("newer") ? "newer" : null;
  if (!direction) return null;
  const match = CURSOR.exec(params.get(direction) ?? "");
  return match ? { direction, startedAt: match[1]!, id: match[2]! } : "invalid";
}

const cursorText = (row: { startedAt: string | Date; id: string }) =>
  `${sqlTime(fromSqlTime(row.startedAt))}~${row.id}`;

type AttemptListRow = {
  id: string;
  scenarioSlug: string;
  status: string;
  mode: string;
  score: number | null;
  passed: number | boolean | null;
  criticalErrors: number;
  startedAt: string | Date;
  finishedAt: string | Date | null;
  versionNumber: number;
  versionTitle: string;
};

const ATTEMPT_COLUMNS = `a."id", a."scenarioSlug", a."status", a."mode", a."score", a."passed", a."criticalErrors",
  a."startedAt", a."finishedAt", v."number" AS "versionNumber", v."title" AS "versionTitle"
  FROM "Attempt" a JOIN "ScenarioVersion" v ON v."id" = a."scenarioVersionId"`;
const FIRST = `SELECT ${ATTEMPT_COLUMNS} WHERE a."userId" = ? ORDER BY a."startedAt" DESC, a."id" DESC LIMIT ?`;
// The cursor's time is typed where it stands on PostgreSQL (it arrives as text).
const pageFrom = (compare: "<" | ">", order: "ASC" | "DESC", time: string) =>
  `SELECT ${ATTEMPT_COLUMNS} WHERE a."userId" = ? AND (a."startedAt", a."id") ${compare} (${time}, ?)
   ORDER BY a."startedAt" ${order}, a."id" ${order} LIMIT ?`;
const OLDER = { sqlite: pageFrom("<", "DESC", "?"), postgres: pageFrom("<", "DESC", "CAST(? AS TIMESTAMP(3))") };
const NEWER = { sqlite: pageFrom(">", "ASC", "?"), postgres: pageFrom(">", "ASC", "CAST(? AS TIMESTAMP(3))") };

/** One page of the officer's attempts, newest first, with the cursors of the pages either side (null: none). */
export async function attemptsPage(officerId: string, cursor: AttemptCursor | null) {
  const limit = ATTEMPTS_PER_PAGE + 1;
  let rows: AttemptListRow[];
  let olderExists: boolean;
  let newerExists: boolean;
  if (!cursor) {
    rows = await sqlRows<AttemptListRow>(FIRST, officerId, limit);
    olderExists = rows.length === limit;
    newerExists = false;
  } else if (cursor.direction === "older") {
    rows = await sqlRows<AttemptListRow>(OLDER, officerId, cursor.startedAt, cursor.id, limit);
    olderExists = rows.length === limit;
    newerExists = true;
  } else {
    rows = await sqlRows<AttemptListRow>(NEWER, officerId, cursor.startedAt, cursor.id, limit);
    newerExists = rows.length === limit;
    olderExists = true;
    rows = rows.slice(0, ATTEMPTS_PER_PAGE).reverse();
  }
  rows = rows.slice(0, ATTEMPTS_PER_PAGE);
  return {
    attempts: rows.map((r) => ({
      id: r.id,
      scenarioSlug: r.scenarioSlug,
      status: r.status,
      mode: r.mode,
      score: r.score,
      passed: r.passed === null ? null : r.passed === 1 || r.passed === true,
      criticalErrors: r.criticalErrors,
      startedAt: fromSqlTime(r.startedAt),
      finishedAt: r.finishedAt === null ? null : fromSqlTime(r.finishedAt),
      scenarioVersion: { number: r.versionNumber, title: r.versionTitle },
    })),
    // At the edge of the history there is no page beyond, whichever way the officer came.
    older: olderExists && rows.length ? cursorText(rows.at(-1)!) : null,
    newer: newerExists && rows.length ? cursorText(rows[0]!) : null,
  };
}

/** Average score per competency over all the officer's completed attempts, by competency name. */
const profileSql = (scores: string, value: string) => `
  SELECT j.key AS "competency", AVG(${value}) AS "average", COUNT(*) AS "attempts"
  FROM "Attempt" a, ${scores} j
  WHERE a."userId" = ? AND a."status" = 'completed' AND a."competencyScores" IS NOT NULL
  GROUP BY j.key ORDER BY j.key`;
const PROFILE = {
  sqlite: profileSql(`json_each(a."competencyScores")`, "j.value"),
  postgres: profileSql(`jsonb_each_text(a."competencyScores"::jsonb)`, "CAST(j.value AS DOUBLE PRECISION)"),
};

export async function competencyProfile(officerId: string) {
  const rows = await sqlRows<{ competency: string; average: number; attempts: number }>(PROFILE, officerId);
  return rows.map((r) => ({ competency: r.competency, average: Math.round(r.average), attempts: r.attempts }));
}
