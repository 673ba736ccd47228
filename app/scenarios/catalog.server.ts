// The scenario library as an officer sees it: each scenario's latest version with their own standing.
import type { SessionUser } from "../auth/roles";
import { prisma } from "../db/db.server";
import { attemptStartOptions, programPools } from "./events.server";
import { latestVersions, loadVersion } from "./library.server";
import { byLevel, scenarioTags } from "./tags";

export async function scenarioCatalog(user: SessionUser) {
  const versions = await latestVersions();
  const tags = scenarioTags(await programPools.ask());
  const attempts = await prisma.attempt.findMany({
    where: { userId: user.id },
    select: { id: true, scenarioSlug: true, status: true, score: true, passed: true },
  });
  const items = [];
  for (const v of versions) {
    const loaded = await loadVersion(v.id);
    if (!loaded) continue;
    const { scenario } = loaded.compiled;
    const mine = attempts.filter((a) => a.scenarioSlug === v.scenarioSlug);
    const completed = mine.filter((a) => a.status === "completed");
    items.push({
      slug: v.scenarioSlug,
      title: scenario.title,
      summary: scenario.summary,
      estimatedMinutes: scenario.estimatedMinutes,
      competencies: scenario.competencies,
      participantCount: scenario.participants.length,
      version: v.number,
      openAttemptId: mine.find((a) => a.status === "in_progress")?.id ?? null,
      bestScore: completed.length ? Math.max(...completed.map((a) => a.score ?? 0)) : null,
      passed: completed.some((a) => a.passed),
      attempts: completed.length,
      level: tags.get(v.scenarioSlug)?.level ?? null,
      requiredFor: tags.get(v.scenarioSlug)?.requiredFor ?? [],
    });
  }
  return byLevel(items, tags);
}

/** The role-play after `slug` in the list's order (lowest level first), for the debrief's "what next". */
export async function nextScenario(slug: string): Promise<{ slug: string; title: string } | null> {
  const tags = scenarioTags(await programPools.ask());
  const items = [];
  for (const v of await latestVersions()) {
    const loaded = await loadVersion(v.id);
    if (loaded) items.push({ slug: v.scenarioSlug, title: loaded.compiled.scenario.title });
  }
  const ordered = byLevel(items, tags);
  return ordered[ordered.findIndex((i) => i.slug === slug) + 1] ?? null;
}

export async function scenarioDetails(user: SessionUser, slug: string) {
  const versions = await latestVersions();
  const v = versions.find((x) => x.scenarioSlug === slug);
  if (!v) return null;
  const loaded = await loadVersion(v.id);
  if (!loaded) return null;
  const { scenario } = loaded.compiled;
  const [open, options] = await Promise.all([
    prisma.attempt.findFirst({
      where: { userId: user.id, scenarioSlug: slug, status: "in_progress" },
      select: { id: true, choiceCount: true, mode: true },
    }),
    attemptStartOptions.ask(user, slug),
  ]);
  return {
    slug,
    version: v.number,
    title: scenario.title,
    summary: scenario.summary,
    setting: scenario.setting,
    estimatedMinutes: scenario.estimatedMinutes,
    passMark: scenario.passMark,
    competencies: scenario.competencies,
    contentNotes: scenario.contentNotes,
    participants: scenario.participants.map((p) => ({
      id: p.id,
      name: p.name,
      role: p.role,
      description: p.description,
    })),
    decisionPoints: loaded.compiled.decisionNodes,
    openAttempt: open,
    /** for officers: whether an assessed attempt here can count (or why not), and what practice would cost */
    options,
  };
}
