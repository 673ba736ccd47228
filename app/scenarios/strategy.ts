// The cue and strategy report: how far an officer gets by reading the surface of the choices (their length,
// their position, their immediate points) instead of judging the situation, and how much judgement the
// scenario asks for. Computed over the reachable state space the validator explores (analyze.ts), with the
// engine's own rules of play and scoring, so a figure here is what the player would do. Pure: no I/O.
import { seededRandom } from "../seeded-random";
import {
  exploreStates,
  futureValues,
  scorePercent,
  trappedStates,
  type FutureValues,
  type ScenarioAnalysis,
  type StateGraph,
} from "./analyze";
import { holds } from "./conditions";
import { initialState, isFinished, step } from "./engine";
import type { Choice, Scenario } from "./scenario";
import { resultOf } from "./scoring";

/** Bump when a definition below changes, so cached reports are computed again. */
export const STRATEGY_REPORT_VERSION = "1";

export const SURFACE_STRATEGIES = ["longest", "shortest", "first", "last", "greedy"] as const;
export type SurfaceStrategy = (typeof SURFACE_STRATEGIES)[number];
/** The strategies that read only the text: none of them may pass. */
export const TEXT_ONLY_STRATEGIES: readonly SurfaceStrategy[] = ["longest", "shortest", "first", "last"];

export const STRATEGY_LABELS: Record<SurfaceStrategy, string> = {
  longest: "always the longest option",
  shortest: "always the shortest option",
  first: "always the first option",
  last: "always the last option",
  greedy: "always the most immediate points",
};

export const STRATEGY_THRESHOLDS = {
  /** random play passes with at most this probability */
  maxRandomPass: 0.05,
  /** the best choice is the longest at no more than this share of decisions */
  maxBestIsLongest: 0.4,
  /** the best choice is on average no more than this many times the others' mean length */
  maxLengthRatio: 1.5,
  /** at least this share of decisions offers two defensible choices */
  minTwoDefensible: 1 / 3,
  /** a choice within this many points of the best is defensible */
  defensibleMargin: 1,
  minGreedyWrong: 2,
  minDelayedConsequences: 2,
  /** no more than this share of decisions leads to the same next node whatever is chosen */
  maxConverging: 0.4,
} as const;

/** Above this many cells (states × possible future totals) random play is sampled, not computed exactly. */
export const EXACT_RANDOM_CELL_LIMIT = 4_000_000;
export const MONTE_CARLO_SAMPLES = 20_000;
export const MONTE_CARLO_SEED = 12_345;

export interface StrategyOutcome {
  passed: boolean;
  /** overall score in percent, as the debrief would show it */
  score: number;
  /** null when the strategy goes round a loop for ever */
  endingId: string | null;
  criticalErrors: number;
  choices: number;
}

export interface StrategyReport {
  strategies: Record<SurfaceStrategy, StrategyOutcome>;
  random: { passProbability: number; method: "exact" | "monte-carlo"; samples?: number; seed?: number };
  /** reachable decision nodes: every share below is over these */
  decisions: number;
  bestIsLongest: { count: number; share: number; nodes: string[] };
  /** mean over decisions of (length of the best choice / mean length of the others) */
  meanLengthRatio: number;
  twoDefensible: { count: number; share: number };
  greedyWrong: { count: number; examples: { nodeId: string; greedy: string; better: string }[] };
  delayedConsequences: {
    count: number;
    items: { nodeId: string; choiceId: string; condition: string; goto: string }[];
  };
  converging: { count: number; share: number; nodes: string[] };
}

/**
 * The report, or null when the state space cannot support it (too many states, a loop with no way out, or a
 * loop that changes the score): the validator reports those as errors already.
 */
