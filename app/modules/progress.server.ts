// An officer's progress through modules: opened, where they left off, and every knowledge-check attempt.
import type { SessionUser } from "../auth/roles";
import { recomputeStandings } from "../certification/evidence.server";
import { prisma } from "../db/db.server";
import { Prisma } from "../db/generated/client";
import type { ModuleEntry } from "./catalog.server";
import type { CompiledModule } from "./compile.server";
import { gradeCheck, type CheckResult } from "./knowledge-check";

export type ModuleStatus = "not_started" | "in_progress" | "passed";

export async function progressByModule(userId: string) {
  const rows = await prisma.moduleProgress.findMany({ where: { userId }, select: { moduleSlug: true, status: true, bestScore: true, lastAnchor: true, passedAt: true } });
  return new Map(rows.map((r) => [r.moduleSlug, r]));
}

export async function markOpened(userId: string, slug: string) {
  await prisma.moduleProgress.upsert({
    where: { userId_moduleSlug: { userId, moduleSlug: slug } },
    create: { userId, moduleSlug: slug, status: "in_progress" },
    update: {},
  });
}

export async function saveAnchor(userId: string, slug: string, anchor: string) {
  await prisma.moduleProgress.updateMany({ where: { userId, moduleSlug: slug }, data: { lastAnchor: anchor } });
}

/**
 * Grades and records one submission. The same submission key (a resend or double click) returns the
 * first result and records nothing more.
 */
export async function submitCheck(
  user: SessionUser,
  entry: ModuleEntry & { compiled: CompiledModule },
  answers: Record<string, string>,
  submissionKey: string,
): Promise<CheckResult> {
  const { frontmatter } = entry.compiled;
  const replay = async (): Promise<CheckResult | null> => {
    const previous = await prisma.checkAttempt.findUnique({ where: { submissionKey }, select: { userId: true, answers: true, moduleSlug: true } });
    if (!previous) return null;
    if (previous.userId !== user.id || previous.moduleSlug !== entry.slug) throw new SubmissionKeyError();
    return gradeCheck(frontmatter.knowledgeCheck, JSON.parse(previous.answers), frontmatter.passMark);
  };
  const earlier = await replay();
  if (earlier) return earlier;
  const result = gradeCheck(frontmatter.knowledgeCheck, answers, frontmatter.passMark);
  const now = new Date();
  try {
    await prisma.$transaction(async (tx) => {
      await tx.checkAttempt.create({
        data: {
          userId: user.id, moduleSlug: entry.slug, moduleHash: entry.hash, answers: JSON.stringify(answers),
          score: result.score, passed: result.passed, submissionKey,
        },
      });
      const key = { userId_moduleSlug: { userId: user.id, moduleSlug: entry.slug } };
      const current = await tx.moduleProgress.findUnique({ where: key });
      const passed = current?.status === "passed" || result.passed;
      await tx.moduleProgress.upsert({
        where: key,
        create: { userId: user.id, moduleSlug: entry.slug, status: passed ? "passed" : "in_progress", bestScore: result.score, passedAt: result.passed ? now : null },
        update: {
          status: passed ? "passed" : "in_progress",
          bestScore: Math.max(current?.bestScore ?? 0, result.score),
          passedAt: current?.passedAt ?? (result.passed ? now : null),
        },
      });
      if (result.passed && current?.status !== "passed") await recomputeStandings(tx, user.id, now);
    });
  } catch (error) {
    // The same submission arrived twice at once: the first one stands.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const first = await replay();
      if (first) return first;
    }
    throw error;
  }
  return result;
}

export class SubmissionKeyError extends Error {
  constructor() {
    super("This form was already used for another submission. Reload the page and answer again.");
  }
}

export function statusOf(row: { status: string } | undefined): ModuleStatus {
  if (!row) return "not_started";
  return row.status === "passed" ? "passed" : "in_progress";
}
