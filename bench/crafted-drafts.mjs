// Drafts crafted to make a checker work too hard (issue 11): each once froze the server for seconds to minutes.
// Shared by the security tests (tests/security/bounded-work.test.ts) and the benchmark (bench/run.mjs), so both
// use the very same inputs. `expect` is the message each must get, quickly, instead.

// A bank that meets the question-bank rules (twice the attempt, an idea on each), so only the body is at issue.
const QUESTIONS = Array.from({ length: 12 }, (_, i) =>
  [
    `  - id: q${i + 1}`,
    "    prompt: A question?",
    "    options:",
    "      - { id: a, text: First }",
    "      - { id: b, text: Second }",
    "    answer: a",
    "    idea: What the question tests.",
    "    explanation: Because the first is right.",
  ].join("\n"),
).join("\n");

/**
 * A module with valid front matter and the given body.
 * @param {string} body
 * @returns {string}
 */
export function craftedModule(body) {
  return `---
title: A crafted module
slug: crafted-module
order: 99
summary: Made to test the checker's limits.
estimatedMinutes: 5
objectives:
  - Test the limits
competencies: [process]
prerequisites: []
sources:
  - authors: Zehr, Howard
    year: 1990
    title: "Changing Lenses: A New Focus for Crime and Justice"
    publisher: Herald Press
knowledgeCheck:
${QUESTIONS}
---

${body}
`;
}

/**
 * A small valid scenario, with as many participants as asked and, optionally, a condition on one choice.
 * @param {{ participants?: number, condition?: string | null, padding?: number }} [options]
 * @returns {string}
 */
export function craftedScenario({ participants = 2, condition = null, padding = 0 } = {}) {
  const people = Array.from(
    { length: participants },
    (_, i) => `  - id: p${i}
    name: Person ${i}
    role: community member
    description: Someone at the meeting.
    initial: { trust: 50, safety: 50 }`,
  ).join("\n");
  const next =
    condition === null
      ? "next: agreement"
      : `next:
          - if: ${JSON.stringify(condition)}
            goto: no-agreement
          - goto: agreement`;
  return `slug: crafted-scenario
title: A crafted scenario
summary: Made to test the checker's limits.
setting: A meeting room.
estimatedMinutes: 5
passMark: 50
competencies: [process, safety]
contentNotes: []
meters: [trust, safety]
participants:
${people}
start: opening
nodes:
  opening:
    narration: Everyone has arrived.${" ".repeat(padding)}
    choices:
      - id: welcome
        text: Welcome everyone.
        effects: { p0: { trust: 10 } }
        scores: { process: 2, safety: 1 }
        feedback: A welcome helps.
        ${next}
      - id: rush
        text: Start at once.
        effects: { p0: { trust: -20 } }
        scores: { safety: -2 }
        feedback: Rushing harms.
        next: no-agreement
  agreement:
    narration: A plan is agreed.
    ending: { outcome: Agreement., success: true, debrief: It worked. }
  no-agreement:
    narration: The meeting ends early.
    ending: { outcome: No agreement., success: false, debrief: It did not work. }
`;
}

const billionLaughs = Array.from({ length: 9 }, (_, level) => {
  const name = String.fromCharCode(97 + level);
  const items = Array(9).fill(level === 0 ? '"lol"' : `*${String.fromCharCode(96 + level)}`);
  return `x${name}: &${name} [${items.join(", ")}]`;
}).join("\n");

/** @type {{ name: string, kind: "scenario" | "module", source: string, expect: RegExp }[]} */
export const CRAFTED_DRAFTS = [
  {
    name: "1,000 participants",
    kind: "scenario",
    source: craftedScenario({ participants: 1000 }),
    expect: /1000 participants; a scenario has at most 20/,
  },
  {
    name: "20,000 identical headings",
    kind: "module",
    source: craftedModule("## A\n".repeat(20_000)),
    expect: /more than 60 headings/,
  },
  {
    name: "200,000 nested block quotes",
    kind: "module",
    source: craftedModule(">".repeat(200_000) + " deep"),
    expect: /this module is 20\d kB; at most 120 kB/,
  },
  {
    name: "100,000 nested block quotes (under the size limit)",
    kind: "module",
    source: craftedModule(">".repeat(100_000) + " deep"),
    expect: /block quotes and lists nested 100000 deep; at most 10/,
  },
  {
    name: "condition padded with 80,000 spaces",
    kind: "scenario",
    source: craftedScenario({ condition: `p0.trust${" ".repeat(80_000)}< 30` }),
    expect: /this condition is 800\d\d characters long; at most 1000/,
  },
  {
    name: "500 kB scenario",
    kind: "scenario",
    source: craftedScenario({ padding: 500_000 }),
    expect: /this scenario is 50\d kB; at most 400 kB/,
  },
  {
    name: "5,000 nested emphasis pairs",
    kind: "module",
    source: craftedModule("*a ".repeat(5_000) + "a* ".repeat(5_000)),
    expect: /too much markup in one paragraph/,
  },
  {
    name: "2,000 nested images",
    kind: "module",
    source: craftedModule("![".repeat(2_000) + "a" + "](x)".repeat(2_000)),
    expect: /too much markup in one paragraph/,
  },
  {
    name: "10,000 keys in one map",
    kind: "scenario",
    source: craftedScenario().replace(
      "start: opening",
      `start: opening\nextra:\n${Array.from({ length: 10_000 }, (_, i) => `  k${i}: 1`).join("\n")}`,
    ),
    expect: /unknown field "extra"/,
  },
  {
    name: "YAML alias bomb",
    kind: "scenario",
    source: `${billionLaughs}\n${craftedScenario()}`,
    expect: /too many YAML aliases/,
  },
];
