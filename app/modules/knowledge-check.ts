// Grading a knowledge check attempt, and what the officer may see of it afterwards. Pure; runs on the server only,
// because it needs the answer key. After a failed attempt the officer learns which questions were wrong and the
// idea each tests, never which option is right; the answer key comes only with a passed attempt.
import type { TocEntry } from "./compile.server";
import type { PublicQuestion, Question } from "./format";
import type { DrawnQuestion } from "./question-bank";

/** One question of an attempt as graded: the options in the order shown, and what the officer chose. */
export interface GradedQuestion extends DrawnQuestion {
  chosen: string | null;
  correct: boolean;
}

export interface GradedAttempt {
  score: number;
  passed: boolean;
  correctCount: number;
  total: number;
  questions: GradedQuestion[];
}

/** Grades exactly the drawn questions; a drawn question the bank no longer has counts as wrong. */
export function gradeDraw(
  bank: readonly Question[],
  drawn: readonly DrawnQuestion[],
  answers: Record<string, string | undefined>,
  passMark: number,
): GradedAttempt {
  const key = new Map(bank.map((q) => [q.id, q.answer]));
  const questions = drawn.map((d) => {
    const chosen = answers[d.id] ?? null;
    return { ...d, chosen, correct: chosen !== null && chosen === key.get(d.id) };
  });
  const correctCount = questions.filter((q) => q.correct).length;
  const score = questions.length ? Math.round((100 * correctCount) / questions.length) : 0;
  return { score, passed: score >= passMark, correctCount, total: questions.length, questions };
}

/** Grades every given question in bank order (attempts from before question banks, and the benchmark data). */
export function gradeCheck(
  questions: readonly Question[],
  answers: Record<string, string | undefined>,
  passMark: number,
): GradedAttempt {
  return gradeDraw(
    questions,
    questions.map((q) => ({ id: q.id, options: q.options.map((o) => o.id) })),
    answers,
    passMark,
  );
}

/** The drawn questions as the form shows them: in the drawn order, with options in the drawn order. */
export function formQuestions(bank: readonly Question[], drawn: readonly DrawnQuestion[]): PublicQuestion[] {
  const byId = new Map(bank.map((q) => [q.id, q]));
  return drawn.flatMap((d) => {
    const q = byId.get(d.id);
    if (!q) return [];
    const text = new Map(q.options.map((o) => [o.id, o.text]));
    return [
      {
        id: q.id,
        prompt: q.prompt,
        options: d.options.filter((id) => text.has(id)).map((id) => ({ id, text: text.get(id)! })),
      },
    ];
  });
}

/** Reads the officer's answer to each drawn question from the posted fields; a message per missing one. */
export function readAnswers(
  drawn: readonly PublicQuestion[],
  fields: Record<string, string>,
): { answers: Record<string, string>; errors: Record<string, string> } {
  const answers: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const q of drawn) {
    const value = fields[q.id];
    if (value !== undefined && q.options.some((o) => o.id === value)) answers[q.id] = value;
    else errors[q.id] = "Choose one answer.";
  }
  return { answers, errors };
}

export interface ReviewQuestion {
  id: string;
  prompt: string;
  options: { id: string; text: string }[];
  chosen: string | null;
  correct: boolean;
  /** After a failed attempt, for a wrong answer: what to review. Never which option is right. */
  idea: string | null;
  /** Only in a passed attempt: the right option and why. */
  key: { answer: string; explanation: string } | null;
}

export interface CheckReview {
  at: string;
  score: number;
  passed: boolean;
  correctCount: number;
  total: number;
  questions: ReviewQuestion[];
}

/** What the officer sees of an attempt: the answer key only if it passed. */
export function reviewOf(
  bank: readonly Question[],
  attempt: GradedAttempt & { at: Date },
  toc: readonly TocEntry[],
): CheckReview {
  const byId = new Map(bank.map((q) => [q.id, q]));
  const questions = attempt.questions.flatMap((g): ReviewQuestion[] => {
    const q = byId.get(g.id);
    if (!q) return [];
    const text = new Map(q.options.map((o) => [o.id, o.text]));
    return [
      {
        id: q.id,
        prompt: q.prompt,
        options: g.options.filter((id) => text.has(id)).map((id) => ({ id, text: text.get(id)! })),
        chosen: g.chosen,
        correct: g.correct,
        idea: !attempt.passed && !g.correct ? (q.idea ?? fallbackIdea(q.prompt, toc)) : null,
        key: attempt.passed ? { answer: q.answer, explanation: q.explanation } : null,
      },
    ];
  });
  return {
    at: attempt.at.toISOString(),
    score: attempt.score,
    passed: attempt.passed,
    correctCount: attempt.correctCount,
    total: attempt.total,
    questions,
  };
}

const STOP_WORDS = new Set([
  "before",
  "should",
  "people",
  "person",
  "someone",
  "something",
  "another",
  "because",
  "whether",
  "during",
  "officer",
  "officers",
]);

/** Word beginnings (5 letters), so "agreement" meets "agreements"; short words say too little to count. */
function stems(text: string, minLength: number): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^a-z]+/)
      .filter((w) => w.length >= minLength && !STOP_WORDS.has(w))
      .map((w) => w.slice(0, 5)),
  );
}

/**
 * For a question written before ideas were required: points to the section whose heading shares the most longer
 * words with the prompt (never the options, which could give the answer away), or to the module as a whole.
 */
export function fallbackIdea(prompt: string, toc: readonly TocEntry[]): string {
  const words = stems(prompt, 6);
  let best: { text: string; overlap: number } | null = null;
  for (const entry of toc) {
    const overlap = [...stems(entry.text, 4)].filter((w) => words.has(w)).length;
    if (overlap > (best?.overlap ?? 0)) best = { text: entry.text, overlap };
  }
  return best
    ? `Review the section on “${best.text}” before your next attempt.`
    : "Review the sections of this module that this question draws on before your next attempt.";
}