export function strategyReport(
  scenario: Scenario,
  range: Pick<ScenarioAnalysis, "total" | "byCompetency">,
  graph: StateGraph = exploreStates(scenario),
  options: { exactRandomCellLimit?: number } = {},
): StrategyReport | null {
  if (graph.overflow || trappedStates(scenario, graph).length) return null;
  const future = futureValues(scenario, graph);
  if (future.scoreLoops.length) return null;
  const strategies = {} as Record<SurfaceStrategy, StrategyOutcome>;
  for (const name of SURFACE_STRATEGIES) strategies[name] = playOut(scenario, range, PICKERS[name]);
  const statesAt = groupStatesByNode(graph);
  const decisionIds = Object.keys(scenario.nodes).filter((id) => !scenario.nodes[id]!.ending && statesAt.has(id));
  const decisions = decisionIds.length;
  const share = (count: number) => (decisions ? count / decisions : 0);
  const cues = textCues(scenario, decisionIds);
  const greedyWrong = greedyWrongDecisions(scenario, graph, future, decisionIds, statesAt);
  const converging = decisionIds.filter((id) => convergesEverywhere(graph, statesAt.get(id)!));
  const delayed = delayedConsequences(scenario, graph, decisionIds, statesAt);
  return {
    strategies,
    random: randomPlay(scenario, graph, future, range.total, options.exactRandomCellLimit ?? EXACT_RANDOM_CELL_LIMIT),
    decisions,
    bestIsLongest: {
      count: cues.bestIsLongest.length,
      share: share(cues.bestIsLongest.length),
      nodes: cues.bestIsLongest,
    },
    meanLengthRatio: decisions ? cues.ratioSum / decisions : 0,
    twoDefensible: { count: cues.twoDefensible, share: share(cues.twoDefensible) },
    greedyWrong: { count: greedyWrong.length, examples: greedyWrong },
    delayedConsequences: { count: delayed.length, items: delayed },
    converging: { count: converging.length, share: share(converging.length), nodes: converging },
  };
}

// --- Surface strategies played to the end, through the engine and the app's scoring -------------------------

type Picker = (choices: readonly Choice[]) => number;

export const choicePoints = (choice: Choice): number => Object.values(choice.scores).reduce((a, b) => a + (b ?? 0), 0);

/** The index of the first choice with the highest key. */
function firstBest(choices: readonly Choice[], key: (c: Choice) => number): number {
  let best = 0;
  choices.forEach((c, i) => {
    if (key(c) > key(choices[best]!)) best = i;
  });
  return best;
}

const PICKERS: Record<SurfaceStrategy, Picker> = {
  longest: (cs) => firstBest(cs, (c) => c.text.length),
  shortest: (cs) => firstBest(cs, (c) => -c.text.length),
  first: () => 0,
  last: (cs) => cs.length - 1,
  greedy: (cs) => firstBest(cs, choicePoints),
};

function playOut(
  scenario: Scenario,
  range: Pick<ScenarioAnalysis, "total" | "byCompetency">,
  pick: Picker,
): StrategyOutcome {
  let state = initialState(scenario);
  const seen = new Set<string>();
  while (!isFinished(scenario, state)) {
    // A fixed strategy that comes back to the same node with the same meters goes round for ever.
    const key = state.nodeId + JSON.stringify(state.meters);
    if (seen.has(key)) {
      return {
        passed: false,
        score: 0,
        endingId: null,
        criticalErrors: state.criticalErrors.length,
        choices: state.path.length,
      };
    }
    seen.add(key);
    const choices = scenario.nodes[state.nodeId]!.choices;
    const result = step(scenario, state, choices[pick(choices)]!.id);
    if (!result.ok) break;
    state = result.state;
  }
  const result = resultOf(scenario, range, state)!;
  return {
    passed: result.passed,
    score: result.score,
    endingId: result.endingId,
    criticalErrors: result.criticalErrors.length,
    choices: state.path.length,
  };
}

// --- Uniform random play ---------------------------------------------------------------------------------

/** The fewest points that reach the pass mark (Infinity if none does). */
export function passPoints(passMark: number, total: { min: number; max: number }): number {
  for (let p = Math.ceil(total.min); p <= total.max; p++) if (scorePercent(p, total.max) >= passMark) return p;
  return Infinity;
}

function randomPlay(
  scenario: Scenario,
  graph: StateGraph,
  future: FutureValues,
  total: { min: number; max: number },
  cellLimit: number,
): StrategyReport["random"] {
  const needed = passPoints(scenario.passMark, total);
  let cells = 0;
  for (let s = 0; s < graph.stateNode.length; s++) {
    const c = future.component[s]!;
    cells += future.maxTotal[c]! - future.minTotal[c]! + 1;
  }
  if (cells > cellLimit) {
    return {
      passProbability: sampleRandomPlay(scenario, graph, needed),
      method: "monte-carlo",
      samples: MONTE_CARLO_SAMPLES,
      seed: MONTE_CARLO_SEED,
    };
  }
  return { passProbability: exactRandomPlay(scenario, graph, future, needed), method: "exact" };
}

