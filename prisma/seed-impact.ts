// Demo data for the training-impact report (app/insight): the recruit class took the first module's pre-test
// before its knowledge check and answered the survey after passing it, eight recruits logged circles with their
// outcomes, and North Precinct's officers each answered the survey of a module they passed. Deterministic, so the
// report shows the same figures on every install.
import crypto from "node:crypto";
import { recomputeStandings } from "../app/certification/evidence.server";
import { prisma } from "../app/db/db.server";
import { publishedModules } from "../app/modules/catalog.server";
import { COHORT_MODULE, COHORT_UNIT } from "./seed-check-attempts";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** Survey answers by position: a plausible spread of mostly positive answers, the same on every install. */
const SATISFACTION = [4, 5, 4, 3, 5, 4, 4, 2, 5, 4];
const CONFIDENCE = [3, 4, 4, 3, 4, 2, 3, 3, 5, 4];
const RELEVANCE = [5, 4, 4, 4, 5, 3, 4, 3, 5, 5];
const COMMENTS: Record<number, string> = {
  2: "The worked example about the school fight was the most useful part.",
  7: "More on what to do when a parent takes over the conversation, please.",
};

export async function seedImpact(now = new Date()) {
  const unit = await prisma.unit.findFirst({ where: { name: COHORT_UNIT }, select: { id: true } });
  const module = (await publishedModules()).find((m) => m.slug === COHORT_MODULE);
  if (!unit || !module) return;
  const recruits = await prisma.user.findMany({
    where: { unitId: unit.id, role: "officer" },
    orderBy: { email: "asc" },
    select: { id: true },
  });
  const firstChecks = await prisma.checkAttempt.findMany({
    where: { userId: { in: recruits.map((r) => r.id) }, moduleSlug: COHORT_MODULE },
    orderBy: { createdAt: "asc" },
    select: { userId: true, createdAt: true },
  });
  const passed = new Set(
    (
      await prisma.moduleProgress.findMany({
        where: { userId: { in: recruits.map((r) => r.id) }, moduleSlug: COHORT_MODULE, status: "passed" },
        select: { userId: true },
      })
    ).map((p) => p.userId),
  );
  for (const [i, recruit] of recruits.entries()) {
    const first = firstChecks.find((c) => c.userId === recruit.id);
    if (!first) continue;
    await prisma.preTest.create({
      data: {
        userId: recruit.id,
        moduleSlug: COHORT_MODULE,
        moduleHash: module.hash,
        // The demo keeps only the score: which questions were drawn is not shown anywhere.
        questions: "[]",
        score: 25 * (i % 3),
        createdAt: new Date(first.createdAt.getTime() - HOUR),
      },
    });
    if (passed.has(recruit.id))
      await survey(recruit.id, "module", COHORT_MODULE, i, new Date(first.createdAt.getTime() + HOUR));
  }
  await seedOutcomes(
    recruits.slice(0, 8).map((r) => r.id),
    now,
  );
  await seedNorthSurveys();
}

async function survey(userId: string, kind: string, slug: string, i: number, at: Date) {
  await prisma.trainingSurvey.create({
    data: {
      userId,
      subjectKind: kind,
      subjectSlug: slug,
      satisfaction: SATISFACTION[i % SATISFACTION.length]!,
      confidence: CONFIDENCE[i % CONFIDENCE.length]!,
      relevance: RELEVANCE[i % RELEVANCE.length]!,
      comment: COMMENTS[i] ?? null,
      createdAt: at,
    },
  });
}

/** Circles in schools, co-facilitated by recruits and confirmed, with the outcomes they reported. */
async function seedOutcomes(officerIds: string[], now: Date) {
  const admin = await prisma.user.findFirst({ where: { role: "admin" }, select: { id: true } });
  for (const [i, officerId] of officerIds.entries()) {
    const date = new Date(now.getTime() - (100 - i * 9) * DAY);
    const reached = i !== 3;
    await prisma.$transaction(async (tx) => {
      await tx.practicumEntry.create({
        data: {
          officerId,
          date,
          kind: "circle",
          processType: "Restorative circle",
          role: "Co-facilitator",
          participantCount: 6 + (i % 4),
          outcome: reached ? "A written plan everyone signed." : "No agreement; the school will follow up.",
          status: "confirmed",
          reviewerId: admin?.id ?? null,
          reviewedAt: new Date(date.getTime() + 2 * DAY),
          submissionKey: crypto.randomUUID(),
          agreementReached: reached,
          // Followed up after about six weeks; the latest two are not due yet.
          agreementKept: reached && i < 6 ? i !== 5 : null,
          followUpOn: reached ? new Date(date.getTime() + 42 * DAY) : null,
          harmedPartySatisfaction: [5, 4, 4, 2, 5, 3, 4, 4][i]!,
          responsiblePartySatisfaction: [4, 4, 3, 3, 5, 3, 4, 5][i]!,
        },
      });
      await recomputeStandings(tx, officerId, now);
    });
  }
}

/** Each North Precinct officer answered the survey of the first module they passed. */
async function seedNorthSurveys() {
  const north = await prisma.unit.findFirst({ where: { name: "North Precinct" }, select: { id: true } });
  if (!north) return;
  const officers = await prisma.user.findMany({
    where: { unitId: north.id, role: "officer" },
    orderBy: { email: "asc" },
    select: { id: true, moduleProgress: { where: { status: "passed" }, orderBy: { passedAt: "asc" }, take: 1 } },
  });
  for (const [i, o] of officers.entries()) {
    const first = o.moduleProgress[0];
    if (first?.passedAt)
      await survey(o.id, "module", first.moduleSlug, i + 3, new Date(first.passedAt.getTime() + HOUR));
  }
}
