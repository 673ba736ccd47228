// Starting points for new drafts: small but complete, so a trainer sees a valid map at once.
export const SCENARIO_TEMPLATE = `slug: new-scenario
title: A new scenario
summary: What the officer practises here, in one or two sentences.
setting: Where and when; what kind of process.
estimatedMinutes: 15
passMark: 70
competencies: [empathy, safety, process]
contentNotes: []
meters: [trust, safety]
participants:
  - id: alex
    name: Alex
    role: harmed person
    description: Who they are and what they need.
    initial: { trust: 50, safety: 50 }
  - id: sam
    name: Sam
    role: responsible person
    description: Who they are and what they need.
    initial: { trust: 50, safety: 50 }
start: opening
nodes:
  opening:
    narration: Everyone has arrived.
    lines:
      - speaker: alex
        text: I'm not sure about this.
    choices:
      - id: welcome
        text: Welcome everyone and explain how the meeting will work.
        effects: { alex: { trust: 10 }, sam: { trust: 10 } }
        scores: { process: 2, empathy: 1, safety: 1 }
        feedback: Explaining the process helps people feel safe.
        next: agreement
      - id: rush
        text: Ask Sam to explain himself straight away.
        effects: { sam: { safety: -20 } }
        scores: { safety: -2 }
        feedback: Starting with the responsible person on the spot puts him on trial.
        next: no-agreement
  agreement:
    narration: The meeting ends with a plan both can keep.
    ending:
      outcome: Agreement reached.
      success: true
      debrief: Explain what made this work.
  no-agreement:
    narration: The meeting ends early.
    ending:
      outcome: No agreement.
      success: false
      debrief: Explain what went wrong and what would have helped.
`;

/** Placeholder questions for the bank, to rewrite. Options are shuffled per attempt: never name one by letter. */
function placeholderQuestions(count: number): string {
  return (
    Array.from({ length: count }, (_, i) =>
      [
        `  - id: q${i + 1}`,
        "    prompt: A question about a realistic situation?",
        "    options:",
        "      - { id: a, text: The option that is right }",
        "      - { id: b, text: An option that sounds plausible but is not }",
        "    answer: a",
        "    explanation: Why the right option is right and the other is not (shown once the officer passes).",
        "    idea: The idea this question tests, shown after a wrong answer; it must not give the answer away.",
      ].join("\n"),
    ).join("\n") + "\n"
  );
}

export const MODULE_TEMPLATE = `---
title: A new module
slug: new-module
order: 99
summary: What the officer will learn, in one or two sentences.
estimatedMinutes: 20
objectives:
  - Something the officer can do after this module
competencies: [process]
prerequisites: []
questionsPerAttempt: 3   # each attempt draws this many; the bank needs at least twice as many
knowledgeCheck:
${placeholderQuestions(6)}---

## First section

Write the teaching here in Markdown.

<KeyTerm term="A key term">Its definition.</KeyTerm>

<Callout kind="example" title="A worked example">What an officer did and why it worked.</Callout>

<Reflection>A question for the officer to think about.</Reflection>

<KnowledgeCheck />
`;
