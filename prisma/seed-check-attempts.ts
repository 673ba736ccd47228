// Demo check attempts: a class of recruits who took the first module's knowledge check over the last two months,
// enough of them that the studio's item statistics have figures and flags to show. Every attempt follows the
// rules an officer meets in the app (the draw prefers unseen questions, attempts days apart, stop once passed).
// Their answers are simulated: each recruit has an ability, and each question a fixed way of responding to it,
// chosen so that one question comes out too easy, one too hard and one not discriminating.
import crypto from "node:crypto";
import { prisma } from "../app/db/db.server";
import type { Prisma } from "../app/db/generated/client";
import { publishedModules } from "../app/modules/catalog.server";
import { gradeDraw } from "../app/modules/knowledge-check";
import { attemptSize, drawQuestions } from "../app/modules/question-bank";

export const COHORT_MODULE = "what-is-restoration";
export const COHORT_UNIT = "Recruit Class 2026";

const RECRUITS = [
  "Ava Brooks",
  "Marcus Bell",
  "Sofia Ramirez",
  "Tyler Chen",
  "Grace Adeyemi",
  "Noah Patel",
  "Chloe Martin",
  "Ethan Yazzie",
  "Maya Lopez",
  "Jordan Price",
  "Leah Kim",
  "Caleb Foster",
  "Nina Haddad",
  "Owen Walsh",
  "Isabel Cruz",
  "Derek Hughes",
  "Hannah Scott",
  "Victor Reyes",
  "Jasmine Ward",
  "Liam O'Brien",
  "Zoe Turner",
  "Andre Jackson",
  "Emily Tran",
  "Kevin Morales",
  "Rosa Delgado",
  "Sean Murphy",
  "Amara Obi",
  "Cody Larsen",
  "Priya Shah",
  "Mateo Silva",
];
const MAX_ATTEMPTS = 5;
const DAY = 24 * 60 * 60 * 1000;

/** A small seeded generator, so the demo is the same on every install. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/** How likely a recruit of this ability answers the bank's question at `index` right. */
function chanceRight(index: number, ability: number): number {
  if (index === 0) return 0.97; // too easy: nearly everyone
  if (index === 1) return logistic(1.6 * ability - 2.2); // too hard, though the strongest manage it
  if (index === 2) return logistic(0.3 - 1.2 * ability); // misleads the stronger recruits: does not discriminate
  return logistic(3 * ability + 1.5); // ordinary questions: the stronger, the likelier
}

export async function seedCheckCohort(agencyId: string, passwordHash: string, now = new Date()) {
  const entry = (await publishedModules()).find((m) => m.slug === COHORT_MODULE);
  if (!entry) return;
  const f = entry.compiled.frontmatter;
  const unit = await prisma.unit.create({ data: { name: COHORT_UNIT, agencyId } });
  const random = generator(2026);
  const users = RECRUITS.map((name, i) => ({
    id: crypto.randomUUID(),
    email: `recruit${String(i + 1).padStart(2, "0")}@example.org`,
    name,
    role: "officer",
    agencyId,
    unitId: unit.id,
    passwordHash,
  }));
  await prisma.user.createMany({ data: users });
  const attempts: Prisma.CheckAttemptCreateManyInput[] = [];
  const progress: Prisma.ModuleProgressCreateManyInput[] = [];
  for (const [i, user] of users.entries()) {
    // Box-Muller: abilities spread like a normal distribution around 0.
    let ability = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const shown = new Map<string, number>();
    let best = 0;
    let passedAt: Date | null = null;
    for (let n = 0; n < MAX_ATTEMPTS && !passedAt; n++) {
      const at = new Date(now.getTime() - (58 - i - 3 * n) * DAY);
      const seed = Math.floor(random() * 0x7fffffff);
      const drawn = drawQuestions(f.knowledgeCheck, attemptSize(f), seed, shown);
      const answers: Record<string, string> = {};
      for (const d of drawn) {
        const index = f.knowledgeCheck.findIndex((q) => q.id === d.id);
        const q = f.knowledgeCheck[index]!;
        const wrong = d.options.filter((o) => o !== q.answer);
        answers[d.id] = random() < chanceRight(index, ability) ? q.answer : wrong[Math.floor(random() * wrong.length)]!;
        shown.set(d.id, (shown.get(d.id) ?? 0) + 1);
      }
      const graded = gradeDraw(f.knowledgeCheck, drawn, answers, f.passMark);
      attempts.push({
        userId: user.id,
        moduleSlug: entry.slug,
        moduleHash: entry.hash,
        answers: JSON.stringify(answers),
        score: graded.score,
        passed: graded.passed,
        submissionKey: crypto.randomUUID(),
        seed,
        questions: JSON.stringify(graded.questions),
        createdAt: at,
      });
      best = Math.max(best, graded.score);
      if (graded.passed) passedAt = at;
      ability += 0.3; // they go back over the module between attempts
    }
    progress.push({
      userId: user.id,
      moduleSlug: entry.slug,
      status: passedAt ? "passed" : "in_progress",
      bestScore: best,
      passedAt,
    });
  }
  await prisma.checkAttempt.createMany({ data: attempts });
  await prisma.moduleProgress.createMany({ data: progress });
}
