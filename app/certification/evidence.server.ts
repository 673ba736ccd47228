// Gathers an officer's evidence and computes their standing in every program. recomputeStandings runs
// inside the transaction that changed the evidence, so the roster summary is never behind.
import type { Tx } from "../db/db.server";
import { prisma } from "../db/db.server";
import { Prisma } from "../db/generated/client";
import type { Competency } from "../scenarios/format";
import { attemptModeOf } from "../scenarios/modes";
import { recordXapi } from "../xapi/outbox.server";
import type { AttemptEvidence } from "./assessment";
import { observationEvidence } from "./observations.server";
import { confirmedPracticumEvidence } from "./practicum.server";
import { allPrograms } from "./programs.server";
import { standingsFrom, summaryOf, type AllEvidence, type ProgramStanding, type StandingNames } from "./status";

export { standingsFrom };

type Db = Tx | typeof prisma;

export async function loadEvidence(db: Db, officerId: string): Promise<AllEvidence> {
  const [modules, attempts, retakes, practicum, observations, cpd, caseStudies, signOffs] = await Promise.all([
    db.moduleProgress.findMany({
      where: { userId: officerId, status: "passed" },
      select: { moduleSlug: true, passedAt: true },
    }),
    // Every attempt, in any mode and status: whether an assessed attempt was a first play depends on all of them.
    db.attempt.findMany({
      where: { userId: officerId },
      select: {
        id: true,
        scenarioSlug: true,
        mode: true,
        status: true,
        startedAt: true,
        finishedAt: true,
        score: true,
        passed: true,
        competencyScores: true,
        retakeAuthorizationId: true,
      },
    }),
    db.retakeAuthorization.findMany({ where: { officerId }, select: { id: true, failedAttemptId: true } }),
    confirmedPracticumEvidence(db, officerId),
    observationEvidence(db, officerId),
    db.cpdActivity.findMany({
      where: { officerId, status: "confirmed" },
      select: { id: true, date: true, hours: true },
    }),
    db.caseStudy.findMany({
      where: { officerId, status: "accepted" },
      orderBy: { reviewedAt: "asc" },
      select: { id: true, title: true, reviewedAt: true },
    }),
    db.signOff.findMany({
      where: { officerId },
      select: { id: true, programSlug: true, signedAt: true, validUntil: true, revokedAt: true, revokeReason: true },
    }),
  ]);
  return {
    modulesPassed: modules.map((m) => ({ slug: m.moduleSlug, passedAt: m.passedAt ?? new Date(0) })),
    attempts: attempts.map((a): AttemptEvidence => ({
      id: a.id,
      scenarioSlug: a.scenarioSlug,
      mode: attemptModeOf(a.mode),
      status: a.status === "completed" || a.status === "left" ? a.status : "in_progress",
      startedAt: a.startedAt,
      finishedAt: a.finishedAt,
      score: a.score,
      passed: a.passed,
      retakeAuthorizationId: a.retakeAuthorizationId,
      competencyScores: a.competencyScores
        ? (JSON.parse(a.competencyScores) as Partial<Record<Competency, number>>)
        : {},
    })),
    retakeAuthorizations: retakes,
    practicum,
    observations,
    cpd,
    caseStudies: caseStudies.map((c) => ({ id: c.id, title: c.title, acceptedAt: c.reviewedAt ?? new Date(0) })),
    signOffs,
  };
}

/** `names` (titles) only change the wording of each next step; slugs by default. */
export async function standingsOf(
  officerId: string,
  now = new Date(),
  names?: StandingNames,
): Promise<Map<string, ProgramStanding>> {
  return standingsFrom(await loadEvidence(prisma, officerId), allPrograms(), now, names);
}

/** Rewrites the officer's roster rows. Call inside the transaction that changed their evidence. */
export async function recomputeStandings(tx: Tx, officerId: string, now = new Date()): Promise<void> {
  const officer = await tx.user.findUnique({
    where: { id: officerId },
    select: { role: true, name: true, unitId: true },
  });
  if (!officer || officer.role !== "officer") return;
  const programs = allPrograms();
  const standings = standingsFrom(await loadEvidence(tx, officerId), programs, now);
  const before = new Map(
    (
      await tx.officerStanding.findMany({
        where: { officerId },
        select: { programSlug: true, status: true, validUntil: true },
      })
    ).map((row) => [row.programSlug, row]),
  );
  for (const program of programs) {
    const standing = standings.get(program.slug)!;
    const summary = summaryOf(standing);
    const change = certificationChange(before.get(program.slug), summary);
    if (change)
      await recordXapi(
        tx,
        officerId,
        { kind: "certification", verb: change, programSlug: program.slug, validUntil: summary.validUntil },
        now,
      );
    const data = {
      unitId: officer.unitId,
      officerName: officer.name,
      status: summary.status,
      validUntil: summary.validUntil,
      renewalReady: summary.renewalReady,
      awaitingRetake: summary.awaitingRetake,
      readyAt: summary.readyAt,
      expiringDays: program.expiringWindowDays,
      metCount: standing.metCount,
      requiredCount: standing.requiredCount,
      updatedAt: now,
    };
    await tx.officerStanding.upsert({
      where: { officerId_programSlug: { officerId, programSlug: program.slug } },
      create: { officerId, programSlug: program.slug, ...data },
      update: data,
    });
  }
}

/** What a recompute did to a certification, as the LRS hears it (expiry is told by the reminders job). */
export function certificationChange(
  before: { status: string; validUntil: Date | null } | undefined,
  after: { status: string; validUntil: Date | null },
): "earned" | "renewed" | "revoked" | null {
  if (after.status === "revoked") return before && before.status !== "revoked" ? "revoked" : null;
  if (after.status !== "certified" || !after.validUntil) return null;
  if (before?.status !== "certified" || !before.validUntil) return "earned";
  return after.validUntil.getTime() > before.validUntil.getTime() ? "renewed" : null;
}

/**
 * At start-up: every officer has a roster row for every program (a program added to content/certifications
 * or an officer created outside the app would otherwise be missing from the roster).
 */
export async function ensureStandings(): Promise<number> {
  const programs = allPrograms().map((p) => p.slug);
  if (!programs.length) return 0;
  const missing = await prisma.$queryRaw<{ id: string }[]>`
    SELECT u."id" AS "id" FROM "User" u
    WHERE u."role" = 'officer'
      AND (SELECT count(*) FROM "OfficerStanding" s WHERE s."officerId" = u."id" AND s."programSlug" IN (${Prisma.join(programs)})) < ${programs.length}`;
  for (const { id } of missing) await prisma.$transaction((tx) => recomputeStandings(tx, id));
  return missing.length;
}
