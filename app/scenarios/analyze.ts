// Explores every reachable state of a scenario (node + all participant meters) to find what a drawing of the
// graph cannot show: conditions that never hold, endings no path reaches, traps, and the score range.
import { LIMITS } from "../content/limits";
import type { PathPart } from "../content/yaml-source";
import { holds } from "./conditions";
import { applyEffects, initialState } from "./engine";
import type { Competency, Meters } from "./format";
import type { Scenario } from "./scenario";

export const MAX_STATES = LIMITS.states;

export interface Problem {
  severity: "error" | "warning";
  path: PathPart[];
  message: string;
}

export interface ScoreRange {
  min: number;
  max: number;
}

export interface ScenarioAnalysis {
  stateCount: number;
  decisionNodes: number;
  endings: number;
  total: ScoreRange;
  byCompetency: Partial<Record<Competency, ScoreRange>>;
  /** the choices of the highest-scoring path that can pass (or of the highest-scoring path, if none can) */
  modelPath: { nodeId: string; choiceId: string }[];
  /** the choices of the lowest-scoring path */
  worstPath: { nodeId: string; choiceId: string }[];
  canPass: boolean;
  canFail: boolean;
  problems: Problem[];
}

/** One choice taken from one state. */
export interface Edge {
  to: number;
  nodeId: string;
  choiceId: string;
  /** points per competency, in the order of `scenario.competencies` */
  points: number[];
  critical: boolean;
}

/** Every reachable state (state 0 is the start) and the choices out of each, in the node's choice order. */
export interface StateGraph {
  stateNode: string[];
  /** the meters of the first play that reached the state (watched meters are the same for every such play) */
  stateMeters: Meters[];
  edges: Edge[][];
  /** per `node/choiceIndex/targetIndex`: how often the target's condition was evaluated and held */
  conditionStats: Map<string, { evaluated: number; held: number }>;
  /** true when exploration stopped at MAX_STATES: the graph is incomplete */
  overflow: boolean;
}

export function scorePercent(points: number, best: number): number {
  if (best <= 0) return 0;
  return Math.max(0, Math.min(100, Math.round((100 * points) / best)));
}

/**
 * A key that tells states apart only by what can change where play goes: the node, and the meters some
 * condition reads (scores never depend on meters). States that differ in other meters behave alike.
 */
export function stateKeyFor(scenario: Scenario): (nodeId: string, meters: Meters) => string {
  const watched = new Set<string>();
  for (const node of Object.values(scenario.nodes)) for (const choice of node.choices) for (const t of choice.targets) {
    for (const c of t.condition ?? []) watched.add(`${c.participant}.${c.meter}`);
  }
  const pairs = [...watched].sort().map((key) => key.split(".") as [string, string]);
  return (nodeId, meters) => nodeId + "|" + pairs.map(([p, m]) => meters[p]![m]).join(",");
}

