// Knowledge check attempts: who may take one and when, the questions drawn for it, grading and recording it,
// and what the officer sees of their attempts. The rules are in check-rules.ts and question-bank.ts.
import crypto from "node:crypto";
import type { SessionUser } from "../auth/roles";
import { prisma } from "../db/db.server";
import { Prisma } from "../db/generated/client";
import { fromSqlTime } from "../db/sql-time";
import { sqlRow, sqlRows } from "../db/sql.server";
import { recordXapi } from "../xapi/outbox.server";
import { publishedModules, type ModuleEntry } from "./catalog.server";
import { checkGate, checkRules, DAY_MS, type CheckGate, type CheckRules } from "./check-rules";
import type { CompiledModule } from "./compile.server";
import { knowledgeCheckPassed } from "./events.server";
import type { PublicQuestion } from "./format";
import {
  formQuestions,
  gradeCheck,
  gradeDraw,
  readAnswers,
  reviewOf,
  type CheckReview,
  type GradedAttempt,
  type GradedQuestion,
} from "./knowledge-check";
import { attemptSize, drawQuestions, type DrawnQuestion } from "./question-bank";

type ReadyModule = ModuleEntry & { compiled: CompiledModule };
type ProgressRow = { status: string };

export interface KnowledgeCheckView {
  passMark: number;
  questionsPerAttempt: number;
  bankSize: number;
  rules: CheckRules;
  gate: CheckGate;
  /** The drawn questions to answer, when the check is open. */
  form: { submissionKey: string; questions: PublicQuestion[] } | null;
  /** The attempt that passed, else the latest one. */
  review: CheckReview | null;
}

type AttemptRow = { createdAt: Date; score: number; passed: boolean; questions: string | null; answers: string };
const ATTEMPT_FIELDS = { createdAt: true, score: true, passed: true, questions: true, answers: true } as const;

/**
 * The officer's attempts of the module, latest first: one query for the rules, the review and the next draw.
 * A raw read (on SQLite a prepared statement on the reader connection, in microseconds): every
 * module page asks for it.
 */
async function attemptHistory(user: SessionUser, slug: string): Promise<AttemptRow[]> {
  const rows = await sqlRows<{
    createdAt: string | Date;
    score: number;
    passed: number | boolean;
    questions: string | null;
    answers: string;
  }>(
    `SELECT "createdAt", "score", "passed", "questions", "answers" FROM "CheckAttempt"
     WHERE "userId" = ? AND "moduleSlug" = ? ORDER BY "createdAt" DESC`,
    user.id,
    slug,
  );
  return rows.map((r) => ({ ...r, createdAt: fromSqlTime(r.createdAt), passed: r.passed === 1 || r.passed === true }));
}

type DrawRow = { moduleHash: string; seed: number; questions: string; submissionKey: string };

/** The officer's open draw for the module, if any (raw read, as above). */
async function drawOf(userId: string, slug: string): Promise<DrawRow | null> {
  const row = await sqlRow<DrawRow>(
    `SELECT "moduleHash", "seed", "questions", "submissionKey" FROM "CheckDraw" WHERE "userId" = ? AND "moduleSlug" = ?`,
    userId,
    slug,
  );
  return row ?? null;
}

/** Whether the officer may take the check now, from their module progress and attempts. */
async function gateFor(
  entry: ReadyModule,
  progress: ReadonlyMap<string, ProgressRow>,
  history: readonly AttemptRow[],
  now: Date,
): Promise<CheckGate> {
  const f = entry.compiled.frontmatter;
  const titles = new Map((await publishedModules()).map((m) => [m.slug, m.compiled.frontmatter.title]));
  return checkGate({
    opened: progress.has(entry.slug),
    passed: progress.get(entry.slug)?.status === "passed",
    missingPrerequisites: f.prerequisites
      .filter((p) => progress.get(p)?.status !== "passed")
      .map((slug) => ({ slug, title: titles.get(slug) ?? slug })),
    recent: history.map((r) => r.createdAt).filter((t) => t.getTime() > now.getTime() - DAY_MS),
    rules: checkRules(f),
    now,
  });
}

function parseGraded(row: { questions: string | null; answers: string }, entry: ReadyModule): GradedQuestion[] {
  if (row.questions) return JSON.parse(row.questions) as GradedQuestion[];
  // Before question banks an attempt answered the whole bank, in file order.
  const f = entry.compiled.frontmatter;
  return gradeCheck(f.knowledgeCheck, JSON.parse(row.answers) as Record<string, string>, f.passMark).questions.filter(
    (q) => q.chosen !== null,
  );
}

