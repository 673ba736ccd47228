// A module's frontmatter: what the catalogue shows, and the knowledge check's question bank with its answer key.
// The bank's own rules (size, ideas, no options named by letter) are in question-bank.ts.
import { z } from "zod";
import { COMPETENCIES } from "../scenarios/format";
import { sourceSchema } from "./sources";

const slug = z.string().regex(/^[a-z][a-z0-9-]*$/, "use lowercase letters, digits and hyphens");
const text = z.string().trim().min(1, "must not be empty");

const question = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, "use lowercase letters, digits and hyphens"),
    prompt: text,
    options: z
      .array(z.object({ id: z.string().regex(/^[a-z0-9-]+$/), text }).strict())
      .min(2)
      .max(6),
    answer: z.string(),
    /** Shown only once the check is passed: why the answer is right. */
    explanation: text,
    /** The idea the question tests, shown after a wrong answer; never says which option is right. */
    idea: text.optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (!q.options.some((o) => o.id === q.answer)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["answer"],
        message: `answer "${q.answer}" is not one of the options (${q.options.map((o) => o.id).join(", ")})`,
      });
    }
    const ids = q.options.map((o) => o.id);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["options"], message: "option ids must be unique" });
  });

export const moduleFrontmatter = z
  .object({
    title: text,
    slug,
    order: z.number().int().min(1),
    summary: text,
    estimatedMinutes: z.number().int().positive(),
    objectives: z.array(text).min(1),
    competencies: z.array(z.enum(COMPETENCIES)).default([]),
    prerequisites: z.array(slug).default([]),
    passMark: z.number().int().min(1).max(100).default(80),
    /** How many questions each check attempt draws from the bank. */
    questionsPerAttempt: z.number().int().min(1).max(50).default(6),
    /** Overrides of the defaults in check-rules.ts. The cool-down is at most a day (the daily window). */
    checkCooldownMinutes: z.number().int().min(0).max(1440).optional(),
    checkAttemptsPerDay: z.number().int().min(1).max(50).optional(),
    knowledgeCheck: z.array(question).min(5, "a knowledge check needs at least five questions"),
    /** The works the module's ideas come from (see sources.ts). */
    sources: z.array(sourceSchema).default([]),
  })
  .strict()
  .superRefine((m, ctx) => {
    const ids = m.knowledgeCheck.map((q) => q.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i)
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["knowledgeCheck", i, "id"],
          message: `question id "${id}" is used twice`,
        });
    });
  });

export type ModuleFrontmatter = z.infer<typeof moduleFrontmatter>;
export type Question = ModuleFrontmatter["knowledgeCheck"][number];

/** A question as the browser sees it before submission: no answer, no explanation, no idea. */
export interface PublicQuestion {
  id: string;
  prompt: string;
  options: { id: string; text: string }[];
}
