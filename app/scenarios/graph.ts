// Lays a scenario out as a map: columns by distance from the start, one box per node, one arrow per
// choice and target. Pure, so the studio can draw drafts as trainers type.
import type { Scenario } from "./scenario";

/** What the layout reads: a parsed scenario, or the studio's outline of a draft that does not validate yet. */
export interface MapSource {
  start: string;
  nodes: Record<
    string,
    Pick<Scenario["nodes"][string], "id" | "title" | "narration"> & {
      choices: { id: string; critical: string | null; targets: { goto: string; source: string | null }[] }[];
      ending: { success: boolean } | null;
    }
  >;
}

export interface MapNode {
  id: string;
  x: number;
  y: number;
  kind: "start" | "decision" | "ending";
  success: boolean | null;
  unreachable: boolean;
  label: string;
}

export interface MapEdge {
  id: string;
  from: string;
  to: string;
  choiceId: string;
  critical: boolean;
  conditional: string | null;
}

export interface ScenarioMap {
  nodes: MapNode[];
  edges: MapEdge[];
  width: number;
  height: number;
}

export const NODE_W = 170;
export const NODE_H = 44;
const COL = 230;
const ROW = 64;

/** A node's name on the map: its title, or the first words of its narration (ids are for machines). */
export function mapLabel(node: { id: string; title?: string | null; narration: string }): string {
  if (node.title) return node.title;
  const words = node.narration.split(/\s+/).filter(Boolean);
  let label = "";
  for (const word of words) {
    if (label && label.length + word.length + 1 > 28) return `${label}…`;
    label = label ? `${label} ${word}` : word;
  }
  return label || node.id;
}

export function layoutScenario(scenario: MapSource): ScenarioMap {
  const depth = new Map<string, number>(scenario.nodes[scenario.start] ? [[scenario.start, 0]] : []);
  const queue = [...depth.keys()];
  while (queue.length) {
    const id = queue.shift()!;
    for (const choice of scenario.nodes[id]!.choices)
      for (const t of choice.targets) {
        // A draft may name a node that does not exist (yet): the validator reports it, the map leaves it out.
        if (!depth.has(t.goto) && scenario.nodes[t.goto]) {
          depth.set(t.goto, depth.get(id)! + 1);
          queue.push(t.goto);
        }
      }
  }
  const maxDepth = Math.max(0, ...depth.values());
  const columns: string[][] = [];
  for (const id of Object.keys(scenario.nodes)) {
    const d = depth.get(id) ?? maxDepth + 1;
    (columns[d] ??= []).push(id);
  }
  const nodes: MapNode[] = [];
  columns.forEach((ids, col) => {
    ids.forEach((id, row) => {
      const node = scenario.nodes[id]!;
      nodes.push({
        id,
        x: 20 + col * COL,
        y: 20 + row * ROW,
        kind: id === scenario.start ? "start" : node.ending ? "ending" : "decision",
        success: node.ending ? node.ending.success : null,
        unreachable: !depth.has(id),
        label: mapLabel(node),
      });
    });
  });
  const edges: MapEdge[] = [];
  for (const node of Object.values(scenario.nodes)) {
    for (const choice of node.choices) {
      choice.targets.forEach((t, i) => {
        edges.push({
          id: `${node.id}/${choice.id}/${i}`,
          from: node.id,
          to: t.goto,
          choiceId: choice.id,
          critical: choice.critical !== null,
          conditional: t.source,
        });
      });
    }
  }
  const width = 40 + (Math.max(1, columns.length) - 1) * COL + NODE_W;
  const height = 40 + Math.max(1, ...columns.map((c) => c?.length ?? 0)) * ROW;
  return { nodes, edges, width, height };
}
