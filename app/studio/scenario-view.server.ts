// One scenario in the studio: its versions, the map of the chosen version, and the node a trainer opened.
import { prisma } from "../db/db.server";
import { layoutScenario } from "../scenarios/graph";
import { ensureLibrary, loadVersion } from "../scenarios/library.server";

export async function studioScenario(slug: string, versionNumber: number | null, nodeId: string | null) {
  await ensureLibrary();
  const versions = await prisma.scenarioVersion.findMany({
    where: { scenarioSlug: slug },
    orderBy: { number: "desc" },
    select: { id: true, number: true, title: true, publishedAt: true, origin: true, authorId: true, reviewerId: true, hash: true },
  });
  if (!versions.length) return null;
  const chosen = versions.find((v) => v.number === versionNumber) ?? versions[0]!;
  const loaded = await loadVersion(chosen.id);
  if (!loaded) return null;
  const { scenario } = loaded.compiled;
  const node = nodeId ? scenario.nodes[nodeId] ?? null : null;
  const names = new Map(scenario.participants.map((p) => [p.id, p.name]));
  const people = new Map((await prisma.user.findMany({
    where: { id: { in: versions.flatMap((v) => [v.authorId, v.reviewerId]).filter((x): x is string => !!x) } },
    select: { id: true, name: true },
  })).map((u) => [u.id, u.name]));
  return {
    slug,
    title: scenario.title,
    version: { id: chosen.id, number: chosen.number, latest: chosen.id === versions[0]!.id },
    versions: versions.map((v) => ({ ...v, authorName: v.authorId ? people.get(v.authorId) ?? null : null, reviewerName: v.reviewerId ? people.get(v.reviewerId) ?? null : null })),
    map: layoutScenario(scenario),
    scores: { total: loaded.compiled.total, byCompetency: loaded.compiled.byCompetency, passMark: scenario.passMark },
    stats: { decisionNodes: loaded.compiled.decisionNodes, endings: loaded.compiled.endings, states: loaded.compiled.stateCount },
    node: node && {
      id: node.id,
      narration: node.narration,
      lines: node.lines.map((l) => ({ speaker: names.get(l.speaker) ?? l.speaker, text: l.text })),
      ending: node.ending,
      choices: node.choices.map((c) => ({
        id: c.id, text: c.text, feedback: c.feedback, critical: c.critical, scores: c.scores,
        effects: Object.entries(c.effects).flatMap(([pid, m]) => Object.entries(m).map(([meter, d]) => `${names.get(pid) ?? pid} ${meter} ${d > 0 ? "+" : ""}${d}`)),
        targets: c.targets.map((t) => ({ goto: t.goto, when: t.source })),
      })),
    },
  };
}
