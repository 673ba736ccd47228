// What trainees actually do in a scenario: how many attempts reached each node, the share of each choice,
// the most common critical errors, pass rate and average score per competency, for a period and a unit.
// Only attempts by users of the reader's agency count (docs/decisions/0121-studio-agency-scoping.md): the
// scenario may be shared by every agency, its trainees' attempts are not.
import { z } from "zod";
import { prisma } from "../db/db.server";
import { Prisma } from "../db/generated/client";
import { sqlTime } from "../db/sql-time";
import { loadVersion } from "../scenarios/library.server";
import type { Scenario } from "../scenarios/scenario";
import { meterOutcomes, type PlayedAttempt } from "./meter-outcomes";

/** The most recent completed attempts replayed for the meter figures: enough to see a trend, bounded in cost. */
export const METER_ATTEMPTS = 2_000;

export const AnalyticsQuery = z.object({
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  unit: z.string().max(64).optional(),
});
export type AnalyticsQuery = z.infer<typeof AnalyticsQuery>;

export function parseAnalyticsQuery(params: URLSearchParams): AnalyticsQuery {
  const parsed = AnalyticsQuery.safeParse(Object.fromEntries([...params.entries()].filter(([, v]) => v !== "")));
  return parsed.success ? parsed.data : {};
}

function attemptFilter(agencyId: string, slug: string, q: AnalyticsQuery): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`a."scenarioSlug" = ${slug}`, Prisma.sql`u."agencyId" = ${agencyId}`];
  if (q.from) parts.push(Prisma.sql`a."startedAt" >= ${sqlTime(new Date(`${q.from}T00:00:00Z`))}`);
  if (q.to)
    parts.push(Prisma.sql`a."startedAt" < ${sqlTime(new Date(new Date(`${q.to}T00:00:00Z`).getTime() + 86_400_000))}`);
  if (q.unit) parts.push(Prisma.sql`u."unitId" = ${q.unit}`);
  return Prisma.join(parts, " AND ");
}

const n = (v: number | bigint | null | undefined) => Number(v ?? 0);

