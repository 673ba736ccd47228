// A module's knowledge check is a question bank: each check attempt draws some of its questions, shuffled, with
// their options shuffled. This file holds the bank's content rules and the seeded draw. Pure: no I/O.
import { seededRandom } from "../seeded-random";
import type { ModuleFrontmatter, Question } from "./format";

/**
 * The question-bank rules hold for the shipped library as for every other module file: a bank of at least twice
 * `questionsPerAttempt`, an `idea` on every question, and no explanation or idea naming an option by letter.
 * (Turning this off would make them warnings for content/modules only, and draw at most half of each bank.)
 */
export const LIBRARY_ENFORCES_QUESTION_BANK_RULES = true;

/** Part of the content cache key, so compiled modules are checked again: bump the number when a rule changes. */
export const QUESTION_BANK_FORMAT = `bank-1-${LIBRARY_ENFORCES_QUESTION_BANK_RULES ? "enforced" : "library-exempt"}`;

export function isLibraryFile(file: string): boolean {
  return /^content[\\/]modules[\\/]/.test(file);
}

/** Whether a module file is held to the question-bank rules (errors), or only warned about them. */
export function bankRulesEnforced(file: string): boolean {
  return LIBRARY_ENFORCES_QUESTION_BANK_RULES || !isLibraryFile(file);
}

/** How many questions an attempt draws: what the module asks for, but never more than half the bank. */
export function attemptSize(f: Pick<ModuleFrontmatter, "questionsPerAttempt" | "knowledgeCheck">): number {
  return Math.max(1, Math.min(f.questionsPerAttempt, Math.floor(f.knowledgeCheck.length / 2)));
}

// "option c", "Option (b)", "options a and d", "(d)": options are shuffled per attempt, so letters mean nothing.
const LETTER_REFERENCE = /\boptions?\s+\(?[a-h]\)?(?![\w'’-])|\([a-hA-H]\)/i;

export interface BankIssue {
  severity: "error" | "warning";
  path: (string | number)[];
  message: string;
}

/** The question-bank rules, as errors where they are enforced and warnings where the library is exempt. */
export function bankRuleIssues(f: ModuleFrontmatter, enforced: boolean): BankIssue[] {
  const severity = enforced ? "error" : "warning";
  const exempt = enforced ? "" : " (a warning until LIBRARY_ENFORCES_QUESTION_BANK_RULES is on)";
  const issues: BankIssue[] = [];
  const bank = f.knowledgeCheck.length;
  if (bank < 2 * f.questionsPerAttempt) {
    issues.push({
      severity,
      path: ["questionsPerAttempt"],
      message: `the question bank has ${bank} questions but an attempt draws ${f.questionsPerAttempt} (questionsPerAttempt, default 6): the bank needs at least ${2 * f.questionsPerAttempt}${exempt}`,
    });
  }
  const withoutIdea = f.knowledgeCheck.flatMap((q, i) => (q.idea ? [] : [i]));
  const letters = letterReferences(f.knowledgeCheck);
  if (enforced) {
    for (const i of withoutIdea)
      issues.push({
        severity,
        path: ["knowledgeCheck", i],
        message: `knowledgeCheck.${i}.idea: is required: the idea the question tests, shown after a wrong answer without saying which option is right`,
      });
    for (const r of letters)
      issues.push({
        severity,
        path: r.path,
        message: `${r.path.join(".")}: names an option by letter ("${r.text}"), but options are shuffled in every attempt: name it by what it says`,
      });
  } else {
    // The library gets one line per rule, not one per question: a to-do list, not a wall.
    if (withoutIdea.length)
      issues.push({
        severity,
        path: ["knowledgeCheck"],
        message: `${withoutIdea.length} of ${bank} questions have no idea (shown after a wrong answer); officers see a generic line instead${exempt}`,
      });
    if (letters.length) {
      const first = letters[0]!;
      issues.push({
        severity,
        path: first.path,
        message: `${letters.length} explanations or ideas name an option by letter (here "${first.text}"), but options are shuffled in every attempt${exempt}`,
      });
    }
  }
  f.knowledgeCheck.forEach((q, i) => {
    if (q.idea && revealsAnswer(q)) {
      issues.push({
        severity: "warning",
        path: ["knowledgeCheck", i, "idea"],
        message: `knowledgeCheck.${i}.idea: repeats the right option's words; an idea should point to what to review without giving the answer`,
      });
    }
  });
  return issues;
}

function letterReferences(questions: readonly Question[]): { path: (string | number)[]; text: string }[] {
  return questions.flatMap((q, i) =>
    (["explanation", "idea"] as const).flatMap((field) => {
      const match = LETTER_REFERENCE.exec(q[field] ?? "");
      return match ? [{ path: ["knowledgeCheck", i, field], text: match[0] }] : [];
    }),
  );
}

function revealsAnswer(q: Question): boolean {
  const right =
    q.options
      .find((o) => o.id === q.answer)
      ?.text.trim()
      .toLowerCase() ?? "";
  return right.length >= 12 && (q.idea ?? "").toLowerCase().includes(right);
}

/** One drawn question: its id and its options' ids in the order shown. */
export interface DrawnQuestion {
  id: string;
  options: string[];
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Draws `size` questions in a shuffled order, each with its options shuffled. Questions the officer has been
 * shown least often come first (so a second attempt after a first one meets new questions), ties broken by the
 * seed. The same seed and history give the same draw.
 */
export function drawQuestions(
  bank: readonly Question[],
  size: number,
  seed: number,
  timesShown: ReadonlyMap<string, number> = new Map(),
): DrawnQuestion[] {
  const random = seededRandom(seed);
  const order = shuffle(bank, random);
  const chosen = order
    .map((q, position) => ({ q, position, shown: timesShown.get(q.id) ?? 0 }))
    .sort((a, b) => a.shown - b.shown || a.position - b.position)
    .slice(0, size)
    .sort((a, b) => a.position - b.position);
  return chosen.map(({ q }) => ({
    id: q.id,
    options: shuffle(
      q.options.map((o) => o.id),
      random,
    ),
  }));
}
