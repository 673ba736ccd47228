// Competency profiles: how an officer, a unit and the agency stand on each competency, from two kinds of
// evidence put on one 0-100 scale (docs/decisions/0370-competency-profile-scale.md): the competency scores of
// assessed role-play attempts, and observed-assessment levels ("not yet" 0, "developing" 33, "competent" 67,
// "strong" 100). A group's figure is the mean of its officers' means, so one prolific officer does not outweigh
// the rest.
import { levelRank, LEVELS, type Level } from "../certification/rubric-format";
import { COMPETENCIES, type Competency } from "../scenarios/format";

export interface CompetencyPoint {
  officerId: string;
  competency: Competency;
  percent: number;
  at: Date;
}

export const COMPETENCY_LABELS: Record<Competency, string> = {
  neutrality: "Neutrality",
  empathy: "Empathy",
  safety: "Safety",
  accountability: "Accountability",
  process: "Process",
};

export function levelPercent(level: Level): number {
  return Math.round((levelRank(level) / (LEVELS.length - 1)) * 100);
}

export function isCompetency(value: string): value is Competency {
  return (COMPETENCIES as readonly string[]).includes(value);
}

/** The attempts whose competency scores are evidence: completed assessed ones (docs/decisions/0140). */
export const COUNTED_ATTEMPTS = { mode: "assessed", status: "completed" } as const;

export function isCountedAttempt(attempt: { mode: string; status: string }): boolean {
  return attempt.mode === COUNTED_ATTEMPTS.mode && attempt.status === COUNTED_ATTEMPTS.status;
}

/** The points of an assessed attempt's stored competency scores (JSON: competency -> percent). */
export function attemptPoints(officerId: string, json: string | null, at: Date): CompetencyPoint[] {
  if (!json) return [];
  const scores = JSON.parse(json) as Record<string, unknown>;
  return Object.entries(scores).flatMap(([competency, percent]) =>
    isCompetency(competency) && typeof percent === "number" ? [{ officerId, competency, percent, at }] : [],
  );
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

/** One officer's evidence on one competency: how many points and their sum. */
export interface CompetencyTally {
  points: number;
  total: number;
}

/** Per officer, per competency: the tallies of these points (only competencies with evidence appear). */
export function competencyTallies(points: CompetencyPoint[]): Map<string, Map<Competency, CompetencyTally>> {
  const byOfficer = new Map<string, Map<Competency, CompetencyTally>>();
  for (const p of points) {
    const officer = byOfficer.get(p.officerId) ?? new Map<Competency, CompetencyTally>();
    const tally = officer.get(p.competency) ?? { points: 0, total: 0 };
    officer.set(p.competency, { points: tally.points + 1, total: tally.total + p.percent });
    byOfficer.set(p.officerId, officer);
  }
  return byOfficer;
}

/**
 * An officer's mean on a competency as group figures count it: in millionths, rounded to an integer, so that a
 * group's sum of means is exact whether it is added up at once or kept as a running sum (the summary tables).
 */
export function officerMeanMicro(tally: CompetencyTally): number {
  return Math.round((tally.total * 1_000_000) / tally.points);
}

/** A group's figure from its officers' means (in millionths): their mean, rounded; null where nobody has evidence. */
export function groupFigure(officers: number, meanMicroSum: number): number | null {
  return officers > 0 ? roundOrNull(meanMicroSum / officers / 1_000_000) : null;
}

/** Per competency, the mean over officers of each officer's mean; null where nobody has evidence. */
export function groupProfile(points: CompetencyPoint[]): Record<Competency, number | null> {
  const tallies = [...competencyTallies(points).values()];
  const profile = {} as Record<Competency, number | null>;
  for (const c of COMPETENCIES) {
    const means = tallies.flatMap((m) => (m.has(c) ? [officerMeanMicro(m.get(c)!)] : []));
    profile[c] = groupFigure(
      means.length,
      means.reduce((a, b) => a + b, 0),
    );
  }
  return profile;
}

export const roundOrNull = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Nov 2026" for the month (UTC) of a date. */
export function monthLabel(date: Date): string {
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** The first moment (UTC) of each of the `count` months ending with the month of `now`, oldest first. */
export function lastMonths(now: Date, count: number): Date[] {
  return Array.from(
    { length: count },
    (_, i) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (count - 1 - i), 1)),
  );
}

/** Which of `months` (first moments, oldest first) a date falls in; -1 if before the first. */
export function monthIndex(months: Date[], at: Date): number {
  for (let i = months.length - 1; i >= 0; i--) if (at >= months[i]!) return i;
  return -1;
}

/** One officer's profile month by month: each competency's mean of the points in that month, null if none. */
export function profileOverTime(points: CompetencyPoint[], months: Date[]): Record<Competency, (number | null)[]> {
  const result = {} as Record<Competency, (number | null)[]>;
  for (const c of COMPETENCIES) {
    result[c] = months.map((_, mi) =>
      roundOrNull(
        mean(points.filter((p) => p.competency === c && monthIndex(months, p.at) === mi).map((p) => p.percent)),
      ),
    );
  }
  return result;
}

/** How far ahead the Insight page's expiry timeline looks. */
export const EXPIRY_HORIZON_DAYS = 90;