/** @param graph the explored states, when the caller has them already (the strategy report shares them) */
export function analyzeScenario(scenario: Scenario, graph: StateGraph = exploreStates(scenario)): ScenarioAnalysis {
  const problems: Problem[] = [];
  const competencies = scenario.competencies;
  const nodeIds = Object.keys(scenario.nodes);
  const decisionNodes = nodeIds.filter((id) => !scenario.nodes[id]!.ending).length;
  const endingIds = nodeIds.filter((id) => scenario.nodes[id]!.ending);

  // 1. The drawing: nodes no arrow reaches.
  const drawn = new Set<string>([scenario.start]);
  const queue = [scenario.start];
  while (queue.length) {
    const node = scenario.nodes[queue.pop()!]!;
    for (const choice of node.choices) for (const t of choice.targets) {
      if (!drawn.has(t.goto)) { drawn.add(t.goto); queue.push(t.goto); }
    }
  }
  for (const id of nodeIds) {
    if (!drawn.has(id)) problems.push({ severity: "error", path: ["nodes", id], message: `node "${id}" is unreachable: no choice leads to it` });
  }

  // 2. The states: breadth-first over node + meters (exploreStates).
  if (graph.overflow) {
    problems.push({ severity: "error", path: ["meters"], message: `more than ${MAX_STATES} distinct states: too large to verify; use fewer meters or coarser effects` });
    return { stateCount: graph.stateNode.length, decisionNodes, endings: endingIds.length, total: { min: 0, max: 0 }, byCompetency: {}, modelPath: [], worstPath: [], canPass: false, canFail: false, problems };
  }
  const { stateNode, edges, conditionStats } = graph;
  const stateCount = stateNode.length;

  // 3. Conditions that never hold, or always hold and hide what follows.
  for (const id of nodeIds) {
    scenario.nodes[id]!.choices.forEach((choice, ci) => {
      choice.targets.forEach((target, ti) => {
        if (!target.condition) return;
        const stats = conditionStats.get(`${id}/${ci}/${ti}`);
        const at: PathPart[] = ["nodes", id, "choices", ci, "next", ti, "if"];
        if (stats && stats.held === 0) {
          problems.push({ severity: "error", path: at, message: `condition "${target.source}" never holds in any reachable state, so "${target.goto}" is never taken this way` });
        } else if (stats && stats.held === stats.evaluated && ti < choice.targets.length - 1) {
          problems.push({ severity: "warning", path: at, message: `condition "${target.source}" holds in every reachable state, so the targets after it are never used` });
        }
      });
    });
  }

  // 4. Nodes and endings that no play reaches.
  const played = new Set(stateNode);
  for (const id of nodeIds) {
    if (drawn.has(id) && !played.has(id)) {
      const what = scenario.nodes[id]!.ending ? "ending" : "node";
      problems.push({ severity: "error", path: ["nodes", id], message: `${what} "${id}" is never reached in play: every way to it is blocked by conditions` });
    }
  }

  // 5. Traps: states from which no ending can be reached.
  const trapped = new Set(trappedStates(scenario, graph).map((s) => stateNode[s]!));
  for (const id of trapped) {
    problems.push({ severity: "error", path: ["nodes", id], message: `loop with no way out: from node "${id}" play can never reach an ending` });
  }
  if (trapped.size) {
    return { stateCount, decisionNodes, endings: endingIds.length, total: { min: 0, max: 0 }, byCompetency: {}, modelPath: [], worstPath: [], canPass: false, canFail: false, problems };
  }

  // 6. Score ranges by dynamic programming over strongly connected components.
  const { component, maxBy, minBy, maxTotal, minTotal, bestPass, scoreLoops } = futureValues(scenario, graph);
  for (const loop of scoreLoops) {
    const ci = scenario.nodes[loop.nodeId]!.choices.findIndex((c) => c.id === loop.choiceId);
    problems.push({ severity: "error", path: ["nodes", loop.nodeId, "choices", ci], message: `choice "${loop.choiceId}" is part of a loop that can repeat with the same state and changes the score each time` });
  }
  const root = component[0]!;
  const total = { min: minTotal[root]!, max: maxTotal[root]! };
  const byCompetency: Partial<Record<Competency, ScoreRange>> = {};
  competencies.forEach((c, i) => { byCompetency[c] = { min: minBy[i]![root]!, max: maxBy[i]![root]! }; });
  if (total.max <= 0) problems.push({ severity: "error", path: ["nodes"], message: "no path earns any points: give good choices positive scores" });
  competencies.forEach((c) => {
    if ((byCompetency[c]?.max ?? 0) <= 0) problems.push({ severity: "warning", path: ["competencies"], message: `no path earns points in "${c}", so it cannot be assessed here` });
  });

  const canPass = Number.isFinite(bestPass[root]!) && scorePercent(bestPass[root]!, total.max) >= scenario.passMark;
  const reachesFailure = endingIds.some((id) => played.has(id) && !scenario.nodes[id]!.ending!.success);
  const reachesCritical = edges.some((out) => out.some((e) => e.critical));
  const canFail = reachesFailure || reachesCritical || scorePercent(total.min, total.max) < scenario.passMark;
  if (!canPass) problems.push({ severity: "error", path: ["passMark"], message: `no path passes: the best passing path scores ${Number.isFinite(bestPass[root]!) ? scorePercent(bestPass[root]!, total.max) : 0}% against a pass mark of ${scenario.passMark}%` });
  if (!canFail) problems.push({ severity: "error", path: ["passMark"], message: "no path fails: every way through passes, so the scenario cannot tell good facilitation from poor" });

  // 7. The model path: follow the best passing value (or the best total) from the start.
  const useValue = Number.isFinite(bestPass[root]!) ? bestPass : maxTotal;
  const modelPath = followBest(edges, component, useValue, scenario, stateNode, useValue === bestPass);
  const worstPath = followBest(edges, component, minTotal, scenario, stateNode, false);
  return { stateCount, decisionNodes, endings: endingIds.length, total, byCompetency, modelPath, worstPath, canPass, canFail, problems };
}

