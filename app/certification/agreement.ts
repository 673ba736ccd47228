// Agreement between assessors who scored the same observations: quadratic-weighted Cohen's kappa per criterion
// and per pair of assessors (docs/decisions/0162-rater-agreement.md). Pure: no I/O.
import { LEVELS, levelRank, type Level } from "./rubric-format";

/** Below this many double-scored observations a figure is "not enough data": kappa on a handful swings wildly. */
export const MIN_OBSERVATIONS = 5;

/** counts[i][j]: how often the first rating was category i and the second category j. */
export type AgreementTable = number[][];

export function agreementTable(pairs: readonly (readonly [number, number])[], categories: number): AgreementTable {
  const table = Array.from({ length: categories }, () => new Array<number>(categories).fill(0));
  for (const [a, b] of pairs) table[a]![b]! += 1;
  return table;
}

/**
 * Cohen's kappa with quadratic weights: 1 − Σ w·observed / Σ w·expected, w(i, j) = (i − j)² / (k − 1)², where
 * "expected" is what the two raters' own level frequencies would give by chance. 1 is perfect agreement, 0 is
 * chance, below 0 worse than chance. null when undefined: no ratings, or both raters used one level throughout
 * (chance alone would already agree, so there is nothing to measure).
 */
export function quadraticWeightedKappa(table: AgreementTable): number | null {
  const k = table.length;
  const n = table.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);
  if (k < 2 || n === 0) return null;
  const rows = table.map((row) => row.reduce((a, b) => a + b, 0));
  const cols = table[0]!.map((_, j) => table.reduce((sum, row) => sum + row[j]!, 0));
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w = (i - j) ** 2 / (k - 1) ** 2;
      observed += w * table[i]![j]!;
      expected += (w * rows[i]! * cols[j]!) / n;
    }
  }
  return expected === 0 ? null : 1 - observed / expected;
}

/** Landis and Koch's (1977) words for ranges of kappa, as a reading aid. */
export function describeKappa(kappa: number): string {
  if (kappa < 0) return "poor (worse than chance)";
  if (kappa <= 0.2) return "slight";
  if (kappa <= 0.4) return "fair";
  if (kappa <= 0.6) return "moderate";
  if (kappa <= 0.8) return "substantial";
  return "almost perfect";
}

/** One criterion of one double-scored observation: the two assessors' levels, first scoring first. */
export interface RatingPair {
  observationId: string;
  rubricSlug: string;
  rubricTitle: string;
  criterionId: string;
  criterionTitle: string;
  assessors: readonly [string, string];
  levels: readonly [Level, Level];
}

export interface AgreementFigure {
  observations: number;
  ratings: number;
  /** share of ratings where both gave the same level */
  exact: number;
  /** null: fewer than MIN_OBSERVATIONS observations, or undefined */
  kappa: number | null;
  enoughData: boolean;
}

function figure(pairs: readonly RatingPair[], orient: (p: RatingPair) => readonly [Level, Level]): AgreementFigure {
  const ranks = pairs.map((p) => orient(p).map(levelRank) as [number, number]);
  const observations = new Set(pairs.map((p) => p.observationId)).size;
  const enoughData = observations >= MIN_OBSERVATIONS;
  return {
    observations,
    ratings: pairs.length,
    exact: pairs.length ? ranks.filter(([a, b]) => a === b).length / pairs.length : 0,
    kappa: enoughData ? quadraticWeightedKappa(agreementTable(ranks, LEVELS.length)) : null,
    enoughData,
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** Per criterion of each rubric, over every assessor pair: first scoring against second. */
export function agreementByCriterion(pairs: readonly RatingPair[]) {
  return [...groupBy(pairs, (p) => `${p.rubricSlug}\u0000${p.criterionId}`).values()].map((group) => ({
    rubricSlug: group[0]!.rubricSlug,
    rubricTitle: group[0]!.rubricTitle,
    criterionId: group[0]!.criterionId,
    criterionTitle: group[0]!.criterionTitle,
    ...figure(group, (p) => p.levels),
  }));
}

/**
 * Per pair of assessors, every criterion they both scored, pooled. The pair is ordered by id so that
 * `meanDifference` (first assessor's level minus the second's, in levels) reads the same way for every
 * observation: a pair whose mean difference stays away from 0 shows one of them scoring higher.
 */
export function agreementByAssessorPair(pairs: readonly RatingPair[]) {
  const ordered = (p: RatingPair) => [...p.assessors].sort() as [string, string];
  return [...groupBy(pairs, (p) => ordered(p).join("\u0000")).values()].map((group) => {
    const assessors = ordered(group[0]!);
    const orient = (p: RatingPair) =>
      p.assessors[0] === assessors[0] ? p.levels : ([p.levels[1], p.levels[0]] as const);
    const diffs = group.map((p) => levelRank(orient(p)[0]) - levelRank(orient(p)[1]));
    return { assessors, meanDifference: diffs.reduce((a, b) => a + b, 0) / diffs.length, ...figure(group, orient) };
  });
}
