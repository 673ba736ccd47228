// How a role-play requirement (a pool of scenarios) is assessed, as pure functions over an officer's attempts.
// The rules (docs/decisions/0140 and 0141):
//  - only assessed attempts count, and only one that was the officer's first play of its scenario in the
//    period the requirement looks at (all time; for renewal, since the renewal window opened), or an
//    authorized retake;
//  - a retake is authorized after a failed assessment when no scenario of the pool is left for a first play;
//    it may be on any scenario of the pool the officer has not practiced in the period, the failed one included.
// Status, starting an attempt and the retake queue all ask these functions, so they cannot disagree.
import type { Competency } from "../scenarios/format";
import type { AttemptMode } from "../scenarios/modes";
import type { ScenarioRequirement } from "./format";

export interface AttemptEvidence {
  id: string;
  scenarioSlug: string;
  mode: AttemptMode;
  status: "in_progress" | "completed" | "left";
  startedAt: Date;
  finishedAt: Date | null;
  score: number | null;
  passed: boolean | null;
  competencyScores: Partial<Record<Competency, number>>;
  retakeAuthorizationId: string | null;
}

export interface RetakeAuthorizationEvidence {
  id: string;
  failedAttemptId: string;
}

/**
 * met: an attempt meets it. in_progress: an assessed attempt that would count is open. available: an assessed
 * attempt can be started on `eligible`. awaiting_retake: the assessment failed and no scenario is left; a
 * trainer or supervisor may authorize a retake. closed: nothing can count (every scenario was practiced first).
 */
export type AssessmentState = "met" | "in_progress" | "available" | "awaiting_retake" | "closed";

export interface PoolAssessment {
  state: AssessmentState;
  /** the attempt that meets the requirement (the best-scoring one) */
  best: AttemptEvidence | null;
  open: { attemptId: string; slug: string } | null;
  /** where an assessed attempt would count now; a retake names the authorization it uses */
  eligible: { slug: string; retakeAuthorizationId: string | null }[];
  /** the latest assessed attempt that counted and did not meet the requirement (left, failed or too low) */
  lastFailure: { attemptId: string; slug: string; score: number | null; at: Date; left: boolean } | null;
  /** each scenario of the pool played in the period: its first play, and whether it was ever practiced */
  played: { slug: string; firstMode: AttemptMode; firstAt: Date; practiced: boolean }[];
}

function meets(req: ScenarioRequirement, a: AttemptEvidence): boolean {
  return (
    a.status === "completed" &&
    a.passed === true &&
    (a.score ?? 0) >= req.minScore &&
    Object.entries(req.competencyMinimums).every(([c, min]) => (a.competencyScores[c as Competency] ?? 0) >= (min ?? 0))
  );
}

const byStart = (a: AttemptEvidence, b: AttemptEvidence) =>
  a.startedAt.getTime() - b.startedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The assessed attempts that count for the requirement, in the order they were started. */
function countingAttempts(
  req: ScenarioRequirement,
  attempts: readonly AttemptEvidence[],
  authorizations: readonly RetakeAuthorizationEvidence[],
) {
  const authorization = new Map(authorizations.map((r) => [r.id, r]));
  const firstPlay = new Map<string, AttemptEvidence>();
  const practiced = new Set<string>();
  const counting: AttemptEvidence[] = [];
  for (const a of attempts) {
    const first = !firstPlay.has(a.scenarioSlug);
    if (first) firstPlay.set(a.scenarioSlug, a);
    if (a.mode === "practice") {
      practiced.add(a.scenarioSlug);
      continue;
    }
    const used = a.retakeAuthorizationId ? authorization.get(a.retakeAuthorizationId) : undefined;
    const retake = !!used && counting.some((c) => c.id === used.failedAttemptId) && !practiced.has(a.scenarioSlug);
    if (first || retake) counting.push(a);
  }
  return { counting, firstPlay, practiced };
}

function inPeriod(req: ScenarioRequirement, attempts: readonly AttemptEvidence[], since: Date | null) {
  return attempts.filter((a) => req.pool.includes(a.scenarioSlug) && (!since || a.startedAt >= since)).sort(byStart);
}

