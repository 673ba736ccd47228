// Compiles a scenario into an XState v5 machine: one state per node, one guarded CHOOSE transition per
// choice and target. No timers, no invoked actors, so xstate/graph can traverse it. The guards and the
// action delegate to the engine's `step`, the single source of the rules.
import { assign, initialTransition, setup, transition, type SnapshotFrom } from "xstate";
import { initialState, step, type PlayState } from "./engine";
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
  | { ok: true; snapshot: ScenarioSnapshot }
  | { ok: false; position: number; snapshot: ScenarioSnapshot };

/** Replays recorded choices through the machine; stops at the first one the machine refuses. */
export function replayMachine(machine: ScenarioMachine, choiceIds: readonly string[]): MachineReplay {
  let [snapshot] = initialTransition(machine);
  for (let position = 0; position < choiceIds.length; position++) {
    const event: ChooseEvent = { type: "CHOOSE", choiceId: choiceIds[position]! };
    if (snapshot.status !== "active" || !snapshot.can(event)) return { ok: false, position, snapshot };
    [snapshot] = transition(machine, snapshot, event);
  }
  return { ok: true, snapshot };
}