/** Breadth-first over node + watched meters, through the engine's own rules (`applyEffects`, `holds`). */
export function exploreStates(scenario: Scenario): StateGraph {
  const competencies = scenario.competencies;
  const keyOf = stateKeyFor(scenario);
  const stateNode: string[] = [];
  const stateMeters: Meters[] = [];
  const edges: Edge[][] = [];
  const index = new Map<string, number>();
  const conditionStats = new Map<string, { evaluated: number; held: number }>();
  const add = (nodeId: string, meters: Meters): number => {
    const key = keyOf(nodeId, meters);
    let i = index.get(key);
    if (i === undefined) {
      i = stateNode.length;
      index.set(key, i);
      stateNode.push(nodeId);
      stateMeters.push(meters);
      edges.push([]);
    }
    return i;
  };
  const start = initialState(scenario);
  add(start.nodeId, start.meters);
  for (let s = 0; s < stateNode.length; s++) {
    if (stateNode.length > MAX_STATES) return { stateNode, stateMeters, edges, conditionStats, overflow: true };
    const node = scenario.nodes[stateNode[s]!]!;
    node.choices.forEach((choice, ci) => {
      const meters = applyEffects(stateMeters[s]!, choice.effects);
      let taken = choice.targets.length - 1;
      for (let ti = 0; ti < choice.targets.length; ti++) {
        const target = choice.targets[ti]!;
        if (!target.condition) { taken = ti; break; }
        const key = `${node.id}/${ci}/${ti}`;
        const stats = conditionStats.get(key) ?? { evaluated: 0, held: 0 };
        stats.evaluated++;
        const ok = holds(target.condition, meters);
        if (ok) stats.held++;
        conditionStats.set(key, stats);
        if (ok) { taken = ti; break; }
      }
      const to = add(choice.targets[taken]!.goto, meters);
      edges[s]!.push({
        to,
        nodeId: node.id,
        choiceId: choice.id,
        points: competencies.map((c) => choice.scores[c] ?? 0),
        critical: choice.critical !== null,
      });
    });
  }
  return { stateNode, stateMeters, edges, conditionStats, overflow: false };
}

/** The states from which no ending can be reached. */
export function trappedStates(scenario: Scenario, graph: StateGraph): number[] {
  const { stateNode, edges } = graph;
  const stateCount = stateNode.length;
  const reverse: number[][] = Array.from({ length: stateCount }, () => []);
  edges.forEach((out, s) => out.forEach((e) => reverse[e.to]!.push(s)));
  const canEnd = new Uint8Array(stateCount);
  const back: number[] = [];
  for (let s = 0; s < stateCount; s++) if (scenario.nodes[stateNode[s]!]!.ending) { canEnd[s] = 1; back.push(s); }
  while (back.length) for (const p of reverse[back.pop()!]!) if (!canEnd[p]) { canEnd[p] = 1; back.push(p); }
  const trapped: number[] = [];
  for (let s = 0; s < stateCount; s++) if (!canEnd[s]) trapped.push(s);
  return trapped;
}

/** What the rest of play can still earn, per strongly connected component of the state graph. */
export interface FutureValues {
  /** the component of each state; states of one component can reach each other */
  component: Int32Array;
  /** components in reverse topological order (successors first) */
  order: number[];
  maxTotal: Float64Array;
  minTotal: Float64Array;
  /** the highest total of a way to a success ending with no critical error (-Infinity: none) */
  bestPass: Float64Array;
  maxBy: Float64Array[];
  minBy: Float64Array[];
  /** choices inside a loop that change the score (one per node): the values above ignore them */
  scoreLoops: { nodeId: string; choiceId: string }[];
}

