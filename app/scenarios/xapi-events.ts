// What a role-play choice tells the LRS: the options offered at the decision, the one taken, and what it did to
// the meters and competency points. Pure, from the compiled scenario.
import type { XapiEvent } from "../xapi/statements";
import type { Scenario } from "./scenario";

export function choiceStatement(
  scenarioSlug: string,
  attemptId: string,
  scenario: Scenario,
  nodeId: string,
  choiceId: string,
): XapiEvent {
  const choices = scenario.nodes[nodeId]?.choices ?? [];
  const taken = choices.find((choice) => choice.id === choiceId);
  return {
    kind: "choice",
    scenarioSlug,
    attemptId,
    nodeId,
    options: choices.map((choice) => ({ id: choice.id, text: choice.text })),
    choiceId,
    meterChanges: taken?.effects ?? {},
    competencyPoints: (taken?.scores ?? {}) as Record<string, number>,
  };
}