function reviewOfRow(row: AttemptRow, entry: ReadyModule): CheckReview {
  const questions = parseGraded(row, entry);
  const graded: GradedAttempt & { at: Date } = {
    at: row.createdAt,
    score: row.score,
    passed: row.passed,
    total: questions.length,
    correctCount: questions.filter((q) => q.correct).length,
    questions,
  };
  return reviewOf(entry.compiled.frontmatter.knowledgeCheck, graded, entry.compiled.toc);
}

/** What the page shows of past attempts: the latest passed one, else the latest. */
function latestReview(history: readonly AttemptRow[], entry: ReadyModule): CheckReview | null {
  const row = history.find((r) => r.passed) ?? history[0];
  return row ? reviewOfRow(row, entry) : null;
}

/** How often the officer has been shown each question of this module, so a new draw prefers the others. */
function timesShown(history: readonly AttemptRow[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of history)
    for (const q of row.questions ? (JSON.parse(row.questions) as DrawnQuestion[]) : [])
      counts.set(q.id, (counts.get(q.id) ?? 0) + 1);
  return counts;
}

/** The officer's open draw for this module, made now if there is none (or the module changed since). */
async function openDraw(user: SessionUser, entry: ReadyModule, history: readonly AttemptRow[], now: Date) {
  const key = { userId_moduleSlug: { userId: user.id, moduleSlug: entry.slug } };
  const existing = await drawOf(user.id, entry.slug);
  if (existing && existing.moduleHash === entry.hash) return existing;
  const f = entry.compiled.frontmatter;
  const seed = crypto.randomInt(0, 0x7fffffff);
  const questions = drawQuestions(f.knowledgeCheck, attemptSize(f), seed, timesShown(history));
  const data = {
    moduleHash: entry.hash,
    seed,
    questions: JSON.stringify(questions),
    submissionKey: crypto.randomUUID(),
    createdAt: now,
  };
  try {
    if (existing) return await prisma.checkDraw.update({ where: key, data });
    return await prisma.checkDraw.create({ data: { userId: user.id, moduleSlug: entry.slug, ...data } });
  } catch (error) {
    // Two page loads at once: the first draw stands.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      return prisma.checkDraw.findUniqueOrThrow({ where: key });
    throw error;
  }
}

/** The knowledge check part of a module page. `progress` must already include this module (it was opened). */
export async function knowledgeCheckView(
  user: SessionUser,
  entry: ReadyModule,
  progress: ReadonlyMap<string, ProgressRow>,
  now = new Date(),
): Promise<KnowledgeCheckView> {
  const f = entry.compiled.frontmatter;
  const history = await attemptHistory(user, entry.slug);
  const gate = await gateFor(entry, progress, history, now);
  let form: KnowledgeCheckView["form"] = null;
  if (gate.open) {
    const draw = await openDraw(user, entry, history, now);
    form = {
      submissionKey: draw.submissionKey,
      questions: formQuestions(f.knowledgeCheck, JSON.parse(draw.questions) as DrawnQuestion[]),
    };
  }
  return {
    passMark: f.passMark,
    questionsPerAttempt: attemptSize(f),
    bankSize: f.knowledgeCheck.length,
    rules: checkRules(f),
    gate,
    form,
    review: latestReview(history, entry),
  };
}

export type SubmitOutcome =
  | { kind: "graded"; review: CheckReview }
  | { kind: "invalid"; errors: Record<string, string> }
  | { kind: "refused"; status: 409 | 429; message: string; retryAfterSeconds?: number };

const KEY_USED = "This form was already used for another submission. Reload the page and answer again.";

/** The attempt already recorded under this submission key (a resend or a double click), if any. */
async function replay(user: SessionUser, entry: ReadyModule, submissionKey: string): Promise<SubmitOutcome | null> {
  const previous = await prisma.checkAttempt.findUnique({
    where: { submissionKey },
    select: { userId: true, moduleSlug: true, ...ATTEMPT_FIELDS },
  });
  if (!previous) return null;
  if (previous.userId !== user.id || previous.moduleSlug !== entry.slug)
    return { kind: "refused", status: 409, message: KEY_USED };
  return { kind: "graded", review: reviewOfRow(previous, entry) };
}

/**
 * Grades and records one submission of the officer's open draw. The same submission key sent again returns the
 * first result and records nothing more. `fields` are the posted form fields.
 */