function bestFirst(req: ScenarioRequirement, counting: AttemptEvidence[]) {
  return counting
    .filter((a) => meets(req, a))
    .sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || (b.finishedAt?.getTime() ?? 0) - (a.finishedAt?.getTime() ?? 0));
}

/** The attempts that meet the requirement (counting, passed, at the minimums), best first. */
export function qualifyingAttempts(
  req: ScenarioRequirement,
  attempts: readonly AttemptEvidence[],
  authorizations: readonly RetakeAuthorizationEvidence[],
  since: Date | null,
) {
  return bestFirst(req, countingAttempts(req, inPeriod(req, attempts, since), authorizations).counting);
}

export function assessPool(
  req: ScenarioRequirement,
  allAttempts: readonly AttemptEvidence[],
  authorizations: readonly RetakeAuthorizationEvidence[],
  since: Date | null,
): PoolAssessment {
  const attempts = inPeriod(req, allAttempts, since);
  const { counting, firstPlay, practiced } = countingAttempts(req, attempts, authorizations);
  const played = req.pool
    .filter((s) => firstPlay.has(s))
    .map((slug) => ({
      slug,
      firstMode: firstPlay.get(slug)!.mode,
      firstAt: firstPlay.get(slug)!.startedAt,
      practiced: practiced.has(slug),
    }));
  const best = bestFirst(req, counting)[0] ?? null;
  const base: Omit<PoolAssessment, "state"> = { best, played, open: null, eligible: [], lastFailure: null };
  if (best) return { ...base, state: "met" };

  const openAttempt = counting.find((a) => a.status === "in_progress");
  const failure = [...counting].reverse().find((a) => a.status !== "in_progress");
  const lastFailure = failure
    ? {
        attemptId: failure.id,
        slug: failure.scenarioSlug,
        score: failure.score,
        at: failure.finishedAt ?? failure.startedAt,
        left: failure.status === "left",
      }
    : null;
  if (openAttempt)
    return {
      ...base,
      lastFailure,
      state: "in_progress",
      open: { attemptId: openAttempt.id, slug: openAttempt.scenarioSlug },
    };

  const countingIds = new Set(counting.map((a) => a.id));
  const usedIds = new Set(attempts.map((a) => a.retakeAuthorizationId).filter((id): id is string => !!id));
  const unused = authorizations.find((r) => countingIds.has(r.failedAttemptId) && !usedIds.has(r.id)) ?? null;
  const eligible = req.pool.flatMap((slug): PoolAssessment["eligible"] => {
    if (!firstPlay.has(slug)) return [{ slug, retakeAuthorizationId: null }];
    if (unused && !practiced.has(slug)) return [{ slug, retakeAuthorizationId: unused.id }];
    return [];
  });
  if (eligible.length) return { ...base, lastFailure, eligible, state: "available" };
  const retakePossible = req.pool.some((s) => !practiced.has(s));
  return { ...base, lastFailure, state: lastFailure && retakePossible ? "awaiting_retake" : "closed" };
}

/** Whether a practice attempt started now on `slug` would leave the requirement with nothing that can count. */
export function practiceWouldClose(
  req: ScenarioRequirement,
  attempts: readonly AttemptEvidence[],
  authorizations: readonly RetakeAuthorizationEvidence[],
  since: Date | null,
  slug: string,
  now: Date,
): boolean {
  if (!req.pool.includes(slug)) return false;
  const before = assessPool(req, attempts, authorizations, since);
  if (before.state === "met" || before.state === "closed") return false;
  const practice: AttemptEvidence = {
    id: "\uffff",
    scenarioSlug: slug,
    mode: "practice",
    status: "in_progress",
    startedAt: now,
    finishedAt: null,
    score: null,
    passed: null,
    competencyScores: {},
    retakeAuthorizationId: null,
  };
  return assessPool(req, [...attempts, practice], authorizations, since).state === "closed";
}