/**
 * Exact: per state, the distribution of the points the rest of a uniformly random play earns on the ways that
 * reach a success ending with no critical error (a critical choice contributes nothing). The state that matters
 * is node + watched meters + points so far + a critical flag; points so far only shift the distribution, and
 * the critical flag is dropping the mass. Components of the state graph are solved successors first; inside a
 * loop (which earns no points, or the validator refuses the scenario) by iterating to a fixed point.
 */
function exactRandomPlay(scenario: Scenario, graph: StateGraph, future: FutureValues, needed: number): number {
  const { stateNode, edges } = graph;
  const { component, minTotal, maxTotal } = future;
  const low = (s: number) => minTotal[component[s]!]!;
  const dist: Float64Array[] = stateNode.map((_, s) => new Float64Array(maxTotal[component[s]!]! - low(s) + 1));
  const members: number[][] = Array.from({ length: future.order.length }, () => []);
  for (let s = 0; s < stateNode.length; s++) members[component[s]!]!.push(s);
  const update = (s: number): number => {
    const ending = scenario.nodes[stateNode[s]!]!.ending;
    const next = new Float64Array(dist[s]!.length);
    if (ending) next[0] = ending.success ? 1 : 0;
    const out = edges[s]!;
    for (const e of out) {
      if (e.critical) continue;
      const from = dist[e.to]!;
      const offset = e.points.reduce((a, b) => a + b, 0) + low(e.to) - low(s);
      for (let k = 0; k < from.length; k++) next[offset + k]! += from[k]! / out.length;
    }
    let change = 0;
    for (let k = 0; k < next.length; k++) change = Math.max(change, Math.abs(next[k]! - dist[s]![k]!));
    dist[s] = next;
    return change;
  };
  for (const comp of future.order) {
    const inside = members[comp]!;
    const loops = inside.length > 1 || edges[inside[0]!]!.some((e) => e.to === inside[0]);
    if (!loops) {
      update(inside[0]!);
      continue;
    }
    for (let round = 0; round < 100_000; round++) {
      let change = 0;
      for (const s of inside) change = Math.max(change, update(s));
      if (change < 1e-15) break;
    }
  }
  let probability = 0;
  dist[0]!.forEach((p, k) => {
    if (low(0) + k >= needed) probability += p;
  });
  return Math.min(1, probability);
}

/** Monte Carlo with a fixed seed, for state spaces too large to solve exactly: the same answer every run. */
function sampleRandomPlay(scenario: Scenario, graph: StateGraph, needed: number): number {
  const random = seededRandom(MONTE_CARLO_SEED);
  let passes = 0;
  for (let i = 0; i < MONTE_CARLO_SAMPLES; i++) {
    let s = 0;
    let points = 0;
    let critical = false;
    for (let guard = 0; guard < 10_000 && graph.edges[s]!.length; guard++) {
      const out = graph.edges[s]!;
      const e = out[Math.floor(random() * out.length)]!;
      points += e.points.reduce((a, b) => a + b, 0);
      critical ||= e.critical;
      s = e.to;
    }
    const ending = scenario.nodes[graph.stateNode[s]!]!.ending;
    if (ending?.success && !critical && points >= needed) passes++;
  }
  return passes / MONTE_CARLO_SAMPLES;
}

// --- Cues in the text and the points of each decision -------------------------------------------------------

/**
 * Per decision node: the best choice is the first with the most immediate points. It "is the longest" when no
 * other choice's text is longer. A choice is defensible when it is not critical and earns points, or comes
 * within `defensibleMargin` points of the best.
 */
