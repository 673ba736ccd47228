// Explores every reachable state of a scenario (node + all participant meters) to find what a drawing of the
// graph cannot show: conditions that never hold, endings no path reaches, traps, and the score range.
import { LIMITS } from "../content/limits";
import type { PathPart } from "../content/yaml-source";
import { holds } from "./conditions";
import { applyEffects, initialState } from "./engine";
import type { Competency, Meters } from "./format";
import type { Choice, Scenario, ScenarioNodeData } from "./scenario";

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
  for (const node of Object.values(scenario.nodes))
    for (const choice of node.choices)
      for (const target of choice.targets) {
        for (const comparison of target.condition ?? []) watched.add(`${comparison.participant}.${comparison.meter}`);
      }
  const pairs = [...watched].sort().map((key) => key.split(".") as [string, string]);
  return (nodeId, meters) => nodeId + "|" + pairs.map(([participant, meter]) => meters[participant]?.[meter]).join(",");
}

/** @param graph the explored states, when the caller has them already (the strategy report shares them) */
export function analyzeScenario(scenario: Scenario, graph: StateGraph = exploreStates(scenario)): ScenarioAnalysis {
  const shape = nodeShape(scenario);
  const drawn = drawnNodes(scenario);
  const problems = unreachableInDrawing(scenario, drawn);
  if (graph.overflow) return unscored(graph, shape, [...problems, overflowProblem()]);

  const played = new Set(graph.stateNode);
  problems.push(...conditionProblems(scenario, graph.conditionStats));
  problems.push(...unplayedProblems(scenario, drawn, played));
  const traps = trapProblems(scenario, graph);
  problems.push(...traps);
  if (traps.length) return unscored(graph, shape, problems);

  const future = futureValues(scenario, graph);
  problems.push(...scoreLoopProblems(scenario, future.scoreLoops));
  const ranges = scoreRanges(scenario, future);
  problems.push(...ranges.problems);
  const verdict = passAndFail(scenario, graph, future, ranges.total, played);
  problems.push(...verdict.problems);
  const paths = modelAndWorstPaths(scenario, graph, future);
  return {
    stateCount: graph.stateNode.length,
    decisionNodes: shape.decisionNodes,
    endings: shape.endingIds.length,
    total: ranges.total,
    byCompetency: ranges.byCompetency,
    ...paths,
    canPass: verdict.canPass,
    canFail: verdict.canFail,
    problems,
  };
}

/** The entry at `index`, which the analyzer's own bookkeeping guarantees: a miss is a bug here, not bad content. */
function at<T>(list: ArrayLike<T>, index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`scenario analyzer: nothing at index ${index}`);
  return item;
}

/** A node the parser has already checked exists (every `goto` and the start name a declared node). */
function nodeOf(scenario: Scenario, nodeId: string): ScenarioNodeData {
  const node = scenario.nodes[nodeId];
  if (!node) throw new Error(`scenario analyzer: no node "${nodeId}"`);
  return node;
}

function sum(points: readonly number[]): number {
  return points.reduce((total, value) => total + value, 0);
}

interface NodeShape {
  decisionNodes: number;
  endingIds: string[];
}

function nodeShape(scenario: Scenario): NodeShape {
  const nodes = Object.values(scenario.nodes);
  return {
    decisionNodes: nodes.filter((node) => !node.ending).length,
    endingIds: nodes.filter((node) => node.ending).map((node) => node.id),
  };
}

/** The analysis of a scenario whose scores cannot be computed (too many states, or a trap). */
function unscored(graph: StateGraph, shape: NodeShape, problems: Problem[]): ScenarioAnalysis {
  return {
    stateCount: graph.stateNode.length,
    decisionNodes: shape.decisionNodes,
    endings: shape.endingIds.length,
    total: { min: 0, max: 0 },
    byCompetency: {},
    modelPath: [],
    worstPath: [],
    canPass: false,
    canFail: false,
    problems,
  };
}

/** Phase 1, the drawing: the nodes some arrow reaches from the start, conditions ignored. */
function drawnNodes(scenario: Scenario): Set<string> {
  const drawn = new Set<string>([scenario.start]);
  const queue = [scenario.start];
  for (let nodeId = queue.pop(); nodeId !== undefined; nodeId = queue.pop()) {
    for (const choice of nodeOf(scenario, nodeId).choices)
      for (const target of choice.targets) {
        if (!drawn.has(target.goto)) {
          drawn.add(target.goto);
          queue.push(target.goto);
        }
      }
  }
  return drawn;
}

