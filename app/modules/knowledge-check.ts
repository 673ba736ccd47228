// Grading a knowledge check. Pure; runs on the server only, because it needs the answer key.
import type { Question } from "./format";

export interface QuestionResult {
  id: string;
  chosen: string | null;
  correct: boolean;
  answer: string;
  explanation: string;
}

export interface CheckResult {
  score: number;
  passed: boolean;
  correctCount: number;
  total: number;
  results: QuestionResult[];
}

export function gradeCheck(questions: Question[], answers: Record<string, string | undefined>, passMark: number): CheckResult {
  const results = questions.map((q) => {
    const chosen = answers[q.id] ?? null;
    return { id: q.id, chosen, correct: chosen === q.answer, answer: q.answer, explanation: q.explanation };
  });
  const correctCount = results.filter((r) => r.correct).length;
  const score = Math.round((100 * correctCount) / questions.length);
  return { score, passed: score >= passMark, correctCount, total: questions.length, results };
}