function textCues(scenario: Scenario, decisionIds: string[]) {
  const bestIsLongest: string[] = [];
  let ratioSum = 0;
  let twoDefensible = 0;
  for (const id of decisionIds) {
    const choices = scenario.nodes[id]!.choices;
    const best = PICKERS.greedy(choices);
    const lengths = choices.map((c) => c.text.length);
    if (lengths.every((l) => l <= lengths[best]!)) bestIsLongest.push(id);
    const others = lengths.filter((_, i) => i !== best);
    ratioSum += lengths[best]! / (others.reduce((a, b) => a + b, 0) / others.length);
    const top = choicePoints(choices[best]!);
    const defensible = choices.filter(
      (c) => !c.critical && (choicePoints(c) > 0 || choicePoints(c) >= top - STRATEGY_THRESHOLDS.defensibleMargin),
    );
    if (defensible.length >= 2) twoDefensible++;
  }
  return { bestIsLongest, ratioSum, twoDefensible };
}

function groupStatesByNode(graph: StateGraph): Map<string, number[]> {
  const at = new Map<string, number[]>();
  graph.stateNode.forEach((id, s) => {
    const list = at.get(id);
    if (list) list.push(s);
    else at.set(id, [s]);
  });
  return at;
}

/**
 * Greedy is wrong at a node when, in some reachable state of it, the choice with the most immediate points is
 * worth less than another once the best achievable rest of play is added (the best total of a way on to a
 * success ending with no critical error; a critical choice is worth nothing).
 */
function greedyWrongDecisions(
  scenario: Scenario,
  graph: StateGraph,
  future: FutureValues,
  decisionIds: string[],
  statesAt: Map<string, number[]>,
): StrategyReport["greedyWrong"]["examples"] {
  const found: StrategyReport["greedyWrong"]["examples"] = [];
  for (const id of decisionIds) {
    const choices = scenario.nodes[id]!.choices;
    const greedy = PICKERS.greedy(choices);
    for (const s of statesAt.get(id)!) {
      const worth = graph.edges[s]!.map((e) =>
        e.critical ? -Infinity : e.points.reduce((a, b) => a + b, 0) + future.bestPass[future.component[e.to]!]!,
      );
      const best = worth.indexOf(Math.max(...worth));
      if (Number.isFinite(worth[best]!) && worth[greedy]! < worth[best]!) {
        found.push({ nodeId: id, greedy: choices[greedy]!.id, better: choices[best]!.id });
        break;
      }
    }
  }
  return found;
}

/** A decision converges when, in every reachable state of it, every choice leads to the same next node. */
function convergesEverywhere(graph: StateGraph, states: number[]): boolean {
  return states.every((s) => new Set(graph.edges[s]!.map((e) => graph.stateNode[e.to])).size === 1);
}

const RECENT = 1; // last changed by the decision that led into this state
const OLD = 2; // last changed by an earlier decision
const NEVER = 4; // never changed since the start

/**
 * Delayed consequences. A guarded target (an `if:` of a choice at node N) is one when:
 *  1. it changes where play goes: its condition holds in some reachable state of N and fails in another, and
 *     the choice leads to at least two different next nodes across the reachable states of N; and
 *  2. the decision that matters was made earlier: in some reachable state of N where the condition is
 *     evaluated, it reads a meter that this choice leaves unchanged and that, on some path to that state, was
 *     last changed two or more decisions before this one (not by the decision just before it).
 * Counted once per node, condition and target node (the same `if:` copied onto every choice of a node is one
 * consequence).
 */
function delayedConsequences(
  scenario: Scenario,
  graph: StateGraph,
  decisionIds: string[],
  statesAt: Map<string, number[]>,
): StrategyReport["delayedConsequences"]["items"] {
  const watched = watchedMeters(scenario);
  const ages = meterAges(graph, watched);
  const column = new Map(watched.map(([p, m], i) => [`${p}.${m}`, i]));
  const items: StrategyReport["delayedConsequences"]["items"] = [];
  const counted = new Set<string>();
  for (const id of decisionIds) {
    const states = statesAt.get(id)!;
    scenario.nodes[id]!.choices.forEach((choice, ci) => {
      const destinations = new Set(states.map((s) => graph.stateNode[graph.edges[s]![ci]!.to]));
      if (destinations.size < 2) return;
      choice.targets.forEach((target, ti) => {
        if (!target.condition) return;
        const stats = graph.conditionStats.get(`${id}/${ci}/${ti}`);
        if (!stats || stats.held === 0 || stats.held === stats.evaluated) return;
        const delayed = states.some((s) => {
          const to = graph.edges[s]![ci]!.to;
          // Conditions read only watched meters, which the state after the choice holds exactly.
          const after = graph.stateMeters[to]!;
          if (!choice.targets.slice(0, ti).every((t) => t.condition && !holds(t.condition, after))) return false;
          return target.condition!.some(({ participant, meter }) => {
            const i = column.get(`${participant}.${meter}`)!;
            const unchangedNow = graph.stateMeters[s]![participant]![meter] === after[participant]![meter];
            return unchangedNow && (ages[s * watched.length + i]! & OLD) !== 0;
          });
        });
        const key = `${id}|${target.source}|${target.goto}`;
        if (delayed && !counted.has(key)) {
          counted.add(key);
          items.push({ nodeId: id, choiceId: choice.id, condition: target.source ?? "", goto: target.goto });
        }
      });
    });
  }
  return items;
}

