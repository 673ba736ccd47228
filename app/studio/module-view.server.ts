// One module in the studio: its validation, its question bank and check settings, each question's item
// statistics over the check attempts of the reader's agency, and its published versions (source, diff, rollback).
import { prisma } from "../db/db.server";
import { findModule } from "../modules/catalog.server";
import { checkRules } from "../modules/check-rules";
import type { GradedQuestion } from "../modules/knowledge-check";
import { moduleVersionByNumber, moduleVersions } from "../modules/library.server";
import { attemptSize } from "../modules/question-bank";
import { namesOf } from "../users/names.server";
import { hunksBetween } from "./diff";
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

/** A module's published versions, newest first, naming their author and reviewer. */
async function versionList(slug: string) {
  const versions = await moduleVersions(slug);
  const people = await namesOf(versions.flatMap((v) => [v.authorId, v.reviewerId]));
  return versions.map((v) => ({
    id: v.id,
    number: v.number,
    title: v.title,
    publishedAt: v.publishedAt,
    origin: v.origin,
    authorName: v.authorId ? (people.get(v.authorId) ?? null) : null,
    reviewerName: v.reviewerId ? (people.get(v.reviewerId) ?? null) : null,
  }));
}

export async function studioModule(agencyId: string, slug: string) {
  const entry = await findModule(slug);
  if (!entry) return null;
  const issues = entry.issues.map((i) => ({ severity: i.severity, line: i.line, message: i.message }));
  const base = {
    slug,
    file: entry.file,
    issues,
    versions: await versionList(slug),
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

/** A module version's text, or its line diff against another version of the same module (null: no such version). */
export async function moduleVersionSource(slug: string, number: number, compare: number | null) {
  const [version, other] = await Promise.all([
    moduleVersionByNumber(slug, number),
    compare === null ? null : moduleVersionByNumber(slug, compare),
  ]);
  if (!version) return null;
  return {
    slug,
    number: version.number,
    title: version.title,
    // Compared, only the changed hunks; otherwise the whole source.
    lines: other ? [] : version.source.split("\n").map((text, i) => ({ text, line: i + 1 })),
    hunks: other ? hunksBetween(other.source, version.source) : null,
    comparedWith: other?.number ?? null,
  };
}

/** A version's text as a file for content/modules (the export format), with the name it goes under. */
export async function moduleVersionFile(slug: string, number: number) {
  const version = await moduleVersionByNumber(slug, number);
  return version && { name: `${version.moduleSlug}.mdx`, source: version.source };
}
