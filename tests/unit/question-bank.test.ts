import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { checkContent } from "../../app/content-pipeline/check.server";
import type { Question } from "../../app/modules/format";
import { gradeDraw, reviewOf } from "../../app/modules/knowledge-check";
import { parseModuleFrontmatter } from "../../app/modules/parse";
import { attemptSize, drawQuestions, LIBRARY_ENFORCES_QUESTION_BANK_RULES } from "../../app/modules/question-bank";

const bank: Question[] = Array.from({ length: 12 }, (_, i) => ({
  id: `q${i + 1}`,
  prompt: `Question ${i + 1}?`,
  options: ["a", "b", "c", "d"].map((id) => ({ id, text: `Option ${id} of ${i + 1}` })),
  answer: "abcd"[i % 4]!,
  explanation: `Explanation ${i + 1}`,
  idea: `Idea ${i + 1}`,
}));

describe("drawing questions from the bank", () => {
  it("draws the attempt's size, without repeats, each with all its options in some order", () => {
    const drawn = drawQuestions(bank, 6, 12345);
    expect(drawn).toHaveLength(6);
    expect(new Set(drawn.map((d) => d.id)).size).toBe(6);
    for (const d of drawn) expect([...d.options].sort()).toEqual(["a", "b", "c", "d"]);
  });

  it("draws the same questions in the same order for the same seed, and differently for another", () => {
    expect(drawQuestions(bank, 6, 777)).toEqual(drawQuestions(bank, 6, 777));
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
    const draws = seeds.map((s) => JSON.stringify(drawQuestions(bank, 6, s)));
    expect(new Set(draws).size).toBe(seeds.length);
  });

  it("shuffles question order and option order (not always the bank's)", () => {
    const draws = [11, 12, 13, 14, 15].map((s) => drawQuestions(bank, 12, s));
    expect(draws.some((d) => d.map((q) => q.id).join() !== bank.map((q) => q.id).join())).toBe(true);
    expect(draws.flat().some((q) => q.options.join() !== "a,b,c,d")).toBe(true);
  });

  it("gives a second attempt the questions the first did not show", () => {
    const first = drawQuestions(bank, 6, 99);
    const shown = new Map(first.map((d) => [d.id, 1]));
    const second = drawQuestions(bank, 6, 100, shown);
    expect(second.filter((d) => shown.has(d.id))).toEqual([]);
    // and a third attempt, with every question shown once, draws from the whole bank again
    const all = new Map(bank.map((q) => [q.id, 1]));
    expect(drawQuestions(bank, 6, 101, all)).toHaveLength(6);
  });

  it("draws at most half the bank", () => {
    expect(attemptSize({ questionsPerAttempt: 6, knowledgeCheck: bank })).toBe(6);
    expect(attemptSize({ questionsPerAttempt: 6, knowledgeCheck: bank.slice(0, 7) })).toBe(3);
    expect(attemptSize({ questionsPerAttempt: 2, knowledgeCheck: bank.slice(0, 5) })).toBe(2);
  });
});

