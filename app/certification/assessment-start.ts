// Whether an officer may start an attempt of a scenario now, in each mode, and why not, from their standings.
// Pure: app/certification/assessments.server.ts loads the evidence, app/scenarios/attempts.server.ts starts.
import type { AttemptMode } from "../scenarios/modes";
import { practiceWouldClose, type AttemptEvidence, type RetakeAuthorizationEvidence } from "./assessment";
import type { ProgramStanding, Requirement } from "./status";

export type ScenarioRequirementResult = Extract<Requirement, { kind: "scenario" }>;

/** A role-play requirement of one program, as the officer stands in it now. */
export interface PoolInProgram {
  programTitle: string;
  requirement: ScenarioRequirementResult;
}

export type StartDecision = { ok: true; retakeAuthorizationId: string | null } | { ok: false; reason: string };

type Title = (slug: string) => string;

/** Every role-play requirement of every program (initial and renewal), with its program's title. */
export function poolsOf(
  standings: Map<string, ProgramStanding>,
  programTitle: (slug: string) => string,
): PoolInProgram[] {
  const pools: PoolInProgram[] = [];
  for (const [slug, standing] of standings) {
    for (const r of [...standing.requirements, ...(standing.renewal?.requirements ?? [])]) {
      if (r.kind === "scenario") pools.push({ programTitle: programTitle(slug), requirement: r });
    }
  }
  return pools;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Why an assessed attempt on `slug` cannot count for this requirement (which is in force and not met). */
function whyNot(req: ScenarioRequirementResult, slug: string, title: Title): string {
  const a = req.assessment;
  const others = a.eligible.filter((e) => e.slug !== slug).map((e) => `"${title(e.slug)}"`);
  const elsewhere = others.length
    ? ` For "${req.skill}" you can still take an assessed attempt on ${others.join(" or ")}.`
    : "";
  if (a.state === "in_progress")
    return `Your assessed attempt on "${title(a.open!.slug)}" for "${req.skill}" is in progress: finish it first.`;
  if (a.state === "awaiting_retake") {
    return `Your assessed attempt on "${title(a.lastFailure!.slug)}" for "${req.skill}" was not passed, and no other role-play of its pool is left for a first play. A trainer or your supervisor can authorize one more assessed attempt.`;
  }
  if (a.state === "closed")
    return `Every role-play of the pool for "${req.skill}" was practiced before an assessment, so none can count: speak with a trainer.`;
  const played = a.played.find((p) => p.slug === slug);
  if (played?.practiced && a.eligible.some((e) => e.retakeAuthorizationId))
    return `You practiced this role-play, so it cannot be your authorized retake.${elsewhere}`;
  const when = played ? ` (a ${played.firstMode} attempt started ${day(played.firstAt)})` : "";
  return `You have already played this role-play${when}, so an assessed attempt on it would not be a first play and could not count.${elsewhere}`;
}

/** May an assessed attempt on `slug` start now, so that it can count? A retake names the authorization it uses. */
export function assessedStart(pools: PoolInProgram[], slug: string, title: Title): StartDecision {
  const mine = pools.filter((p) => p.requirement.pool.includes(slug));
  if (!mine.length)
    return { ok: false, reason: "No program assesses this role-play: practice it as often as you like." };
  const open = mine.filter((p) => p.requirement.inForce && !p.requirement.met);
  if (!open.length) {
    const met = mine.some((p) => p.requirement.met);
    return {
      ok: false,
      reason: met
        ? "You have already met the requirement this role-play is assessed for: practice it as often as you like."
        : "This role-play does not count toward anything you need now: practice it as often as you like.",
    };
  }
  const eligible = open.flatMap((p) => p.requirement.assessment.eligible.filter((e) => e.slug === slug));
  if (eligible.length)
    return {
      ok: true,
      retakeAuthorizationId: eligible.find((e) => e.retakeAuthorizationId)?.retakeAuthorizationId ?? null,
    };
  return { ok: false, reason: whyNot(open[0]!.requirement, slug, title) };
}

/**
 * May a practice attempt on `slug` start now? Refused only when it would leave a requirement in force with no
 * scenario that can ever count (the officer could then never be assessed for it). `note` warns when practice
 * uses up a first play that could have been an assessment.
 */
export function practiceStart(
  pools: PoolInProgram[],
  attempts: readonly AttemptEvidence[],
  authorizations: readonly RetakeAuthorizationEvidence[],
  slug: string,
  now: Date,
  title: Title,
): { ok: true; note: string | null } | { ok: false; reason: string } {
  const open = pools.filter((p) => p.requirement.inForce && !p.requirement.met && p.requirement.pool.includes(slug));
  for (const { programTitle, requirement: r } of open) {
    if (practiceWouldClose(r, attempts, authorizations, r.since, slug, now)) {
      return {
        ok: false,
        reason: `Practicing this role-play now would leave no role-play of the pool for "${r.skill}" (${programTitle}) that can be your assessed attempt. Take the assessed attempt first; after that you can practice it as often as you like.`,
      };
    }
  }
  const spent = open.find((p) =>
    p.requirement.assessment.eligible.some((e) => e.slug === slug && !e.retakeAuthorizationId),
  );
  if (!spent) return { ok: true, note: null };
  const rest = spent.requirement.assessment.eligible
    .filter((e) => e.slug !== slug)
    .map((e) => `"${title(e.slug)}"`)
    .join(" or ");
  return {
    ok: true,
    note: `Practicing this role-play means it can no longer be your assessed attempt for "${spent.requirement.skill}" (${spent.programTitle})${rest ? `; ${rest} still can` : ""}.`,
  };
}

export function decide(
  mode: AttemptMode,
  pools: PoolInProgram[],
  attempts: readonly AttemptEvidence[],
  authorizations: readonly RetakeAuthorizationEvidence[],
  slug: string,
  now: Date,
  title: Title,
): StartDecision {
  if (mode === "assessed") return assessedStart(pools, slug, title);
  const practice = practiceStart(pools, attempts, authorizations, slug, now, title);
  return practice.ok ? { ok: true, retakeAuthorizationId: null } : practice;
}
