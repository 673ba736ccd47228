// The agency's rater-agreement figures, from every observation two assessors have scored.
import type { SessionUser } from "../auth/roles";
import { prisma } from "../db/db.server";
import { namesOf } from "../users/names.server";
import { agreementByAssessorPair, agreementByCriterion, MIN_OBSERVATIONS, type RatingPair } from "./agreement";
import type { Level } from "./rubric-format";

async function ratingPairs(
  agencyId: string,
): Promise<{ pairs: RatingPair[]; order: Map<string, number>; observations: number }> {
  const observations = await prisma.observation.findMany({
    where: { agencyId, scorings: { some: { position: 2 } } },
    select: {
      id: true,
      rubricSlug: true,
      rubricTitle: true,
      scorings: {
        orderBy: { position: "asc" },
        select: {
          assessorId: true,
          criteria: { select: { criterionId: true, criterionTitle: true, level: true, position: true } },
        },
      },
    },
  });
  const pairs: RatingPair[] = [];
  const order = new Map<string, number>();
  for (const o of observations) {
    const [first, second] = o.scorings;
    if (!first || !second) continue;
    const other = new Map(second.criteria.map((c) => [c.criterionId, c.level]));
    for (const c of first.criteria) {
      const level = other.get(c.criterionId);
      if (!level) continue;
      order.set(`${o.rubricSlug}:${c.criterionId}`, c.position);
      pairs.push({
        observationId: o.id,
        rubricSlug: o.rubricSlug,
        rubricTitle: o.rubricTitle,
        criterionId: c.criterionId,
        criterionTitle: c.criterionTitle,
        assessors: [first.assessorId, second.assessorId],
        levels: [c.level as Level, level as Level],
      });
    }
  }
  return { pairs, order, observations: observations.length };
}

/** Kappa per criterion and per assessor pair across the viewer's agency (not limited to their units). */
export async function raterAgreement(viewer: SessionUser) {
  const { pairs, order, observations } = await ratingPairs(viewer.agencyId);
  const names = await namesOf(pairs.flatMap((p) => p.assessors));
  const criteria = agreementByCriterion(pairs).sort(
    (a, b) =>
      a.rubricTitle.localeCompare(b.rubricTitle) ||
      (order.get(`${a.rubricSlug}:${a.criterionId}`) ?? 0) - (order.get(`${b.rubricSlug}:${b.criterionId}`) ?? 0),
  );
  const assessorPairs = agreementByAssessorPair(pairs)
    .map((p) => ({ ...p, names: p.assessors.map((id) => names.get(id) ?? "Unknown") as [string, string] }))
    .sort((a, b) => b.observations - a.observations || a.names.join().localeCompare(b.names.join()));
  return { doubleScored: observations, minimum: MIN_OBSERVATIONS, criteria, assessorPairs };
}
