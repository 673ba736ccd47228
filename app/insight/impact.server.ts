// The training-impact report for a unit (or all units in view) and a period, by Kirkpatrick level as far as the
// data allows: reaction (surveys), learning (pre-test to first check attempt), behavior (observed assessments)
// and results (outcomes of real meetings). Every figure goes through the one suppression rule (suppression.ts).
import { z } from "zod";
import type { SessionUser } from "../auth/roles";
import { isLevel, levelRank } from "../certification/rubric-format";
import { DAY_MS } from "../certification/validity";
import { prisma } from "../db/db.server";
import { DomainError } from "../errors";
import { publishedModules } from "../modules/catalog.server";
import { scenarioTitles } from "../scenarios/library.server";
import { figureOf, meanOf, percentOf, type Figure } from "./suppression";
import { unitsInView } from "./unit-insight.server";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter dates as YYYY-MM-DD.")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "Enter a real date.");

export const ImpactQuery = z
  .object({ unit: z.string().max(64).optional(), from: day.optional(), to: day.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: "The period must start before it ends.",
    path: ["from"],
  });
export type ImpactQuery = z.infer<typeof ImpactQuery>;

export const DEFAULT_PERIOD_DAYS = 180;

/** The query from the page's address; a bad value is refused with its message. */
export function parseImpactQuery(params: URLSearchParams): ImpactQuery {
  const raw = Object.fromEntries([...params.entries()].filter(([, v]) => v !== ""));
  const parsed = ImpactQuery.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DomainError("invalid", issue.message, { field: String(issue.path[0] ?? "form") });
  }
  return parsed.data;
}

/** The period as moments: from the start of `from` to the end of `to` (UTC); by default the last 180 days. */
export function periodOf(query: ImpactQuery, now: Date) {
  const to = query.to ? new Date(Date.parse(`${query.to}T00:00:00Z`) + DAY_MS) : now;
  const from = query.from ? new Date(`${query.from}T00:00:00Z`) : new Date(to.getTime() - DEFAULT_PERIOD_DAYS * DAY_MS);
  return { from, to };
}

export interface ImpactRow {
  /** what the row is about: a module, a role-play, or a kind of figure */
  subject: string;
  figures: Record<string, Figure>;
}

export async function impactReport(user: SessionUser, query: ImpactQuery, now = new Date()) {
  const { units, chosen } = await unitsInView(user, query.unit);
  const { from, to } = periodOf(query, now);
  const officers = chosen.length
    ? await prisma.user.findMany({
        where: { role: "officer", unitId: { in: chosen.map((u) => u.id) } },
        select: { id: true },
      })
    : [];
  const ids = officers.map((o) => o.id);
  const span = { gte: from, lt: to };
  const [reaction, learning, behavior, results] = await Promise.all([
    reactionRows(ids, span),
    learningRows(ids, span),
    behaviorRows(ids, span),
    resultRows(ids, span),
  ]);
  return {
    units,
    unitId: query.unit ?? null,
    scopeName: chosen.length === 1 && query.unit ? chosen[0]!.name : "all your units",
    from,
    to,
    officerCount: ids.length,
    reaction,
    learning,
    behavior,
    results,
  };
}

type Span = { gte: Date; lt: Date };

async function titleLookup() {
  const [modules, scenario] = await Promise.all([publishedModules(), scenarioTitles()]);
  const moduleTitle = new Map(modules.map((m) => [m.slug, m.compiled.frontmatter.title]));
  return (kind: string, slug: string) => (kind === "module" ? (moduleTitle.get(slug) ?? slug) : scenario(slug));
}

/** Level 1: satisfaction, confidence and relevance (1-5) per module and role-play surveyed in the period. */
async function reactionRows(ids: string[], span: Span): Promise<ImpactRow[]> {
  const surveys = await prisma.trainingSurvey.findMany({
    where: { userId: { in: ids }, createdAt: span },
    select: {
      userId: true,
      subjectKind: true,
      subjectSlug: true,
      satisfaction: true,
      confidence: true,
      relevance: true,
    },
  });
  const title = await titleLookup();
  const groups = groupBy(surveys, (s) => `${s.subjectKind}:${s.subjectSlug}`);
  const rows = [...groups.values()].map((list) => ({
    subject: `${list[0]!.subjectKind === "module" ? "Module" : "Role-play"}: ${title(list[0]!.subjectKind, list[0]!.subjectSlug)}`,
    figures: {
      satisfaction: figureOf(
        list,
        (s) => s.userId,
        meanOf((s) => s.satisfaction),
      ),
      confidence: figureOf(
        list,
        (s) => s.userId,
        meanOf((s) => s.confidence),
      ),
      relevance: figureOf(
        list,
        (s) => s.userId,
        meanOf((s) => s.relevance),
      ),
    },
  }));
  rows.sort((a, b) => a.subject.localeCompare(b.subject));
  return [
    {
      subject: "All surveys",
      figures: {
        satisfaction: figureOf(
          surveys,
          (s) => s.userId,
          meanOf((s) => s.satisfaction),
        ),
        confidence: figureOf(
          surveys,
          (s) => s.userId,
          meanOf((s) => s.confidence),
        ),
        relevance: figureOf(
          surveys,
          (s) => s.userId,
          meanOf((s) => s.relevance),
        ),
      },
    },
    ...rows,
  ];
}

