// The two-minute survey after a module or a role-play: three Likert items and an optional comment, once each.
import type { SessionUser } from "../auth/roles";
import { prisma } from "../db/db.server";
import { DomainError } from "../errors";
import { findModule } from "../modules/catalog.server";
import { latestVersionOf } from "../scenarios/library.server";
import type { SurveyInput, SurveySubject } from "./survey";

export { isSurveySubject, LIKERT, SURVEY_ITEMS, SurveyInput, type SurveySubject } from "./survey";

/** The title of what the survey is about, or null if there is no such module or role-play. */
export async function surveySubjectTitle(kind: SurveySubject, slug: string): Promise<string | null> {
  if (kind === "module") return (await findModule(slug))?.compiled?.frontmatter.title ?? null;
  return (await latestVersionOf(slug))?.title ?? null;
}

/** Whether the officer has finished what the survey asks about: passed the module's check, or completed the role-play. */
async function hasFinished(userId: string, kind: SurveySubject, slug: string): Promise<boolean> {
  if (kind === "module")
    return (await prisma.moduleProgress.count({ where: { userId, moduleSlug: slug, status: "passed" } })) > 0;
  return (await prisma.attempt.count({ where: { userId, scenarioSlug: slug, status: "completed" } })) > 0;
}

export async function surveyState(user: SessionUser, kind: SurveySubject, slug: string) {
  const title = await surveySubjectTitle(kind, slug);
  if (!title) return null;
  const [answered, finished] = await Promise.all([
    prisma.trainingSurvey.count({ where: { userId: user.id, subjectKind: kind, subjectSlug: slug } }),
    hasFinished(user.id, kind, slug),
  ]);
  return { kind, slug, title, answered: answered > 0, finished };
}

/** Records the survey once per officer and subject; only after finishing it. */
export async function submitSurvey(user: SessionUser, kind: SurveySubject, slug: string, input: SurveyInput) {
  const state = await surveyState(user, kind, slug);
  if (!state) return null;
  if (!state.finished)
    throw new DomainError(
      "conflict",
      `The survey opens once you have ${kind === "module" ? "passed the module's check" : "completed the role-play"}.`,
    );
  if (state.answered) throw new DomainError("conflict", "You have already answered this survey. Thank you.");
  await prisma.trainingSurvey.create({
    data: {
      userId: user.id,
      subjectKind: kind,
      subjectSlug: slug,
      satisfaction: input.satisfaction,
      confidence: input.confidence,
      relevance: input.relevance,
      comment: input.comment || null,
    },
  });
  return state;
}
