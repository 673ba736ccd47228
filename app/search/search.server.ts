// The site search: modules and role-plays by title, summary and key terms; officers by name or email, only within
// the units the person supervises (an admin: the agency). Every word searched for must appear; title hits first.
import { can, type SessionUser } from "../auth/roles";
import { containsIgnoringCase, prisma } from "../db/db.server";
import { publishedModules } from "../modules/catalog.server";
import { latestVersions, loadVersion } from "../scenarios/library.server";
import { supervisedUnitIds } from "../supervision/scope.server";
import { searchesOfficers } from "./scope";

export interface SearchHit {
  title: string;
  to: string;
  detail: string;
}

export interface SearchResults {
  modules: SearchHit[];
  rolePlays: SearchHit[];
  /** null: this person does not search officers */
  officers: SearchHit[] | null;
}

const OFFICER_LIMIT = 20;

function wordsOf(q: string): string[] {
  return q.toLocaleLowerCase("en-US").split(/\s+/).filter(Boolean);
}

/** 2 when every word is in the title, 1 when every word is somewhere in the text, 0 otherwise. */
function rank(words: string[], title: string, rest: string[]): number {
  const inTitle = title.toLocaleLowerCase("en-US");
  if (words.every((w) => inTitle.includes(w))) return 2;
  const all = [inTitle, ...rest.map((r) => r.toLocaleLowerCase("en-US"))].join("\n");
  return words.every((w) => all.includes(w)) ? 1 : 0;
}

function ranked<T>(items: T[], score: (item: T) => number, hit: (item: T) => SearchHit): SearchHit[] {
  return items
    .map((item) => ({ item, score: score(item) }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score)
    .map((x) => hit(x.item));
}

async function searchModules(words: string[]): Promise<SearchHit[]> {
  const modules = await publishedModules();
  return ranked(
    modules,
    (m) =>
      rank(words, m.compiled.frontmatter.title, [
        m.compiled.frontmatter.summary,
        ...m.compiled.keyTerms,
        ...m.compiled.frontmatter.objectives,
      ]),
    (m) => ({ title: m.compiled.frontmatter.title, to: `/modules/${m.slug}`, detail: m.compiled.frontmatter.summary }),
  );
}

async function searchRolePlays(words: string[]): Promise<SearchHit[]> {
  const scenarios = [];
  for (const v of await latestVersions()) {
    const loaded = await loadVersion(v.id);
    if (loaded) scenarios.push({ slug: v.scenarioSlug, scenario: loaded.compiled.scenario });
  }
  return ranked(
    scenarios,
    ({ scenario }) => rank(words, scenario.title, [scenario.summary, ...scenario.participants.map((p) => p.name)]),
    ({ slug, scenario }) => ({ title: scenario.title, to: `/scenarios/${slug}`, detail: scenario.summary }),
  );
}

async function searchOfficers(user: SessionUser, words: string[]): Promise<SearchHit[]> {
  const units = await supervisedUnitIds(user);
  if (!units.length) return [];
  const officers = await prisma.user.findMany({
    where: {
      agencyId: user.agencyId,
      role: "officer",
      unitId: { in: units },
      AND: words.map((w) => ({ OR: [{ name: containsIgnoringCase(w) }, { email: containsIgnoringCase(w) }] })),
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: OFFICER_LIMIT,
    select: { id: true, name: true, email: true, unit: { select: { name: true } } },
  });
  return officers.map((o) => ({
    title: o.name,
    to: `/supervisor/officers/${o.id}`,
    detail: `${o.unit?.name ?? "No unit"} · ${o.email}`,
  }));
}

export async function search(user: SessionUser, q: string): Promise<SearchResults> {
  const words = wordsOf(q);
  if (!words.length) return { modules: [], rolePlays: [], officers: searchesOfficers(user.role) ? [] : null };
  const [modules, rolePlays, officers] = await Promise.all([
    can(user.role, "modules:read") ? searchModules(words) : [],
    can(user.role, "scenarios:play") ? searchRolePlays(words) : [],
    searchesOfficers(user.role) ? searchOfficers(user, words) : null,
  ]);
  return { modules, rolePlays, officers };
}
