// Which certifications each role-play counts toward, from the programs' scenario pools: the role-play list orders
// and tags scenarios with it, so nothing about levels is written twice. Pure. The programs come from
// certification through a question (events.server.ts), so this folder does not import it.

/** What tagging needs of a program: its level and the scenario pools it asks for. */
export interface ProgramPools {
  level: number;
  requirements: { scenarios: readonly { pool: readonly string[] }[] };
}

export interface ScenarioTags {
  /** the lowest level of a program that asks for the scenario; null when none does */
  level: number | null;
  /** "Level 1 certification", in level order */
  requiredFor: string[];
}

export function scenarioTags(programs: readonly ProgramPools[]): Map<string, ScenarioTags> {
  const tags = new Map<string, ScenarioTags>();
  for (const program of [...programs].sort((a, b) => a.level - b.level)) {
    for (const slug of program.requirements.scenarios.flatMap((r) => r.pool)) {
      const tag = tags.get(slug) ?? { level: program.level, requiredFor: [] };
      const label = `Level ${program.level} certification`;
      if (!tag.requiredFor.includes(label)) tag.requiredFor.push(label);
      tags.set(slug, tag);
    }
  }
  return tags;
}

/** Lowest level first (scenarios no program asks for last), then by title. */
export function byLevel<T extends { slug: string; title: string }>(
  items: readonly T[],
  tags: ReadonlyMap<string, ScenarioTags>,
): T[] {
  const level = (slug: string) => tags.get(slug)?.level ?? Number.POSITIVE_INFINITY;
  return [...items].sort((a, b) => level(a.slug) - level(b.slug) || a.title.localeCompare(b.title));
}