export function futureValues(scenario: Scenario, graph: StateGraph): FutureValues {
  const { stateNode, edges } = graph;
  const { component, order } = stronglyConnected(edges);
  const C = scenario.competencies.length;
  const n = order.length;
  const maxBy = Array.from({ length: C }, () => new Float64Array(n));
  const minBy = Array.from({ length: C }, () => new Float64Array(n));
  const maxTotal = new Float64Array(n);
  const minTotal = new Float64Array(n);
  const bestPass = new Float64Array(n);
  const members: number[][] = Array.from({ length: n }, () => []);
  for (let s = 0; s < stateNode.length; s++) members[component[s]!]!.push(s);
  const scoreLoops: { nodeId: string; choiceId: string }[] = [];
  const loopReported = new Set<string>();
  for (const comp of order) {
    let first = true;
    let isEnding = false;
    bestPass[comp] = -Infinity;
    for (const s of members[comp]!) {
      const ending = scenario.nodes[stateNode[s]!]!.ending;
      if (ending) {
        isEnding = true;
        bestPass[comp] = ending.success ? 0 : -Infinity;
        continue;
      }
      for (const e of edges[s]!) {
        const total = e.points.reduce((a, b) => a + b, 0);
        const target = component[e.to]!;
        if (target === comp) {
          if (e.points.some((p) => p !== 0) && !loopReported.has(e.nodeId)) {
            loopReported.add(e.nodeId);
            scoreLoops.push({ nodeId: e.nodeId, choiceId: e.choiceId });
          }
          continue;
        }
        const hi = total + maxTotal[target]!;
        const lo = total + minTotal[target]!;
        maxTotal[comp] = first ? hi : Math.max(maxTotal[comp]!, hi);
        minTotal[comp] = first ? lo : Math.min(minTotal[comp]!, lo);
        for (let c = 0; c < C; c++) {
          const h = e.points[c]! + maxBy[c]![target]!;
          const l = e.points[c]! + minBy[c]![target]!;
          maxBy[c]![comp] = first ? h : Math.max(maxBy[c]![comp]!, h);
          minBy[c]![comp] = first ? l : Math.min(minBy[c]![comp]!, l);
        }
        if (!e.critical) bestPass[comp] = Math.max(bestPass[comp]!, total + bestPass[target]!);
        first = false;
      }
    }
    if (first && !isEnding) bestPass[comp] = -Infinity;
  }
  return { component, order, maxTotal, minTotal, bestPass, maxBy, minBy, scoreLoops };
}

/** Follows edges that keep the DP value (max or min) from the start to an ending. */
function followBest(
  edges: Edge[][], component: Int32Array, value: Float64Array,
  scenario: Scenario, stateNode: string[], passing: boolean,
): { nodeId: string; choiceId: string }[] {
  const path: { nodeId: string; choiceId: string }[] = [];
  let s = 0;
  for (let guard = 0; guard < 10_000 && !scenario.nodes[stateNode[s]!]!.ending; guard++) {
    const comp = component[s]!;
    const want = value[comp]!;
    const exit = (u: number) => edges[u]!.find((e) => component[e.to] !== comp && (!passing || !e.critical) &&
      e.points.reduce((a, b) => a + b, 0) + value[component[e.to]!]! === want);
    let e = exit(s);
    if (!e) {
      // Inside a zero-score loop: walk to a member that has the best exit.
      const previous = new Map<number, { from: number; edge: Edge }>();
      const queue = [s];
      let found = -1;
      while (queue.length && found < 0) {
        const u = queue.shift()!;
        for (const edge of edges[u]!) {
          if (component[edge.to] !== comp || edge.to === s || previous.has(edge.to)) continue;
          previous.set(edge.to, { from: u, edge });
          queue.push(edge.to);
          if (exit(edge.to)) { found = edge.to; break; }
        }
      }
      if (found < 0) break;
      const walk: Edge[] = [];
      for (let u = found; u !== s; u = previous.get(u)!.from) walk.unshift(previous.get(u)!.edge);
      for (const w of walk) path.push({ nodeId: w.nodeId, choiceId: w.choiceId });
      s = found;
      e = exit(s)!;
    }
    path.push({ nodeId: e.nodeId, choiceId: e.choiceId });
    s = e.to;
  }
  return path;
}

/** Tarjan's algorithm, iterative; components come out in reverse topological order (successors first). */
function stronglyConnected(edges: Edge[][]): { component: Int32Array; order: number[] } {
  const n = edges.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const component = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  const order: number[] = [];
  let counter = 0;
  let components = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const work: [number, number][] = [[root, 0]];
    while (work.length) {
      const frame = work[work.length - 1]!;
      const [v, i] = frame;
      if (i === 0) { index[v] = low[v] = counter++; stack.push(v); onStack[v] = 1; }
      if (i < edges[v]!.length) {
        frame[1]++;
        const w = edges[v]![i]!.to;
        if (index[w] === -1) work.push([w, 0]);
        else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      work.pop();
      if (work.length) { const parent = work[work.length - 1]![0]; low[parent] = Math.min(low[parent]!, low[v]!); }
      if (low[v] === index[v]) {
        let w: number;
        do { w = stack.pop()!; onStack[w] = 0; component[w] = components; } while (w !== v);
        order.push(components++);
      }
    }
  }
  return { component, order };
}
