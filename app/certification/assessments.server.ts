// Assessed attempts and retakes on the server: what an officer may start, and a trainer's or supervisor's
// authorization of one more assessed attempt after a failed one (audited). The rules themselves are the pure
// functions of ./assessment.ts and ./assessment-start.ts.
import { recordAudit } from "../audit/audit.server";
import type { SessionUser } from "../auth/roles";
import type { Tx } from "../db/db.server";
import { prisma } from "../db/db.server";
import { Prisma } from "../db/generated/client";
import { DomainError } from "../errors";
import type { StartOptions } from "../scenarios/events.server";
import { scenarioTitles } from "../scenarios/library.server";
import type { AttemptMode } from "../scenarios/modes";
import { supervisedUnitIds } from "../supervision/scope.server";
import { namesOf } from "../users/names.server";
import {
  assessedStart,
  decide,
  poolsOf,
  practiceStart,
  type PoolInProgram,
  type StartDecision,
} from "./assessment-start";
import { loadEvidence, recomputeStandings, standingsFrom } from "./evidence.server";
import { allPrograms } from "./programs.server";

type Db = Tx | typeof prisma;

function programTitle(slug: string): string {
  return allPrograms().find((p) => p.slug === slug)?.title ?? slug;
}

async function officerPools(db: Db, officerId: string, now: Date) {
  const evidence = await loadEvidence(db, officerId);
  const pools = poolsOf(standingsFrom(evidence, allPrograms(), now), programTitle);
  return { evidence, pools };
}

/**
 * Whether `user` may start an attempt of `slug` in `mode` now. Called inside the transaction that creates the
 * attempt, so two starts cannot both use one first play or one retake authorization.
 */
export async function planStart(
  tx: Tx,
  user: SessionUser,
  slug: string,
  mode: AttemptMode,
  now: Date,
  title: (slug: string) => string,
): Promise<StartDecision> {
  if (user.role !== "officer") {
    return mode === "practice"
      ? { ok: true, retakeAuthorizationId: null }
      : { ok: false, reason: "Assessed attempts are for officers working toward a certification." };
  }
  const { evidence, pools } = await officerPools(tx, user.id, now);
  return decide(mode, pools, evidence.attempts, evidence.retakeAuthorizations, slug, now, title);
}

/** What the scenario page offers an officer: an assessed attempt (or why not) and practice (or why not). */
export async function startOptions(user: SessionUser, slug: string, now = new Date()): Promise<StartOptions | null> {
  if (user.role !== "officer") return null;
  const title = await scenarioTitles();
  const { evidence, pools } = await officerPools(prisma, user.id, now);
  const assessed = assessedStart(pools, slug, title);
  const practice = practiceStart(pools, evidence.attempts, evidence.retakeAuthorizations, slug, now, title);
  const counted = pools.filter((p) => p.requirement.pool.includes(slug) && p.requirement.inForce && !p.requirement.met);
  return {
    assessed: assessed.ok
      ? { ok: true as const, retake: assessed.retakeAuthorizationId !== null, reason: null }
      : { ok: false as const, retake: false, reason: assessed.reason },
    practice: practice.ok
      ? { ok: true as const, note: practice.note, reason: null }
      : { ok: false as const, note: null, reason: practice.reason },
    /** the requirements an assessed attempt here would count for */
    countsFor: counted.map((p) => ({
      program: p.programTitle,
      skill: p.requirement.skill,
      minScore: p.requirement.minScore,
      competencyMinimums: p.requirement.competencyMinimums,
    })),
  };
}

// ------------------------------------------------------------------------------------------ retakes

/** The officer, if `actor` may decide retakes for them: a supervisor for the units they supervise, a trainer or admin in their agency. */
async function officerInScope(actor: SessionUser, officerId: string) {
  const officer = await prisma.user.findUnique({
    where: { id: officerId },
    select: { id: true, name: true, role: true, agencyId: true, unitId: true },
  });
  if (!officer || officer.role !== "officer" || officer.agencyId !== actor.agencyId) return null;
  if (actor.role === "trainer" || actor.role === "admin") return officer;
  if (actor.role === "supervisor")
    return officer.unitId && (await supervisedUnitIds(actor)).includes(officer.unitId) ? officer : null;
  return null;
}

/** The requirement in force that waits for a retake decision after this failed attempt, if any. */
function awaitingAfter(pools: PoolInProgram[], failedAttemptId: string): PoolInProgram | null {
  return (
    pools.find(
      (p) =>
        p.requirement.inForce &&
        p.requirement.assessment.state === "awaiting_retake" &&
        p.requirement.assessment.lastFailure?.attemptId === failedAttemptId,
    ) ?? null
  );
}

/**
 * Authorizes one more assessed attempt after `failedAttemptId`. Null when the attempt is not one of an officer
 * the actor may decide for (the route answers 404); a DomainError when the rules refuse it. One authorization per
 * failed attempt: asking again (a resent form, a second person) is acknowledged and changes nothing.
 */