function unreachableInDrawing(scenario: Scenario, drawn: Set<string>): Problem[] {
  return Object.keys(scenario.nodes)
    .filter((nodeId) => !drawn.has(nodeId))
    .map((nodeId) => ({
      severity: "error",
      path: ["nodes", nodeId],
      message: `node "${nodeId}" is unreachable: no choice leads to it`,
    }));
}

/** Phase 2, the states (exploreStates), can stop short: then nothing else can be verified. */
function overflowProblem(): Problem {
  return {
    severity: "error",
    path: ["meters"],
    message: `more than ${MAX_STATES} distinct states: too large to verify; use fewer meters or coarser effects`,
  };
}

/** Phase 3: conditions that never hold, or always hold and hide the targets after them. */
function conditionProblems(scenario: Scenario, conditionStats: StateGraph["conditionStats"]): Problem[] {
  const problems: Problem[] = [];
  for (const node of Object.values(scenario.nodes)) {
    node.choices.forEach((choice, choiceIndex) => {
      choice.targets.forEach((target, targetIndex) => {
        if (!target.condition) return;
        const stats = conditionStats.get(`${node.id}/${choiceIndex}/${targetIndex}`);
        const path: PathPart[] = ["nodes", node.id, "choices", choiceIndex, "next", targetIndex, "if"];
        if (stats && stats.held === 0) {
          problems.push({
            severity: "error",
            path,
            message: `condition "${target.source}" never holds in any reachable state, so "${target.goto}" is never taken this way`,
          });
        } else if (stats && stats.held === stats.evaluated && targetIndex < choice.targets.length - 1) {
          problems.push({
            severity: "warning",
            path,
            message: `condition "${target.source}" holds in every reachable state, so the targets after it are never used`,
          });
        }
      });
    });
  }
  return problems;
}

/** Phase 4: nodes and endings drawn but never reached in play (conditions block every way in). */
function unplayedProblems(scenario: Scenario, drawn: Set<string>, played: Set<string>): Problem[] {
  return Object.values(scenario.nodes)
    .filter((node) => drawn.has(node.id) && !played.has(node.id))
    .map((node) => ({
      severity: "error",
      path: ["nodes", node.id],
      message: `${node.ending ? "ending" : "node"} "${node.id}" is never reached in play: every way to it is blocked by conditions`,
    }));
}

/** Phase 5: traps, one problem per node with a state from which no ending can be reached. */
function trapProblems(scenario: Scenario, graph: StateGraph): Problem[] {
  const trappedNodes = new Set(trappedStates(scenario, graph).map((state) => at(graph.stateNode, state)));
  return [...trappedNodes].map((nodeId) => ({
    severity: "error",
    path: ["nodes", nodeId],
    message: `loop with no way out: from node "${nodeId}" play can never reach an ending`,
  }));
}

function scoreLoopProblems(scenario: Scenario, scoreLoops: FutureValues["scoreLoops"]): Problem[] {
  return scoreLoops.map((loop) => ({
    severity: "error",
    path: [
      "nodes",
      loop.nodeId,
      "choices",
      nodeOf(scenario, loop.nodeId).choices.findIndex((choice) => choice.id === loop.choiceId),
    ],
    message: `choice "${loop.choiceId}" is part of a loop that can repeat with the same state and changes the score each time`,
  }));
}

interface ScoreRanges {
  total: ScoreRange;
  byCompetency: Partial<Record<Competency, ScoreRange>>;
  problems: Problem[];
}

/** Phase 6: the score range from the start, overall and per competency (from futureValues). */
function scoreRanges(scenario: Scenario, future: FutureValues): ScoreRanges {
  const root = at(future.component, 0);
  const total = { min: at(future.minTotal, root), max: at(future.maxTotal, root) };
  const byCompetency: Partial<Record<Competency, ScoreRange>> = {};
  scenario.competencies.forEach((competency, index) => {
    byCompetency[competency] = { min: at(at(future.minBy, index), root), max: at(at(future.maxBy, index), root) };
  });
  const problems: Problem[] = [];
  if (total.max <= 0)
    problems.push({
      severity: "error",
      path: ["nodes"],
      message: "no path earns any points: give good choices positive scores",
    });
  for (const competency of scenario.competencies) {
    if ((byCompetency[competency]?.max ?? 0) <= 0) {
      problems.push({
        severity: "warning",
        path: ["competencies"],
        message: `no path earns points in "${competency}", so it cannot be assessed here`,
      });
    }
  }
  return { total, byCompetency, problems };
}

