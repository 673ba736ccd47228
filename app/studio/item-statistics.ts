// Item statistics of a question bank over real check attempts: how many answered each question right (facility)
// and whether those who did also did better on the rest of their attempt (discrimination). Pure.
//
// Discrimination is the corrected point-biserial correlation: across the attempts that drew the question,
// the Pearson correlation between the question's score (1 right, 0 wrong) and the share of the attempt's
// *other* questions answered right. Leaving the question out of the total keeps it from correlating with
// itself, which matters when an attempt has only a handful of questions. See docs/decisions/0151.

/** Below this many attempts that drew a question, its figures are shown but never flagged. */
export const MIN_RESPONSES_FOR_FLAGS = 30;
export const TOO_EASY_ABOVE = 0.9;
export const TOO_HARD_BELOW = 0.3;
export const DISCRIMINATES_FROM = 0.2;

export type ItemFlag = "too-easy" | "too-hard" | "does-not-discriminate";

/** One attempt: each drawn question and whether it was answered right. */
export type AttemptResponses = readonly { id: string; correct: boolean }[];

export interface ItemStatistic {
  id: string;
  /** Attempts that drew the question: the sample behind facility. */
  responses: number;
  facility: number | null;
  /** Attempts that drew it with at least one other question: the sample behind discrimination. */
  discriminationResponses: number;
  /** null when it cannot be computed (everyone right, everyone wrong, or the rest scores all equal). */
  discrimination: number | null;
  flags: ItemFlag[];
}

function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 2) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

function flagsOf(responses: number, facility: number | null, discrimination: number | null): ItemFlag[] {
  if (responses < MIN_RESPONSES_FOR_FLAGS || facility === null) return [];
  const flags: ItemFlag[] = [];
  if (facility > TOO_EASY_ABOVE) flags.push("too-easy");
  if (facility < TOO_HARD_BELOW) flags.push("too-hard");
  if (discrimination !== null && discrimination < DISCRIMINATES_FROM) flags.push("does-not-discriminate");
  return flags;
}

/** Statistics for each question of the bank, in bank order, over the given attempts. */
export function itemStatistics(bankIds: readonly string[], attempts: readonly AttemptResponses[]): ItemStatistic[] {
  return bankIds.map((id) => {
    const scores: number[] = [];
    const rests: number[] = [];
    let responses = 0;
    let right = 0;
    for (const attempt of attempts) {
      const item = attempt.find((q) => q.id === id);
      if (!item) continue;
      responses++;
      if (item.correct) right++;
      const others = attempt.filter((q) => q.id !== id);
      if (others.length === 0) continue;
      scores.push(item.correct ? 1 : 0);
      rests.push(others.filter((q) => q.correct).length / others.length);
    }
    const facility = responses ? right / responses : null;
    const discrimination = pearson(scores, rests);
    return {
      id,
      responses,
      facility,
      discriminationResponses: scores.length,
      discrimination,
      flags: flagsOf(responses, facility, discrimination),
    };
  });
}
