// One scenario in the studio: its versions, the map of the chosen version, and the node a trainer opened.
import { strategySeverity } from "../content/strategy-policy";
import { prisma } from "../db/db.server";
import { scenarioStrategyCached } from "../scenarios/compiled.server";
import { layoutScenario } from "../scenarios/graph";
import { ensureLibrary, loadVersion } from "../scenarios/library.server";
import { meterCaption, metersOf } from "../scenarios/scenario";
import { namesOf } from "../users/names.server";
import { communityReviewsOfVersion } from "./community-review.server";
import { hunksBetween } from "./diff";
import { strategySummary } from "./strategy-view";

export async function studioScenario(slug: string, versionNumber: number | null, nodeId: string | null) {
  await ensureLibrary();
  const versions = await prisma.scenarioVersion.findMany({
    where: { scenarioSlug: slug },
    orderBy: { number: "desc" },
    select: {
      id: true,
      number: true,
      title: true,
      publishedAt: true,
      origin: true,
      authorId: true,
      reviewerId: true,
      hash: true,
    },
  });
  if (!versions.length) return null;
  const chosen = versions.find((v) => v.number === versionNumber) ?? versions[0]!;
  const [loaded, row] = await Promise.all([
    loadVersion(chosen.id),
    prisma.scenarioVersion.findUnique({ where: { id: chosen.id }, select: { source: true } }),
  ]);
  if (!loaded || !row) return null;
  const strategy = scenarioStrategyCached("<version>", row.source);
  const { scenario } = loaded.compiled;
  const node = nodeId ? (scenario.nodes[nodeId] ?? null) : null;
  const names = new Map(scenario.participants.map((p) => [p.id, p.name]));
  const people = await namesOf(versions.flatMap((v) => [v.authorId, v.reviewerId]));
  return {
    slug,
    title: scenario.title,
    version: { id: chosen.id, number: chosen.number, latest: chosen.id === versions[0]!.id },
    versions: versions.map((v) => ({
      ...v,
      authorName: v.authorId ? (people.get(v.authorId) ?? null) : null,
      reviewerName: v.reviewerId ? (people.get(v.reviewerId) ?? null) : null,
    })),
    map: layoutScenario(scenario),
    scores: { total: loaded.compiled.total, byCompetency: loaded.compiled.byCompetency, passMark: scenario.passMark },
    stats: {
      decisionNodes: loaded.compiled.decisionNodes,
      endings: loaded.compiled.endings,
      states: loaded.compiled.stateCount,
    },
    // Versions from the content folder answer to the library's rule; studio versions were drafts (warnings).
    strategy: strategy && { summary: strategySummary(strategy), severity: strategySeverity(true) },
    node: node && {
      id: node.id,
      narration: node.narration,
      lines: node.lines.map((l) => ({ speaker: names.get(l.speaker) ?? l.speaker, text: l.text })),
      ending: node.ending,
      choices: node.choices.map((c) => ({
        id: c.id,
        text: c.text,
        feedback: c.feedback,
        critical: c.critical,
        scores: c.scores,
        // Named as the editor names them: "Maria: sense of safety +10".
        effects: Object.entries(c.effects).flatMap(([pid, m]) =>
          Object.entries(m).map(([meter, d]) => {
            const label = metersOf(scenario, pid).find((x) => x.id === meter)?.label ?? meter;
            return `${meterCaption(names.get(pid) ?? pid, label)} ${d > 0 ? "+" : ""}${d}`;
          }),
        ),
        targets: c.targets.map((t) => ({ goto: t.goto, when: t.source })),
      })),
    },
  };
}

/** A version's source, or its line diff against another version of the same scenario. */
export async function versionSource(slug: string, number: number, compare: number | null) {
  const find = (n: number) =>
    Number.isInteger(n) && n > 0
      ? prisma.scenarioVersion.findUnique({
          where: { scenarioSlug_number: { scenarioSlug: slug, number: n } },
          select: { id: true, number: true, source: true, title: true },
        })
      : null;
  const [version, other] = await Promise.all([find(number), compare === null ? null : find(compare)]);
  if (!version) return null;
  return {
    slug,
    number: version.number,
    title: version.title,
    // Compared, only the changed hunks; otherwise the whole source.
    lines: other
      ? []
      : version.source.split("\n").map((text, i) => ({ kind: "same" as const, text, oldLine: i + 1, newLine: i + 1 })),
    hunks: other ? hunksBetween(other.source, version.source) : null,
    comparedWith: other?.number ?? null,
    communityReviews: await communityReviewsOfVersion(version.id),
  };
}
