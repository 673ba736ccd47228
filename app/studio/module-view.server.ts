// One module in the studio: its validation, its question bank and check settings, and each question's item
// statistics over the check attempts of the reader's agency.
import { prisma } from "../db/db.server";
import { findModule } from "../modules/catalog.server";
import { checkRules } from "../modules/check-rules";
import type { GradedQuestion } from "../modules/knowledge-check";
import { attemptSize } from "../modules/question-bank";
import {
  DISCRIMINATES_FROM,
  itemStatistics,
  MIN_RESPONSES_FOR_FLAGS,
  TOO_EASY_ABOVE,
  TOO_HARD_BELOW,
} from "./item-statistics";

/** Officers' attempts only: a trainer trying the check knows the key and would make questions look easy. */
async function attemptResponses(agencyId: string, slug: string) {
  const where = { moduleSlug: slug, user: { agencyId, role: "officer" } };
  const [rows, before] = await Promise.all([
    prisma.checkAttempt.findMany({ where: { ...where, questions: { not: null } }, select: { questions: true } }),
    prisma.checkAttempt.count({ where: { ...where, questions: null } }),
  ]);
  return {
    attempts: rows.map((r) =>
      (JSON.parse(r.questions!) as GradedQuestion[]).map((q) => ({ id: q.id, correct: q.correct })),
    ),
    before,
  };
}

export async function studioModule(agencyId: string, slug: string) {
  const entry = await findModule(slug);
  if (!entry) return null;
  const issues = entry.issues.map((i) => ({ severity: i.severity, line: i.line, message: i.message }));
  const base = {
    slug,
    file: entry.file,
    issues,
    thresholds: {
      minResponses: MIN_RESPONSES_FOR_FLAGS,
      tooEasyAbove: TOO_EASY_ABOVE,
      tooHardBelow: TOO_HARD_BELOW,
      discriminatesFrom: DISCRIMINATES_FROM,
    },
  };
  if (!entry.compiled) return { ...base, title: slug, bank: null };
  const f = entry.compiled.frontmatter;
  const { attempts, before } = await attemptResponses(agencyId, slug);
  const prompts = new Map(f.knowledgeCheck.map((q) => [q.id, q.prompt]));
  const items = itemStatistics(
    f.knowledgeCheck.map((q) => q.id),
    attempts,
  ).map((s) => ({ ...s, prompt: prompts.get(s.id) ?? s.id }));
  return {
    ...base,
    title: f.title,
    bank: {
      size: f.knowledgeCheck.length,
      questionsPerAttempt: attemptSize(f),
      requestedPerAttempt: f.questionsPerAttempt,
      passMark: f.passMark,
      rules: checkRules(f),
      attempts: attempts.length,
      attemptsBeforeBanks: before,
      items,
    },
  };
}
