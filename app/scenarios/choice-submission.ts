// The browser's side of sending a choice, as a state machine: ready until a choice is sent, then sending until the
// server's next step is shown. A click while sending, or the second click of a double click (which may land on
// the next step's buttons), is refused by the machine rather than by scattered flags. Pure: used by the player
// through @xstate/react; the server keeps its own record and never depends on this.
import { assign, setup } from "xstate";

export const choiceSubmissionMachine = setup({
  types: {
    context: {} as { position: number },
    input: {} as { position: number },
    events: {} as
      { type: "CHOOSE"; clickCount: number } | { type: "STEP_SHOWN"; position: number } | { type: "NAVIGATION_IDLE" },
  },
  guards: {
    singleClick: ({ event }) => event.type === "CHOOSE" && event.clickCount <= 1,
    newStep: ({ context, event }) => event.type === "STEP_SHOWN" && event.position !== context.position,
  },
}).createMachine({
  id: "choiceSubmission",
  context: ({ input }) => ({ position: input.position }),
  initial: "ready",
  states: {
    ready: {
      on: {
        CHOOSE: { guard: "singleClick", target: "sending" },
        STEP_SHOWN: { actions: assign({ position: ({ event }) => event.position }) },
      },
    },
    sending: {
      on: {
        STEP_SHOWN: { guard: "newStep", target: "ready", actions: assign({ position: ({ event }) => event.position }) },
        // The server answered without a new step (a refusal shown on the same step): choosing is possible again.
        NAVIGATION_IDLE: { target: "ready" },
      },
    },
  },
});
