// What the module page offers an officer for the impact report: the pre-test before they start, the survey once
// they have passed.
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
