// Competency evidence and its summary (docs/decisions/0400-competency-summary.md). Which evidence counts is said
// once, here (`competencyPoints`) and in app/insight/profiles.ts (the points of an attempt, the percent of a level,
// an officer's mean). The summary keeps, per officer and competency, the tally of those points, and per unit and
// agency the running sums of their officers' means, rewritten in the transaction that changes the evidence or the
// officer's placement; so a profile against the unit and the agency costs a few rows, whatever the agency's size.
import { isLevel } from "../certification/rubric-format";
import { prisma, type Tx } from "../db/db.server";
import { COMPETENCIES } from "../scenarios/format";
import {
  addGroupShares,
  ANY_COMPETENCY,
  officerSummaryRows,
  splitGroupKey,
  type GroupDeltas,
} from "./competency-summary";
import {
  attemptPoints,
  competencyTallies,
  COUNTED_ATTEMPTS,
  groupFigure,
  levelPercent,
  type CompetencyPoint,
} from "./profiles";

export { ANY_COMPETENCY };

type Db = Tx | typeof prisma;
type Competency = CompetencyPoint["competency"];

const BACKFILL = "competency-summary";

/**
 * Competency evidence of these officers: the competency scores of completed assessed attempts, and every scoring
 * of their observations. `since`: only points from that moment on.
 */
export async function competencyPoints(
  officerIds: string[],
  db: Db = prisma,
  since?: Date,
): Promise<CompetencyPoint[]> {
  if (!officerIds.length) return [];
  const [attempts, criteria] = await Promise.all([
    db.attempt.findMany({
      where: {
        userId: { in: officerIds },
        ...COUNTED_ATTEMPTS,
        ...(since && { OR: [{ finishedAt: { gte: since } }, { finishedAt: null, startedAt: { gte: since } }] }),
      },
      select: { userId: true, competencyScores: true, finishedAt: true, startedAt: true },
    }),
    db.criterionScore.findMany({
      where: {
        scoring: { observation: { officerId: { in: officerIds }, ...(since && { observedOn: { gte: since } }) } },
      },
      select: {
        competency: true,
        level: true,
        scoring: { select: { observation: { select: { officerId: true, observedOn: true } } } },
      },
    }),
  ]);
  const fromAttempts = attempts.flatMap((a) =>
    attemptPoints(a.userId, a.competencyScores, a.finishedAt ?? a.startedAt),
  );
  const fromObservations = criteria.flatMap((c): CompetencyPoint[] => {
    const { officerId, observedOn } = c.scoring.observation;
    if (!isLevel(c.level) || !COMPETENCIES.includes(c.competency as never)) return [];
    return [{ officerId, competency: c.competency as Competency, percent: levelPercent(c.level), at: observedOn }];
  });
  return [...fromAttempts, ...fromObservations];
}

/**
 * Rewrites one person's competency summary from their evidence and placement, and moves the difference into the
 * unit and agency sums; inside the transaction that changed either. Cheap for someone with no evidence.
 */
export async function rewriteCompetencySummary(tx: Tx, officerId: string): Promise<void> {
  const [placement, before, points] = await Promise.all([
    tx.user.findUnique({ where: { id: officerId }, select: { role: true, agencyId: true, unitId: true } }),
    tx.officerCompetency.findMany({ where: { officerId } }),
    competencyPoints([officerId], tx),
  ]);
  const after = officerSummaryRows(officerId, competencyTallies(points).get(officerId) ?? new Map(), placement);
  const deltas: GroupDeltas = new Map();
  addGroupShares(deltas, before, -1);
  addGroupShares(deltas, after, 1);
  if (before.length) await tx.officerCompetency.deleteMany({ where: { officerId } });
  if (after.length) await tx.officerCompetency.createMany({ data: after });
  for (const [key, d] of deltas) {
    if (d.officers === 0 && d.sum === 0) continue;
    const { scopeKind, scopeId, competency } = splitGroupKey(key);
    await tx.groupCompetency.upsert({
      where: { scopeKind_scopeId_competency: { scopeKind, scopeId, competency } },
      create: { scopeKind, scopeId, competency, officers: d.officers, meanMicroSum: d.sum },
      update: { officers: { increment: d.officers }, meanMicroSum: { increment: d.sum } },
    });
  }
}

/** A group's profile from its summary rows (several units: their sums added, as the units share no officer). */
export async function groupSummary(scopeKind: "unit" | "agency", scopeIds: string[]) {
  const rows = scopeIds.length
    ? await prisma.groupCompetency.findMany({ where: { scopeKind, scopeId: { in: scopeIds } } })
    : [];
  const sums = new Map<string, { officers: number; sum: number }>();
  for (const r of rows) {
    const s = sums.get(r.competency) ?? { officers: 0, sum: 0 };
    sums.set(r.competency, { officers: s.officers + r.officers, sum: s.sum + r.meanMicroSum });
  }
  const profile = {} as Record<Competency, number | null>;
  for (const c of COMPETENCIES) profile[c] = groupFigure(sums.get(c)?.officers ?? 0, sums.get(c)?.sum ?? 0);
  return { profile, officersWithEvidence: sums.get(ANY_COMPETENCY)?.officers ?? 0 };
}

/** One officer's own profile and number of points, from their summary rows. */
export async function officerSummary(officerId: string) {
  const rows = await prisma.officerCompetency.findMany({ where: { officerId } });
  const profile = {} as Record<Competency, number | null>;
  for (const c of COMPETENCIES) {
    const row = rows.find((r) => r.competency === c);
    profile[c] = row ? groupFigure(1, row.meanMicro) : null;
  }
  return { profile, points: rows.reduce((n, r) => n + r.points, 0) };
}

/** Whether the start-up back-fill has run to the end on this database. */
export async function competencySummaryBuilt(db: Db = prisma): Promise<boolean> {
  return (await db.summaryBackfill.count({ where: { name: BACKFILL } })) > 0;
}

/** Marks the summary as filled (the back-fill, and a generator that wrote the rows itself). */
export function competencySummaryDone(db: Db, at = new Date()) {
  return db.summaryBackfill.upsert({ where: { name: BACKFILL }, create: { name: BACKFILL, doneAt: at }, update: {} });
}

/**
 * At start-up, once per database: fills the summary from everyone's evidence. It empties the tables in one
 * transaction, then rewrites person by person; a change made meanwhile rewrites its own person the same way (from
 * the rows stored so far), so the sums stay right; until it ends, groups lack the people not yet rewritten.
 */
export async function ensureCompetencySummary(batch = 200): Promise<number> {
  if (await competencySummaryBuilt()) return 0;
  await prisma.$transaction([prisma.officerCompetency.deleteMany(), prisma.groupCompetency.deleteMany()]);
  let rewritten = 0;
  let cursor: string | undefined;
  for (;;) {
    const people = await prisma.user.findMany({
      select: { id: true },
      orderBy: { id: "asc" },
      take: batch,
      ...(cursor && { cursor: { id: cursor }, skip: 1 }),
    });
    if (!people.length) break;
    await prisma.$transaction(async (tx) => {
      for (const { id } of people) await rewriteCompetencySummary(tx, id);
    });
    rewritten += people.length;
    cursor = people.at(-1)!.id;
  }
  await competencySummaryDone(prisma);
  return rewritten;
}