/** Level 2: per module, the pre-test score against the first check attempt after it, for officers with both. */
async function learningRows(ids: string[], span: Span): Promise<ImpactRow[]> {
  const preTests = await prisma.preTest.findMany({
    where: { userId: { in: ids } },
    select: { userId: true, moduleSlug: true, score: true, createdAt: true },
  });
  const firstChecks = await prisma.checkAttempt.findMany({
    where: { userId: { in: [...new Set(preTests.map((p) => p.userId))] } },
    orderBy: { createdAt: "asc" },
    select: { userId: true, moduleSlug: true, score: true, createdAt: true },
  });
  const pairs = preTests.flatMap((pre) => {
    const post = firstChecks.find(
      (c) => c.userId === pre.userId && c.moduleSlug === pre.moduleSlug && c.createdAt >= pre.createdAt,
    );
    // The pair belongs to the period in which the learning was shown: the first check attempt.
    return post && post.createdAt >= span.gte && post.createdAt < span.lt
      ? [{ userId: pre.userId, slug: pre.moduleSlug, pre: pre.score, post: post.score }]
      : [];
  });
  const title = await titleLookup();
  return [...groupBy(pairs, (p) => p.slug).values()]
    .map((list) => ({
      subject: title("module", list[0]!.slug),
      figures: {
        pre: figureOf(
          list,
          (p) => p.userId,
          meanOf((p) => p.pre),
        ),
        post: figureOf(
          list,
          (p) => p.userId,
          meanOf((p) => p.post),
        ),
        gain: figureOf(
          list,
          (p) => p.userId,
          meanOf((p) => p.post - p.pre),
        ),
      },
    }))
    .sort((a, b) => a.subject.localeCompare(b.subject));
}

/** Level 3: observed assessments in the period, and the share of their scorings at "competent" or better. */
async function behaviorRows(ids: string[], span: Span): Promise<ImpactRow[]> {
  const scorings = await prisma.observationScoring.findMany({
    where: { observation: { officerId: { in: ids }, observedOn: span } },
    select: { overall: true, observation: { select: { officerId: true, setting: true } } },
  });
  const competent = percentOf<(typeof scorings)[number]>(
    (s) => isLevel(s.overall) && levelRank(s.overall) >= levelRank("competent"),
  );
  const row = (subject: string, list: typeof scorings): ImpactRow => ({
    subject,
    figures: { competentOrBetter: figureOf(list, (s) => s.observation.officerId, competent) },
  });
  return [
    row("All observations", scorings),
    row(
      "Observed in real meetings",
      scorings.filter((s) => s.observation.setting === "real-meeting"),
    ),
    row(
      "Observed in role-plays",
      scorings.filter((s) => s.observation.setting === "role-play"),
    ),
  ];
}

/** Level 4: outcomes of real meetings facilitated in the period, as the officers reported them. */
async function resultRows(ids: string[], span: Span): Promise<ImpactRow[]> {
  const entries = await prisma.practicumEntry.findMany({
    where: { officerId: { in: ids }, date: span, kind: { not: "pre-meeting" }, status: { not: "returned" } },
    select: {
      officerId: true,
      agreementReached: true,
      agreementKept: true,
      harmedPartySatisfaction: true,
      responsiblePartySatisfaction: true,
    },
  });
  const who = (e: (typeof entries)[number]) => e.officerId;
  const reported = entries.filter((e) => e.agreementReached !== null);
  const followedUp = entries.filter((e) => e.agreementReached && e.agreementKept !== null);
  const harmed = entries.filter((e) => e.harmedPartySatisfaction !== null);
  const responsible = entries.filter((e) => e.responsiblePartySatisfaction !== null);
  return [
    {
      subject: "Agreement reached (% of meetings)",
      figures: {
        value: figureOf(
          reported,
          who,
          percentOf((e) => e.agreementReached === true),
        ),
      },
    },
    {
      subject: "Agreement kept at follow-up (% of agreements followed up)",
      figures: {
        value: figureOf(
          followedUp,
          who,
          percentOf((e) => e.agreementKept === true),
        ),
      },
    },
    {
      subject: "Harmed party's satisfaction (1-5)",
      figures: {
        value: figureOf(
          harmed,
          who,
          meanOf((e) => e.harmedPartySatisfaction!),
        ),
      },
    },
    {
      subject: "Responsible party's satisfaction (1-5)",
      figures: {
        value: figureOf(
          responsible,
          who,
          meanOf((e) => e.responsiblePartySatisfaction!),
        ),
      },
    },
  ];
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
