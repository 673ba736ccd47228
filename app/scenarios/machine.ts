// Compiles a scenario into an XState v5 machine: one state per node, one guarded CHOOSE transition per
// choice and target. No timers, no invoked actors, so xstate/graph can traverse it. The guards and the
// action delegate to the engine's `step`, the single source of the rules.
import { assign, setup, type SnapshotFrom } from "xstate";
import { initialState, replay, step, type PlayState } from "./engine";
import type { Scenario } from "./scenario";

export type ChooseEvent = { type: "CHOOSE"; choiceId: string };

export function createScenarioMachine(scenario: Scenario) {
  const states: Record<string, object> = {};
  for (const node of Object.values(scenario.nodes)) {
    if (node.ending) {
      states[node.id] = { type: "final" };
      continue;
    }
    states[node.id] = {
      on: {
        CHOOSE: node.choices.flatMap((choice) =>
          choice.targets.map((target, index) => ({
            target: target.goto,
            reenter: true,
            guard: { type: "leadsTo", params: { choiceId: choice.id, index } },
            actions: { type: "choose", params: { choiceId: choice.id } },
          })),
        ),
      },
    };
  }
  return setup({
    types: { context: {} as PlayState, events: {} as ChooseEvent },
    guards: {
      leadsTo: ({ context, event }, params: { choiceId: string; index: number }) => {
        if (event.choiceId !== params.choiceId) return false;
        const result = step(scenario, context, params.choiceId);
        return result.ok && result.targetIndex === params.index;
      },
    },
    actions: {
      choose: assign(({ context }, params: { choiceId: string }) => {
        const result = step(scenario, context, params.choiceId);
        return result.ok ? result.state : context;
      }),
    },
  }).createMachine({
    id: scenario.slug,
    initial: scenario.start,
    context: initialState(scenario),
    // Built from data: XState's types cannot follow node ids known only at run time.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    states: states as any,
  });
}

export type ScenarioMachine = ReturnType<typeof createScenarioMachine>;
export type ScenarioSnapshot = SnapshotFrom<ScenarioMachine>;

export type MachineReplay =
  { ok: true; snapshot: ScenarioSnapshot } | { ok: false; position: number; snapshot: ScenarioSnapshot };

/**
 * The machine's snapshot after the recorded choices, from the engine's `replay` (the machine's guards and
 * actions are `step`, so both agree): stops at the first choice refused, with the snapshot where play stood.
 */
export function replayMachine(
  machine: ScenarioMachine,
  scenario: Scenario,
  choiceIds: readonly string[],
): MachineReplay {
  const replayed = replay(scenario, choiceIds);
  const snapshot = snapshotAt(machine, replayed.state);
  return replayed.ok ? { ok: true, snapshot } : { ok: false, position: replayed.position, snapshot };
}

/** The machine's snapshot for a play state; a final node gives a "done" snapshot. */
export function snapshotAt(machine: ScenarioMachine, state: PlayState): ScenarioSnapshot {
  return machine.resolveState({ value: state.nodeId, context: state });
}
