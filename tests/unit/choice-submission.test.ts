// The player's choice-sending machine: one choice per step, double clicks and clicks while sending refused.
import { describe, expect, it } from "vitest";
import { createActor } from "xstate";
import { choiceSubmissionMachine } from "../../app/scenarios/choice-submission";

function started(position = 0) {
  const actor = createActor(choiceSubmissionMachine, { input: { position } });
  actor.start();
  return actor;
}

describe("choice submission", () => {
  it("sends one choice and refuses another until the server's next step is shown", () => {
    const actor = started(3);
    expect(actor.getSnapshot().can({ type: "CHOOSE", clickCount: 1 })).toBe(true);
    actor.send({ type: "CHOOSE", clickCount: 1 });
    expect(actor.getSnapshot().value).toBe("sending");
    expect(actor.getSnapshot().can({ type: "CHOOSE", clickCount: 1 })).toBe(false);
    actor.send({ type: "STEP_SHOWN", position: 3 });
    expect(actor.getSnapshot().value).toBe("sending");
    actor.send({ type: "STEP_SHOWN", position: 4 });
    expect(actor.getSnapshot().value).toBe("ready");
    expect(actor.getSnapshot().context.position).toBe(4);
  });

  it("refuses the second click of a double click", () => {
    expect(started().getSnapshot().can({ type: "CHOOSE", clickCount: 2 })).toBe(false);
  });

  it("is ready again when the server answered on the same step (a refusal)", () => {
    const actor = started(1);
    actor.send({ type: "CHOOSE", clickCount: 1 });
    actor.send({ type: "NAVIGATION_IDLE" });
    expect(actor.getSnapshot().value).toBe("ready");
  });
});