function watchedMeters(scenario: Scenario): [string, string][] {
  const keys = new Set<string>();
  for (const node of Object.values(scenario.nodes))
    for (const choice of node.choices)
      for (const t of choice.targets) {
        for (const c of t.condition ?? []) keys.add(`${c.participant}.${c.meter}`);
      }
  return [...keys].sort().map((k) => k.split(".") as [string, string]);
}

/** Per state and watched meter, the set (RECENT | OLD | NEVER) of when it last changed, over every path there. */
function meterAges(graph: StateGraph, watched: [string, string][]): Uint8Array {
  const W = watched.length;
  const ages = new Uint8Array(graph.stateNode.length * W);
  for (let i = 0; i < W; i++) ages[i] = NEVER;
  const queue = [0];
  const queued = new Uint8Array(graph.stateNode.length);
  queued[0] = 1;
  while (queue.length) {
    const s = queue.pop()!;
    queued[s] = 0;
    for (const e of graph.edges[s]!) {
      let grew = false;
      watched.forEach(([p, m], i) => {
        const changed = graph.stateMeters[s]![p]![m] !== graph.stateMeters[e.to]![p]![m];
        const from = ages[s * W + i]!;
        const arriving = changed ? RECENT : (from & (RECENT | OLD) ? OLD : 0) | (from & NEVER);
        const before = ages[e.to * W + i]!;
        if ((before | arriving) !== before) {
          ages[e.to * W + i] = before | arriving;
          grew = true;
        }
      });
      if (grew && !queued[e.to]) {
        queued[e.to] = 1;
        queue.push(e.to);
      }
    }
  }
  return ages;
}

// --- Thresholds -------------------------------------------------------------------------------------------

export interface StrategyCheck {
  /** what is measured, e.g. "random play passes" */
  label: string;
  /** the figure measured, as shown */
  measured: string;
  /** the threshold, as shown */
  limit: string;
  ok: boolean;
  /** what is wrong, when not ok */
  message: string;
  /** where in the document: the slug, or the offending node */
  path: (string | number)[];
}

const percent = (x: number) => `${Math.round(100 * x)}%`;
const listed = (ids: readonly string[]) => (ids.length > 6 ? `${ids.slice(0, 6).join(", ")}…` : ids.join(", "));