describe("what an officer sees of an attempt", () => {
  const drawn = drawQuestions(bank, 6, 5);
  const wrongOf = (id: string) => ["a", "b", "c", "d"].find((o) => o !== bank.find((q) => q.id === id)!.answer)!;

  it("grades exactly the drawn questions, in their order", () => {
    const answers = Object.fromEntries(bank.map((q) => [q.id, q.answer])); // answers to undrawn questions are ignored
    const graded = gradeDraw(bank, drawn, answers, 80);
    expect(graded).toMatchObject({ total: 6, correctCount: 6, score: 100, passed: true });
    expect(graded.questions.map((q) => q.id)).toEqual(drawn.map((d) => d.id));
  });

  it("after a failed attempt: which were wrong and their ideas, never the right option or the explanation", () => {
    const answers = Object.fromEntries(
      drawn.map((d, i) => [d.id, i < 2 ? bank.find((q) => q.id === d.id)!.answer : wrongOf(d.id)]),
    );
    const graded = gradeDraw(bank, drawn, answers, 80);
    const review = reviewOf(bank, { ...graded, at: new Date(0) }, []);
    expect(review.passed).toBe(false);
    expect(review.questions.map((q) => q.correct)).toEqual([true, true, false, false, false, false]);
    expect(review.questions.filter((q) => !q.correct).map((q) => q.idea)).toEqual(
      drawn.slice(2).map((d) => `Idea ${d.id.slice(1)}`),
    );
    expect(review.questions.every((q) => q.key === null)).toBe(true);
    expect(JSON.stringify(review)).not.toMatch(/Explanation|"answer"/);
  });

  it("after a passed attempt: the answer key and explanations", () => {
    const answers = Object.fromEntries(drawn.map((d) => [d.id, bank.find((q) => q.id === d.id)!.answer]));
    const review = reviewOf(bank, { ...gradeDraw(bank, drawn, answers, 80), at: new Date(0) }, []);
    expect(review.questions.map((q) => q.key)).toEqual(
      drawn.map((d) => ({
        answer: bank.find((q) => q.id === d.id)!.answer,
        explanation: `Explanation ${d.id.slice(1)}`,
      })),
    );
  });

  it("without an idea, points to the section whose heading matches the prompt", () => {
    const plain = bank.map((q) => ({
      ...q,
      idea: undefined,
      prompt: q.id === drawn[0]!.id ? "Who decides what the agreement says?" : q.prompt,
    }));
    const answers = Object.fromEntries(drawn.map((d) => [d.id, wrongOf(d.id)]));
    const toc = [
      { id: "roles", text: "Roles in the circle" },
      { id: "agreements", text: "Writing the agreement" },
    ];
    const review = reviewOf(plain, { ...gradeDraw(plain, drawn, answers, 80), at: new Date(0) }, toc);
    expect(review.questions[0]!.idea).toBe("Review the section on “Writing the agreement” before your next attempt.");
    expect(review.questions[1]!.idea).toMatch(/^Review the sections of this module/);
  });
});

describe("question-bank rules in content:check", () => {
  const fixture = "tests/fixtures/modules/fixture-bank-rules.mdx";

  it("reports a small bank, a missing idea and options named by letter, with file and line", async () => {
    const report = await checkContent([fixture]);
    expect(report.issues.filter((i) => i.severity === "error").map((i) => `${i.file}:${i.line}: ${i.message}`)).toEqual(
      [
        `${fixture}:11: the question bank has 5 questions but an attempt draws 3 (questionsPerAttempt, default 6): the bank needs at least 6`,
        `${fixture}:19: knowledgeCheck.1.idea: is required: the idea the question tests, shown after a wrong answer without saying which option is right`,
        `${fixture}:17: knowledgeCheck.0.explanation: names an option by letter ("Option b"), but options are shuffled in every attempt: name it by what it says`,
        `${fixture}:29: knowledgeCheck.2.idea: names an option by letter ("(b)"), but options are shuffled in every attempt: name it by what it says`,
        `${fixture}:34: knowledgeCheck.3.explanation: names an option by letter ("option (a)"), but options are shuffled in every attempt: name it by what it says`,
      ],
    );
  });

  it("points at the bank when questionsPerAttempt is left to its default of 6", () => {
    const source = fs.readFileSync(fixture, "utf8").replace("questionsPerAttempt: 3\n", "");
    const issues = parseModuleFrontmatter(fixture, source).issues;
    expect(issues[0]).toMatchObject({
      line: 11,
      message: expect.stringMatching(/bank has 5 questions but an attempt draws 6 .*at least 12/),
    });
  });

  it("holds the shipped library to the rules only when the switch is on", () => {
    const source = fs.readFileSync(fixture, "utf8");
    const { frontmatter, issues } = parseModuleFrontmatter("content/modules/fixture-bank-rules.mdx", source);
    const severities = new Set(issues.map((i) => i.severity));
    if (LIBRARY_ENFORCES_QUESTION_BANK_RULES) {
      expect(frontmatter).toBeNull();
      expect(severities).toEqual(new Set(["error"]));
    } else {
      expect(frontmatter?.knowledgeCheck).toHaveLength(5);
      expect(severities).toEqual(new Set(["warning"]));
      expect(issues.map((i) => i.message)).toEqual([
        expect.stringMatching(/bank has 5 questions/),
        expect.stringMatching(/^1 of 5 questions have no idea/),
        expect.stringMatching(/^3 explanations or ideas name an option by letter \(here "Option b"\)/),
      ]);
    }
  });
});
