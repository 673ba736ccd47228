// What the module page and the role-play debrief offer an officer for the impact report: the pre-test before they
// start a module, the survey once they have passed it or completed the role-play (until they answer it).
import { prisma } from "../db/db.server";
import { preTestOpen } from "./pre-test.server";

export async function moduleImpactLinks(userId: string, slug: string) {
  const [preTest, passed, answered] = await Promise.all([
    preTestOpen(userId, slug),
    prisma.moduleProgress.count({ where: { userId, moduleSlug: slug, status: "passed" } }),
    prisma.trainingSurvey.count({ where: { userId, subjectKind: "module", subjectSlug: slug } }),
  ]);
  return { preTest, survey: passed > 0 && answered === 0 };
}

/** Whether the debrief of a completed role-play offers its survey: completed, and not yet answered. */
export async function scenarioSurveyOffered(userId: string, slug: string): Promise<boolean> {
  const [completed, answered] = await Promise.all([
    prisma.attempt.count({ where: { userId, scenarioSlug: slug, status: "completed" } }),
    prisma.trainingSurvey.count({ where: { userId, subjectKind: "scenario", subjectSlug: slug } }),
  ]);
  return completed > 0 && answered === 0;
}