/** Every threshold of the report, met or not, in the order the README lists them. */
export function strategyChecks(report: StrategyReport): StrategyCheck[] {
  const t = STRATEGY_THRESHOLDS;
  const at = ["slug"];
  const checks: StrategyCheck[] = TEXT_ONLY_STRATEGIES.map((name) => {
    const o = report.strategies[name];
    return {
      label: `${STRATEGY_LABELS[name]} fails`,
      measured: `${o.passed ? "passes" : "fails"} (${o.score}%)`,
      limit: "fails",
      ok: !o.passed,
      path: at,
      message: `choosing ${STRATEGY_LABELS[name]} passes (${o.score}%): the text gives the answers away`,
    };
  });
  const r = report;
  checks.push(
    {
      label: "random play passes",
      measured: percent(r.random.passProbability),
      limit: `≤ ${percent(t.maxRandomPass)}`,
      ok: r.random.passProbability <= t.maxRandomPass,
      path: at,
      message: `random play passes with probability ${(100 * r.random.passProbability).toFixed(1)}% (at most ${percent(t.maxRandomPass)})`,
    },
    {
      label: "best choice is the longest",
      measured: `${r.bestIsLongest.count}/${r.decisions} (${percent(r.bestIsLongest.share)})`,
      limit: `≤ ${percent(t.maxBestIsLongest)}`,
      ok: r.bestIsLongest.share <= t.maxBestIsLongest,
      path: at,
      message: `the best choice is the longest at ${r.bestIsLongest.count} of ${r.decisions} decisions (${percent(r.bestIsLongest.share)}; at most ${percent(t.maxBestIsLongest)}): ${listed(r.bestIsLongest.nodes)}`,
    },
    {
      label: "length of the best / the others",
      measured: `${r.meanLengthRatio.toFixed(2)}×`,
      limit: `≤ ${t.maxLengthRatio}×`,
      ok: r.meanLengthRatio <= t.maxLengthRatio,
      path: at,
      message: `the best choice is on average ${r.meanLengthRatio.toFixed(2)}× the length of the others (at most ${t.maxLengthRatio}×)`,
    },
    {
      label: "decisions with two defensible choices",
      measured: `${r.twoDefensible.count}/${r.decisions} (${percent(r.twoDefensible.share)})`,
      limit: "≥ 33%",
      ok: r.twoDefensible.share >= t.minTwoDefensible,
      path: at,
      message: `only ${r.twoDefensible.count} of ${r.decisions} decisions offer two defensible choices (${percent(r.twoDefensible.share)}; at least a third)`,
    },
    {
      label: "decisions where greedy is wrong",
      measured: String(r.greedyWrong.count),
      limit: `≥ ${t.minGreedyWrong}`,
      ok: r.greedyWrong.count >= t.minGreedyWrong,
      path: at,
      message: `${r.greedyWrong.count} decision(s) where the most immediate points are not on the best path (at least ${t.minGreedyWrong}): too little trades a short-term cost for a later gain`,
    },
    {
      label: "delayed consequences",
      measured: String(r.delayedConsequences.count),
      limit: `≥ ${t.minDelayedConsequences}`,
      ok: r.delayedConsequences.count >= t.minDelayedConsequences,
      path: at,
      message: `${r.delayedConsequences.count} delayed consequence(s) (at least ${t.minDelayedConsequences}): too few conditions turn on what was decided two or more decisions earlier`,
    },
    {
      label: "decisions that converge",
      measured: `${r.converging.count}/${r.decisions} (${percent(r.converging.share)})`,
      limit: `≤ ${percent(t.maxConverging)}`,
      ok: r.converging.share <= t.maxConverging,
      path: r.converging.nodes[0] ? ["nodes", r.converging.nodes[0]] : at,
      message: `${r.converging.count} of ${r.decisions} decisions lead to the same next node whatever is chosen (${percent(r.converging.share)}; at most ${percent(t.maxConverging)}): ${listed(r.converging.nodes)}`,
    },
  );
  return checks;
}

/** The report as lines of text, for the command line. */
export function describeStrategyReport(report: StrategyReport): string[] {
  const random =
    report.random.method === "exact"
      ? `${(100 * report.random.passProbability).toFixed(2)}% (exact)`
      : `${(100 * report.random.passProbability).toFixed(2)}% (Monte Carlo, ${report.random.samples} plays, seed ${report.random.seed})`;
  const outcome = (o: StrategyOutcome) =>
    `${o.passed ? "PASS" : "fail"} ${o.score}%${o.endingId ? "" : " (loops)"}${o.criticalErrors ? ", critical" : ""}`;
  return [
    `strategies: ${SURFACE_STRATEGIES.map((s) => `${s} ${outcome(report.strategies[s])}`).join("; ")}; random pass ${random}`,
    `cues over ${report.decisions} decisions: best is longest ${report.bestIsLongest.count} (${percent(report.bestIsLongest.share)}), ` +
      `length ratio ${report.meanLengthRatio.toFixed(2)}, two defensible ${report.twoDefensible.count} (${percent(report.twoDefensible.share)}), ` +
      `greedy wrong ${report.greedyWrong.count}, delayed consequences ${report.delayedConsequences.count}, ` +
      `converging ${report.converging.count} (${percent(report.converging.share)})`,
  ];
}
