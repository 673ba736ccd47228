// The pre-test before a module: a few questions drawn from the module's own bank, answered once, scored and never
// answered back (the officer sees only that it was recorded), so the same items can appear in the knowledge check
// and knowledge gain is the first check attempt's score minus this one (docs/decisions/0371-impact-report.md).
import crypto from "node:crypto";
import type { SessionUser } from "../auth/roles";
import { prisma } from "../db/db.server";
import { Prisma } from "../db/generated/client";
import { DomainError } from "../errors";
import { findModule } from "../modules/catalog.server";
import { formQuestions, gradeDraw, readAnswers } from "../modules/knowledge-check";
import { attemptSize, drawQuestions } from "../modules/question-bank";

export const PRE_TEST_SIZE = 4;

/** The same draw on every visit: seeded by the officer and the module. */
function seedFor(userId: string, slug: string): number {
  return crypto.createHash("sha256").update(`pre-test:${userId}:${slug}`).digest().readUInt32BE(0) & 0x7fffffff;
}

async function moduleWithBank(slug: string) {
  const module = await findModule(slug);
  const f = module?.compiled?.frontmatter;
  if (!module || !f || !f.knowledgeCheck.length) return null;
  return { module, f, size: Math.min(PRE_TEST_SIZE, attemptSize(f)) };
}

/** What the pre-test page shows: the module's title and its questions, or that it was already taken. */
export async function preTestFor(user: SessionUser, slug: string) {
  const found = await moduleWithBank(slug);
  if (!found) return null;
  const taken = await prisma.preTest.findUnique({
    where: { userId_moduleSlug: { userId: user.id, moduleSlug: slug } },
    select: { createdAt: true },
  });
  const drawn = drawQuestions(found.f.knowledgeCheck, found.size, seedFor(user.id, slug));
  return {
    slug,
    title: found.f.title,
    takenAt: taken?.createdAt ?? null,
    questions: taken ? [] : formQuestions(found.f.knowledgeCheck, drawn),
  };
}

/** Whether the officer has taken (or may still take) the pre-test: false once they have a check attempt. */
export async function preTestOpen(userId: string, slug: string): Promise<boolean> {
  const [taken, checked] = await Promise.all([
    prisma.preTest.count({ where: { userId, moduleSlug: slug } }),
    prisma.checkAttempt.count({ where: { userId, moduleSlug: slug } }),
  ]);
  return taken === 0 && checked === 0;
}

/** Records the answers once; every question must be answered. A second submission changes nothing. */
export async function submitPreTest(user: SessionUser, slug: string, fields: Record<string, string>) {
  const found = await moduleWithBank(slug);
  if (!found) return null;
  if (!(await preTestOpen(user.id, slug)))
    throw new DomainError("conflict", "The pre-test is taken once, before the module's knowledge check.");
  const drawn = drawQuestions(found.f.knowledgeCheck, found.size, seedFor(user.id, slug));
  const { answers, errors } = readAnswers(formQuestions(found.f.knowledgeCheck, drawn), fields);
  const missing = Object.keys(errors)[0];
  if (missing) throw new DomainError("invalid", "Answer every question (a guess is fine).", { field: missing });
  const graded = gradeDraw(found.f.knowledgeCheck, drawn, answers, found.f.passMark);
  try {
    await prisma.preTest.create({
      data: {
        userId: user.id,
        moduleSlug: slug,
        moduleHash: found.module.hash,
        questions: JSON.stringify(graded.questions),
        score: graded.score,
      },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { slug };
    throw error;
  }
  return { slug };
}