export async function authorizeRetake(actor: SessionUser, failedAttemptId: string, comment: string, now = new Date()) {
  const failed = await prisma.attempt.findUnique({
    where: { id: failedAttemptId },
    select: { id: true, userId: true, scenarioSlug: true, score: true },
  });
  if (!failed) return null;
  const officer = await officerInScope(actor, failed.userId);
  if (!officer) return null;
  const reason = comment.trim();
  if (reason.length < 5)
    throw new DomainError(
      "conflict",
      "Say why one more assessed attempt is fair: the comment is kept in the audit trail.",
    );
  try {
    return await prisma.$transaction(async (tx) => {
      const existing = await tx.retakeAuthorization.findUnique({ where: { failedAttemptId }, select: { id: true } });
      if (existing) return { authorizationId: existing.id, repeated: true };
      const { pools } = await officerPools(tx, officer.id, now);
      const waiting = awaitingAfter(pools, failedAttemptId);
      if (!waiting)
        throw new DomainError(
          "conflict",
          "A retake can be authorized only after a failed assessed attempt, once no other role-play of its pool is left for a first play.",
        );
      const created = await tx.retakeAuthorization.create({
        data: { officerId: officer.id, failedAttemptId, authorizedById: actor.id, comment: reason },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "assessment.retake_authorized",
        subjectId: created.id,
        officerId: officer.id,
        unitId: officer.unitId,
        before: { assessment: "not passed" },
        after: {
          program: waiting.programTitle,
          skill: waiting.requirement.skill,
          failedAttempt: failedAttemptId,
          scenario: failed.scenarioSlug,
          score: failed.score,
          comment: reason,
        },
      });
      await recomputeStandings(tx, officer.id, now);
      return { authorizationId: created.id, repeated: false };
    });
  } catch (error) {
    // Another request authorized it in the meantime.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      return { authorizationId: null, repeated: true };
    throw error;
  }
}

const QUEUE_SIZE = 100;

/** Which roster rows the actor may decide retakes for: a supervisor's units, a trainer's or admin's agency. */
async function standingScope(actor: SessionUser): Promise<Prisma.OfficerStandingWhereInput> {
  return actor.role === "supervisor"
    ? { unitId: { in: await supervisedUnitIds(actor) } }
    : { officer: { agencyId: actor.agencyId } };
}

/** How many officers in the actor's scope wait for a retake decision (read from the roster summary). */
export async function failedAssessmentCount(actor: SessionUser): Promise<number> {
  const rows = await prisma.officerStanding.findMany({
    where: { awaitingRetake: { gt: 0 }, ...(await standingScope(actor)) },
    distinct: ["officerId"],
    select: { officerId: true },
    take: 1000,
  });
  return rows.length;
}

/** Officers in the actor's scope with a failed assessment waiting for a retake decision, and recent decisions. */
export async function retakeQueue(actor: SessionUser, now = new Date()) {
  const rows = await prisma.officerStanding.findMany({
    where: { awaitingRetake: { gt: 0 }, ...(await standingScope(actor)) },
    distinct: ["officerId"],
    orderBy: [{ updatedAt: "desc" }, { officerId: "asc" }],
    take: QUEUE_SIZE,
    select: {
      officerId: true,
      officerName: true,
      officer: { select: { email: true, unit: { select: { name: true } } } },
    },
  });
  const title = await scenarioTitles();
  const waiting = [];
  for (const row of rows) {
    const { pools } = await officerPools(prisma, row.officerId, now);
    for (const p of pools) {
      const a = p.requirement.assessment;
      if (!p.requirement.inForce || a.state !== "awaiting_retake" || !a.lastFailure) continue;
      waiting.push({
        officerId: row.officerId,
        officerName: row.officerName,
        email: row.officer.email,
        unitName: row.officer.unit?.name ?? null,
        program: p.programTitle,
        skill: p.requirement.skill,
        minScore: p.requirement.minScore,
        failedAttemptId: a.lastFailure.attemptId,
        scenario: title(a.lastFailure.slug),
        score: a.lastFailure.score,
        at: a.lastFailure.at,
        left: a.lastFailure.left,
        retakeOn: p.requirement.pool.filter((s) => !a.played.find((x) => x.slug === s)?.practiced).map(title),
      });
    }
  }
  const recent = await prisma.retakeAuthorization.findMany({
    where:
      actor.role === "supervisor"
        ? { officer: { unitId: { in: await supervisedUnitIds(actor) } } }
        : { officer: { agencyId: actor.agencyId } },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: {
      id: true,
      createdAt: true,
      comment: true,
      authorizedById: true,
      officer: { select: { name: true } },
      failedAttempt: { select: { scenarioSlug: true } },
    },
  });
  const names = await namesOf(recent.map((r) => r.authorizedById));
  return {
    waiting,
    recent: recent.map((r) => ({
      id: r.id,
      at: r.createdAt,
      comment: r.comment,
      officerName: r.officer.name,
      scenario: title(r.failedAttempt.scenarioSlug),
      by: names.get(r.authorizedById) ?? "Unknown",
    })),
  };
}