interface Verdict {
  canPass: boolean;
  canFail: boolean;
  problems: Problem[];
}

/** Phase 7: whether some play passes and some play fails; a scenario needs both to tell facilitators apart. */
function passAndFail(
  scenario: Scenario,
  graph: StateGraph,
  future: FutureValues,
  total: ScoreRange,
  played: Set<string>,
): Verdict {
  const bestPass = at(future.bestPass, at(future.component, 0));
  const bestPassPercent = Number.isFinite(bestPass) ? scorePercent(bestPass, total.max) : 0;
  const canPass = Number.isFinite(bestPass) && bestPassPercent >= scenario.passMark;
  const reachesFailure = Object.values(scenario.nodes).some(
    (node) => node.ending && !node.ending.success && played.has(node.id),
  );
  const reachesCritical = graph.edges.some((out) => out.some((edge) => edge.critical));
  const canFail = reachesFailure || reachesCritical || scorePercent(total.min, total.max) < scenario.passMark;
  const problems: Problem[] = [];
  if (!canPass)
    problems.push({
      severity: "error",
      path: ["passMark"],
      message: `no path passes: the best passing path scores ${bestPassPercent}% against a pass mark of ${scenario.passMark}%`,
    });
  if (!canFail)
    problems.push({
      severity: "error",
      path: ["passMark"],
      message: "no path fails: every way through passes, so the scenario cannot tell good facilitation from poor",
    });
  return { canPass, canFail, problems };
}

/** Phase 8: the model path follows the best passing value (or the best total, if none passes); the worst the least. */
function modelAndWorstPaths(
  scenario: Scenario,
  graph: StateGraph,
  future: FutureValues,
): Pick<ScenarioAnalysis, "modelPath" | "worstPath"> {
  const somePlayPasses = Number.isFinite(at(future.bestPass, at(future.component, 0)));
  return {
    modelPath: followBest(
      scenario,
      graph,
      future.component,
      somePlayPasses ? future.bestPass : future.maxTotal,
      somePlayPasses,
    ),
    worstPath: followBest(scenario, graph, future.component, future.minTotal, false),
  };
}

/** Breadth-first over node + watched meters, through the engine's own rules (`applyEffects`, `holds`). */
export function exploreStates(scenario: Scenario): StateGraph {
  const keyOf = stateKeyFor(scenario);
  const graph: StateGraph = { stateNode: [], stateMeters: [], edges: [], conditionStats: new Map(), overflow: false };
  const indexByKey = new Map<string, number>();
  const stateFor = (nodeId: string, meters: Meters): number => {
    const key = keyOf(nodeId, meters);
    const known = indexByKey.get(key);
    if (known !== undefined) return known;
    const added = graph.stateNode.length;
    indexByKey.set(key, added);
    graph.stateNode.push(nodeId);
    graph.stateMeters.push(meters);
    graph.edges.push([]);
    return added;
  };
  const start = initialState(scenario);
  stateFor(start.nodeId, start.meters);
  for (let state = 0; state < graph.stateNode.length; state++) {
    if (graph.stateNode.length > MAX_STATES) return { ...graph, overflow: true };
    const node = nodeOf(scenario, at(graph.stateNode, state));
    const out = at(graph.edges, state);
    node.choices.forEach((choice, choiceIndex) => {
      const meters = applyEffects(at(graph.stateMeters, state), choice.effects);
      const taken = takenTarget(node.id, choice, choiceIndex, meters, graph.conditionStats);
      out.push({
        to: stateFor(at(choice.targets, taken).goto, meters),
        nodeId: node.id,
        choiceId: choice.id,
        points: scenario.competencies.map((competency) => choice.scores[competency] ?? 0),
        critical: choice.critical !== null,
      });
    });
  }
  return graph;
}

