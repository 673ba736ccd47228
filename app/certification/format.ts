// A certification program (content/certifications/<slug>.yaml): what an officer must show, how long the
// certification lasts, and what renewal asks for.
import { z } from "zod";
import { COMPETENCIES } from "../scenarios/format";

const slug = z.string().regex(/^[a-z][a-z0-9-]*$/, "use lowercase letters, digits and hyphens");
const text = z.string().trim().min(1, "must not be empty");

/**
 * A role-play requirement: a pool of scenarios that train the same skill. It is met by a passed assessed
 * attempt on one of them that was the officer's first play of that scenario, or an authorized retake
 * (app/certification/assessment.ts).
 */
const scenarioRequirement = z
  .object({
    skill: text,
    pool: z.array(slug).min(2, "a pool names at least two scenarios that train the same skill"),
    minScore: z.number().int().min(0).max(100),
    competencyMinimums: z.record(z.enum(COMPETENCIES), z.number().int().min(0).max(100)).default({}),
  })
  .strict()
  .superRefine((req, ctx) => {
    req.pool.forEach((s, i) => {
      if (req.pool.indexOf(s) !== i) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["pool", i], message: `scenario "${s}" is named twice in the pool` });
    });
  });

export const programDocument = z
  .object({
    slug,
    title: text,
    summary: text,
    level: z.number().int().min(1),
    prerequisitePrograms: z.array(slug).default([]),
    validForMonths: z.number().int().min(1).max(120),
    expiringWindowDays: z.number().int().min(1).max(365).default(60),
    requirements: z
      .object({
        modules: z.array(slug).default([]),
        scenarios: z.array(scenarioRequirement).default([]),
        practicum: z.object({ count: z.number().int().min(0).max(50), description: text }).strict(),
        signOff: z.literal(true, { errorMap: () => ({ message: "every program ends with a supervisor's sign-off: set signOff: true" }) }),
      })
      .strict(),
    renewal: z
      .object({
        windowDays: z.number().int().min(1).max(730),
        modules: z.array(slug).default([]),
        scenarios: z.array(scenarioRequirement).default([]),
      })
      .strict(),
  })
  .strict();

export type Program = z.infer<typeof programDocument>;
export type ScenarioRequirement = z.infer<typeof scenarioRequirement>;