export async function submitCheck(
  user: SessionUser,
  entry: ReadyModule,
  submissionKey: string,
  fields: Record<string, string>,
  now = new Date(),
): Promise<SubmitOutcome> {
  const earlier = await replay(user, entry, submissionKey);
  if (earlier) return earlier;
  const progress = await prisma.moduleProgress.findMany({
    where: { userId: user.id },
    select: { moduleSlug: true, status: true },
  });
  const progressMap = new Map(progress.map((p) => [p.moduleSlug, p]));
  const gate = await gateFor(entry, progressMap, await attemptHistory(user, entry.slug), now);
  if (!gate.open) {
    if (!("nextAt" in gate)) return { kind: "refused", status: 409, message: gate.message };
    return {
      kind: "refused",
      status: 429,
      message: gate.message,
      retryAfterSeconds: Math.ceil((Date.parse(gate.nextAt) - now.getTime()) / 1000),
    };
  }
  const draw = await prisma.checkDraw.findUnique({
    where: { userId_moduleSlug: { userId: user.id, moduleSlug: entry.slug } },
  });
  if (!draw || draw.submissionKey !== submissionKey)
    return {
      kind: "refused",
      status: 409,
      message: "These questions are no longer open. Reload the page to see the questions of your attempt.",
    };
  if (draw.moduleHash !== entry.hash)
    return {
      kind: "refused",
      status: 409,
      message: "The module changed since these questions were drawn. Reload the page for new questions.",
    };
  const f = entry.compiled.frontmatter;
  const drawn = JSON.parse(draw.questions) as DrawnQuestion[];
  const { answers, errors } = readAnswers(formQuestions(f.knowledgeCheck, drawn), fields);
  if (Object.keys(errors).length)
    return { kind: "invalid", errors: { ...errors, form: "Answer every question before you submit." } };
  const graded = gradeDraw(f.knowledgeCheck, drawn, answers, f.passMark);
  const recorded = await record(user, entry, draw, answers, graded, now);
  if (!recorded)
    return (await replay(user, entry, submissionKey)) ?? { kind: "refused", status: 409, message: KEY_USED };
  return { kind: "graded", review: reviewOf(f.knowledgeCheck, { ...graded, at: now }, entry.compiled.toc) };
}

/** Turns the draw into an attempt and updates progress, in one transaction; false if the draw was already used. */
async function record(
  user: SessionUser,
  entry: ReadyModule,
  draw: { seed: number; submissionKey: string },
  answers: Record<string, string>,
  graded: GradedAttempt,
  now: Date,
): Promise<boolean> {
  try {
    return await prisma.$transaction(async (tx) => {
      const taken = await tx.checkDraw.deleteMany({
        where: { userId: user.id, moduleSlug: entry.slug, submissionKey: draw.submissionKey },
      });
      if (taken.count === 0) return false;
      await tx.checkAttempt.create({
        data: {
          userId: user.id,
          moduleSlug: entry.slug,
          moduleHash: entry.hash,
          // The draw was made on this text (its hash matched): the version officers read now.
          moduleVersionId: entry.versionId,
          answers: JSON.stringify(answers),
          score: graded.score,
          passed: graded.passed,
          submissionKey: draw.submissionKey,
          seed: draw.seed,
          questions: JSON.stringify(graded.questions),
          createdAt: now,
        },
      });
      const key = { userId_moduleSlug: { userId: user.id, moduleSlug: entry.slug } };
      const current = await tx.moduleProgress.findUnique({ where: key });
      const passed = current?.status === "passed" || graded.passed;
      await tx.moduleProgress.upsert({
        where: key,
        create: {
          userId: user.id,
          moduleSlug: entry.slug,
          status: passed ? "passed" : "in_progress",
          bestScore: graded.score,
          passedAt: graded.passed ? now : null,
        },
        update: {
          status: passed ? "passed" : "in_progress",
          bestScore: Math.max(current?.bestScore ?? 0, graded.score),
          passedAt: current?.passedAt ?? (graded.passed ? now : null),
        },
      });
      await recordXapi(
        tx,
        user.id,
        {
          kind: "check_answered",
          moduleSlug: entry.slug,
          response: JSON.stringify(answers),
          score: graded.score,
          passed: graded.passed,
        },
        now,
      );
      if (graded.passed && current?.status !== "passed") {
        await recordXapi(tx, user.id, { kind: "module_completed", moduleSlug: entry.slug }, now);
        await knowledgeCheckPassed.announce({ tx, officerId: user.id, at: now });
      }
      return true;
    });
  } catch (error) {
    // The same submission arrived twice at once: the first one stands.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return false;
    throw error;
  }
}