export async function scenarioAnalytics(agencyId: string, slug: string, q: AnalyticsQuery) {
  const where = attemptFilter(agencyId, slug, q);
  const from = Prisma.sql`FROM "Attempt" a JOIN "User" u ON u."id" = a."userId"`;
  const [totals] = await prisma.$queryRaw<
    { attempts: bigint; completed: bigint; passed: bigint; avgScore: number | null }[]
  >`
    SELECT count(*) AS "attempts", sum(CASE WHEN a."status" = 'completed' THEN 1 ELSE 0 END) AS "completed",
           sum(CASE WHEN a."passed" = TRUE THEN 1 ELSE 0 END) AS "passed",
           avg(CASE WHEN a."status" = 'completed' THEN CAST(a."score" AS DOUBLE PRECISION) END) AS "avgScore"
    ${from} WHERE ${where}`;
  const nodeReach = await prisma.$queryRaw<{ nodeId: string; attempts: bigint }[]>`
    SELECT e."nodeId" AS "nodeId", count(DISTINCT e."attemptId") AS "attempts" FROM "ChoiceEvent" e JOIN "Attempt" a ON a."id" = e."attemptId" JOIN "User" u ON u."id" = a."userId"
    WHERE ${where} GROUP BY e."nodeId"`;
  const choiceCounts = await prisma.$queryRaw<{ nodeId: string; choiceId: string; times: bigint }[]>`
    SELECT e."nodeId" AS "nodeId", e."choiceId" AS "choiceId", count(*) AS "times" FROM "ChoiceEvent" e JOIN "Attempt" a ON a."id" = e."attemptId" JOIN "User" u ON u."id" = a."userId"
    WHERE ${where} GROUP BY e."nodeId", e."choiceId"`;
  const endings = await prisma.$queryRaw<{ endingId: string; attempts: bigint }[]>`
    SELECT a."endingId" AS "endingId", count(*) AS "attempts" ${from} WHERE ${where} AND a."endingId" IS NOT NULL GROUP BY a."endingId"`;
  const competencyRows = await prisma.$queryRaw<{ competencyScores: string }[]>`
    SELECT a."competencyScores" AS "competencyScores" ${from} WHERE ${where} AND a."status" = 'completed' AND a."competencyScores" IS NOT NULL`;

  const latest = await prisma.scenarioVersion.findFirst({
    where: { scenarioSlug: slug },
    orderBy: { number: "desc" },
    select: { id: true },
  });
  const scenario = latest ? ((await loadVersion(latest.id))?.compiled.scenario ?? null) : null;

  const reach = new Map(nodeReach.map((r) => [r.nodeId, n(r.attempts)]));
  for (const e of endings) reach.set(e.endingId, (reach.get(e.endingId) ?? 0) + n(e.attempts));
  const byNode = new Map<string, { choiceId: string; times: number }[]>();
  for (const c of choiceCounts)
    (byNode.get(c.nodeId) ?? byNode.set(c.nodeId, []).get(c.nodeId)!).push({ choiceId: c.choiceId, times: n(c.times) });

  const nodes = scenario
    ? Object.values(scenario.nodes).map((node) => {
        const counts = byNode.get(node.id) ?? [];
        const total = counts.reduce((s, c) => s + c.times, 0);
        return {
          id: node.id,
          ending: node.ending ? { outcome: node.ending.outcome, success: node.ending.success } : null,
          reached: reach.get(node.id) ?? 0,
          choices: node.choices.map((c) => {
            const times = counts.find((x) => x.choiceId === c.id)?.times ?? 0;
            return {
              id: c.id,
              text: c.text,
              critical: c.critical,
              times,
              share: total ? Math.round((1000 * times) / total) / 10 : 0,
            };
          }),
        };
      })
    : [];
  const criticalErrors = nodes
    .flatMap((node) =>
      node.choices
        .filter((c) => c.critical && c.times > 0)
        .map((c) => ({ nodeId: node.id, choiceId: c.id, text: c.text, reason: c.critical!, times: c.times })),
    )
    .sort((a, b) => b.times - a.times);
  const sums: Record<string, { sum: number; count: number }> = {};
  for (const row of competencyRows) {
    for (const [c, v] of Object.entries(JSON.parse(row.competencyScores) as Record<string, number>)) {
      sums[c] ??= { sum: 0, count: 0 };
      sums[c].sum += v;
      sums[c].count++;
    }
  }
  const completed = n(totals?.completed);
  const meters = scenario ? meterOutcomes(scenario, await completedPlays(where)) : [];
  return {
    attempts: n(totals?.attempts),
    completed,
    passed: n(totals?.passed),
    passRate: completed ? Math.round((1000 * n(totals?.passed)) / completed) / 10 : null,
    averageScore: totals?.avgScore == null ? null : Math.round(totals.avgScore * 10) / 10,
    competencies: Object.entries(sums).map(([competency, s]) => ({
      competency,
      average: Math.round((10 * s.sum) / s.count) / 10,
    })),
    nodes,
    criticalErrors,
    meters,
  };
}

/** The latest completed attempts (at most METER_ATTEMPTS), each with the version it was played on. */
async function completedPlays(where: Prisma.Sql): Promise<PlayedAttempt[]> {
  const rows = await prisma.$queryRaw<{ versionId: string; choices: string }[]>`
    SELECT a."scenarioVersionId" AS "versionId", a."choices" AS "choices" FROM "Attempt" a
    JOIN "User" u ON u."id" = a."userId"
    WHERE ${where} AND a."status" = 'completed' ORDER BY a."finishedAt" DESC LIMIT ${METER_ATTEMPTS}`;
  const scenarios = new Map<string, Scenario | null>();
  for (const id of new Set(rows.map((r) => r.versionId)))
    scenarios.set(id, (await loadVersion(id))?.compiled.scenario ?? null);
  return rows.flatMap((row) => {
    const scenario = scenarios.get(row.versionId);
    return scenario ? [{ scenario, choices: JSON.parse(row.choices) as string[] }] : [];
  });
}

/** The analytics page: the figures, and the reader's agency units to filter by (others match nothing). */
export async function analyticsPage(agencyId: string, slug: string, query: AnalyticsQuery) {
  const units = await prisma.unit.findMany({
    where: { agencyId },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  const scoped = query.unit && !units.some((u) => u.id === query.unit) ? { ...query, unit: "__none__" } : query;
  return { slug, query: scoped, units, ...(await scenarioAnalytics(agencyId, slug, scoped)) };
}