/** The engine's `resolveTarget`, counting how often each condition is evaluated and holds on the way. */
function takenTarget(
  nodeId: string,
  choice: Choice,
  choiceIndex: number,
  meters: Meters,
  conditionStats: StateGraph["conditionStats"],
): number {
  for (let targetIndex = 0; targetIndex < choice.targets.length; targetIndex++) {
    const condition = at(choice.targets, targetIndex).condition;
    if (!condition) return targetIndex;
    const key = `${nodeId}/${choiceIndex}/${targetIndex}`;
    const stats = conditionStats.get(key) ?? { evaluated: 0, held: 0 };
    stats.evaluated++;
    const held = holds(condition, meters);
    if (held) stats.held++;
    conditionStats.set(key, stats);
    if (held) return targetIndex;
  }
  return choice.targets.length - 1;
}

/** The states from which no ending can be reached. */
export function trappedStates(scenario: Scenario, graph: StateGraph): number[] {
  const { stateNode, edges } = graph;
  const stateCount = stateNode.length;
  const predecessors: number[][] = Array.from({ length: stateCount }, () => []);
  edges.forEach((out, state) => out.forEach((edge) => at(predecessors, edge.to).push(state)));
  const canEnd = new Uint8Array(stateCount);
  const toVisit: number[] = [];
  stateNode.forEach((nodeId, state) => {
    if (nodeOf(scenario, nodeId).ending) {
      canEnd[state] = 1;
      toVisit.push(state);
    }
  });
  for (let state = toVisit.pop(); state !== undefined; state = toVisit.pop()) {
    for (const predecessor of at(predecessors, state)) {
      if (!canEnd[predecessor]) {
        canEnd[predecessor] = 1;
        toVisit.push(predecessor);
      }
    }
  }
  const trapped: number[] = [];
  for (let state = 0; state < stateCount; state++) if (!canEnd[state]) trapped.push(state);
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

/** Dynamic programming over the components, successors first, so each exit's target is already valued. */
export function futureValues(scenario: Scenario, graph: StateGraph): FutureValues {
  const { component, order } = stronglyConnected(graph.edges);
  const componentCount = order.length;
  const competencyCount = scenario.competencies.length;
  const values: FutureValues = {
    component,
    order,
    maxTotal: new Float64Array(componentCount),
    minTotal: new Float64Array(componentCount),
    bestPass: new Float64Array(componentCount),
    maxBy: Array.from({ length: competencyCount }, () => new Float64Array(componentCount)),
    minBy: Array.from({ length: competencyCount }, () => new Float64Array(componentCount)),
    scoreLoops: [],
  };
  const members: number[][] = Array.from({ length: componentCount }, () => []);
  graph.stateNode.forEach((_, state) => at(members, at(component, state)).push(state));
  const loopReported = new Set<string>();
  for (const current of order) {
    let valued = false;
    let isEnding = false;
    values.bestPass[current] = -Infinity;
    for (const state of at(members, current)) {
      const ending = nodeOf(scenario, at(graph.stateNode, state)).ending;
      if (ending) {
        isEnding = true;
        values.bestPass[current] = ending.success ? 0 : -Infinity;
        continue;
      }
      for (const edge of at(graph.edges, state)) {
        const target = at(component, edge.to);
        if (target === current) {
          if (edge.points.some((points) => points !== 0) && !loopReported.has(edge.nodeId)) {
            loopReported.add(edge.nodeId);
            values.scoreLoops.push({ nodeId: edge.nodeId, choiceId: edge.choiceId });
          }
          continue;
        }
        valueExit(values, current, target, edge, !valued);
        valued = true;
      }
    }
    if (!valued && !isEnding) values.bestPass[current] = -Infinity;
  }
  return values;
}

/** Folds one edge out of component `current` into its values; the first exit sets them, later ones widen them. */
function valueExit(values: FutureValues, current: number, target: number, edge: Edge, first: boolean): void {
  const total = sum(edge.points);
  const high = total + at(values.maxTotal, target);
  const low = total + at(values.minTotal, target);
  values.maxTotal[current] = first ? high : Math.max(at(values.maxTotal, current), high);
  values.minTotal[current] = first ? low : Math.min(at(values.minTotal, current), low);
  edge.points.forEach((points, index) => {
    const maxBy = at(values.maxBy, index);
    const minBy = at(values.minBy, index);
    const competencyHigh = points + at(maxBy, target);
    const competencyLow = points + at(minBy, target);
    maxBy[current] = first ? competencyHigh : Math.max(at(maxBy, current), competencyHigh);
    minBy[current] = first ? competencyLow : Math.min(at(minBy, current), competencyLow);
  });
  if (!edge.critical)
    values.bestPass[current] = Math.max(at(values.bestPass, current), total + at(values.bestPass, target));
}

/** Follows edges that keep the DP value (max or min) from the start to an ending. */
function followBest(
  scenario: Scenario,
  graph: StateGraph,
  component: Int32Array,
  value: Float64Array,
  passing: boolean,
): { nodeId: string; choiceId: string }[] {
  const { edges, stateNode } = graph;
  const path: { nodeId: string; choiceId: string }[] = [];
  const bestExit = (state: number): Edge | undefined => {
    const current = at(component, state);
    const want = at(value, current);
    return at(edges, state).find((edge) => {
      const target = at(component, edge.to);
      return target !== current && (!passing || !edge.critical) && sum(edge.points) + at(value, target) === want;
    });
  };
  let state = 0;
  for (let guard = 0; guard < 10_000 && !nodeOf(scenario, at(stateNode, state)).ending; guard++) {
    let exit = bestExit(state);
    if (!exit) {
      const detour = walkToBestExit(edges, component, state, bestExit);
      if (!detour) break;
      for (const edge of detour.walk) path.push({ nodeId: edge.nodeId, choiceId: edge.choiceId });
      state = detour.state;
      exit = detour.exit;
    }
    path.push({ nodeId: exit.nodeId, choiceId: exit.choiceId });
    state = exit.to;
  }
  return path;
}

/** Inside a zero-score loop: the shortest walk within the component to a member that has the best exit. */
function walkToBestExit(
  edges: Edge[][],
  component: Int32Array,
  from: number,
  bestExit: (state: number) => Edge | undefined,
): { walk: Edge[]; state: number; exit: Edge } | null {
  const current = at(component, from);
  const previous = new Map<number, { from: number; edge: Edge }>();
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    for (const edge of at(edges, at(queue, head))) {
      if (at(component, edge.to) !== current || edge.to === from || previous.has(edge.to)) continue;
      previous.set(edge.to, { from: at(queue, head), edge });
      queue.push(edge.to);
      const exit = bestExit(edge.to);
      if (exit) return { walk: walkBack(previous, from, edge.to), state: edge.to, exit };
    }
  }
  return null;
}

