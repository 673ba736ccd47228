// The rules of play, as pure functions: where an attempt stands and what one choice does to it.
// The XState machine, the server and the validator all go through `step`, so they cannot disagree.
import { holds } from "./conditions";
import type { Competency, Meters } from "./format";
import { metersOf, type Choice, type Scenario } from "./scenario";

export interface CriticalError {
  nodeId: string;
  choiceId: string;
  reason: string;
}

export interface PlayState {
  nodeId: string;
  meters: Meters;
  points: Partial<Record<Competency, number>>;
  criticalErrors: CriticalError[];
  /** the choices made so far, in order */
  path: { nodeId: string; choiceId: string }[];
}

export function initialState(scenario: Scenario): PlayState {
  const meters: Meters = {};
  for (const p of scenario.participants)
    meters[p.id] = Object.fromEntries(metersOf(scenario, p.id).map((m) => [m.id, p.initial[m.id] ?? 0]));
  return { nodeId: scenario.start, meters, points: {}, criticalErrors: [], path: [] };
}

export function applyEffects(meters: Meters, effects: Choice["effects"]): Meters {
  const next: Meters = { ...meters };
  for (const [pid, changes] of Object.entries(effects)) {
    const current = { ...next[pid] };
    for (const [meter, delta] of Object.entries(changes)) {
      current[meter] = Math.max(0, Math.min(100, (current[meter] ?? 0) + delta));
    }
    next[pid] = current;
  }
  return next;
}

/** The index of the target a choice leads to, given the meters after its effects. */
export function resolveTarget(choice: Choice, metersAfter: Meters): number {
  const index = choice.targets.findIndex((t) => t.condition === null || holds(t.condition, metersAfter));
  return index === -1 ? choice.targets.length - 1 : index;
}

export type StepResult =
  | { ok: true; state: PlayState; choice: Choice; targetIndex: number }
  | { ok: false; reason: "finished" | "unknown-choice" };

export function step(scenario: Scenario, state: PlayState, choiceId: string): StepResult {
  const node = scenario.nodes[state.nodeId];
  if (!node || node.ending) return { ok: false, reason: "finished" };
  const choice = node.choices.find((c) => c.id === choiceId);
  if (!choice) return { ok: false, reason: "unknown-choice" };
  const meters = applyEffects(state.meters, choice.effects);
  const targetIndex = resolveTarget(choice, meters);
  const points = { ...state.points };
  for (const [competency, delta] of Object.entries(choice.scores) as [Competency, number][]) {
    points[competency] = (points[competency] ?? 0) + delta;
  }
  const criticalErrors = choice.critical
    ? [...state.criticalErrors, { nodeId: node.id, choiceId: choice.id, reason: choice.critical }]
    : state.criticalErrors;
  return {
    ok: true,
    choice,
    targetIndex,
    state: {
      nodeId: choice.targets[targetIndex]!.goto,
      meters,
      points,
      criticalErrors,
      path: [...state.path, { nodeId: node.id, choiceId: choice.id }],
    },
  };
}

export type ReplayResult =
  | { ok: true; state: PlayState; before: PlayState[] }
  | { ok: false; position: number; reason: "finished" | "unknown-choice"; state: PlayState; before: PlayState[] };

/**
 * Rebuilds an attempt's state from its recorded choices: the one replay of the code base (the machine, the
 * server and the views start from it). `before` holds the state each accepted choice was made from; a refused
 * choice stops the replay at `position`, with `state` where play stood.
 */
export function replay(scenario: Scenario, choiceIds: readonly string[]): ReplayResult {
  let state = initialState(scenario);
  const before: PlayState[] = [];
  for (const [position, choiceId] of choiceIds.entries()) {
    const result = step(scenario, state, choiceId);
    if (!result.ok) return { ok: false, position, reason: result.reason, state, before };
    before.push(state);
    state = result.state;
  }
  return { ok: true, state, before };
}

export function isFinished(scenario: Scenario, state: PlayState): boolean {
  return scenario.nodes[state.nodeId]?.ending != null;
}