function walkBack(previous: Map<number, { from: number; edge: Edge }>, from: number, to: number): Edge[] {
  const walk: Edge[] = [];
  for (let state = to; state !== from;) {
    const step = previous.get(state);
    if (!step) throw new Error(`scenario analyzer: no way back to state ${from}`);
    walk.unshift(step.edge);
    state = step.from;
  }
  return walk;
}

/** Tarjan's algorithm, iterative; components come out in reverse topological order (successors first). */
function stronglyConnected(edges: Edge[][]): { component: Int32Array; order: number[] } {
  const stateCount = edges.length;
  const visitIndex = new Int32Array(stateCount).fill(-1);
  const lowLink = new Int32Array(stateCount);
  const onStack = new Uint8Array(stateCount);
  const component = new Int32Array(stateCount).fill(-1);
  const stack: number[] = [];
  const order: number[] = [];
  let visited = 0;
  for (let root = 0; root < stateCount; root++) {
    if (at(visitIndex, root) !== -1) continue;
    const work: [state: number, nextEdge: number][] = [[root, 0]];
    for (let frame = work.at(-1); frame !== undefined; frame = work.at(-1)) {
      const [state, nextEdge] = frame;
      if (nextEdge === 0) {
        visitIndex[state] = lowLink[state] = visited++;
        stack.push(state);
        onStack[state] = 1;
      }
      const out = at(edges, state);
      if (nextEdge < out.length) {
        frame[1]++;
        const successor = at(out, nextEdge).to;
        if (at(visitIndex, successor) === -1) work.push([successor, 0]);
        else if (onStack[successor]) lowLink[state] = Math.min(at(lowLink, state), at(visitIndex, successor));
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent) lowLink[parent[0]] = Math.min(at(lowLink, parent[0]), at(lowLink, state));
      if (at(lowLink, state) === at(visitIndex, state)) {
        const id = order.length;
        for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
          onStack[member] = 0;
          component[member] = id;
          if (member === state) break;
        }
        order.push(id);
      }
    }
  }
  return { component, order };
}
