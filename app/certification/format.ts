// A certification program (content/certifications/<slug>.yaml): what an officer must show, how long the
// certification lasts, and what renewal asks for.
import { z } from "zod";
import { COMPETENCIES } from "../scenarios/format";
import { OBSERVATION_SETTINGS } from "./observation";
import { PRACTICUM_KINDS, PRACTICUM_ROLES } from "./practicum";
import { LEVELS } from "./rubric-format";

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
      if (req.pool.indexOf(s) !== i)
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["pool", i],
          message: `scenario "${s}" is named twice in the pool`,
        });
    });
  });

/** An observed assessment against a named rubric, every criterion at minLevel or above (the lower of two scorings counts). */
const observationRequirement = z
  .object({
    description: text,
    rubric: slug,
    minLevel: z.enum(LEVELS).default("competent"),
    processKinds: z.array(z.enum(PRACTICUM_KINDS)).min(1).optional(),
    setting: z.enum(OBSERVATION_SETTINGS).optional(),
    /** only observations made since the officer came to hold this program count (Level 2: not the Level 1 one) */
    observedSinceProgram: slug.optional(),
  })
  .strict();

/** Confirmed practicum entries of the kinds and roles named, each with a reflective log when asked. */
const practicumRequirement = z
  .object({
    description: text,
    count: z.number().int().min(1).max(50),
    kinds: z.array(z.enum(PRACTICUM_KINDS)).min(1).optional(),
    roles: z.array(z.enum(PRACTICUM_ROLES)).min(1).optional(),
    withReflectiveLog: z.boolean().default(false),
  })
  .strict();

/** Written case studies mapped to the competencies, each accepted by an assessor (app/certification/case-studies.server.ts). */
const caseStudyRequirement = z.object({ count: z.number().int().min(1).max(10), description: text }).strict();

/** Another program held (signed off and not revoked) for at least this many months. */
const heldProgramRequirement = z.object({ program: slug, months: z.number().int().min(1).max(120) }).strict();

/** Kinds of confirmed practicum that count as a formal restorative process (a pre-meeting alone does not). */
export const FORMAL_PROCESS_KINDS = ["joint-meeting", "indirect-dialogue", "circle"] as const;

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
        observations: z.array(observationRequirement).default([]),
        practicum: z.array(practicumRequirement).default([]),
        heldPrograms: z.array(heldProgramRequirement).default([]),
        caseStudies: caseStudyRequirement.optional(),
        signOff: z.literal(true, {
          errorMap: () => ({ message: "every program ends with a supervisor's sign-off: set signOff: true" }),
        }),
      })
      .strict(),
    renewal: z
      .object({
        windowDays: z.number().int().min(1).max(730),
        modules: z.array(slug).default([]),
        scenarios: z.array(scenarioRequirement).default([]),
        /** confirmed formal processes (joint meetings, indirect dialogues, circles) in the 12 months before valid-until */
        formalProcessesPerYear: z.number().int().min(0).max(50).default(0),
        /** confirmed continuing-professional-development hours dated within the renewal window */
        cpdHours: z.number().min(0).max(500).default(0),
      })
      .strict(),
  })
  .strict();

export type Program = z.infer<typeof programDocument>;
export type ScenarioRequirement = z.infer<typeof scenarioRequirement>;
export type ObservationRequirement = z.infer<typeof observationRequirement>;
export type PracticumRequirement = z.infer<typeof practicumRequirement>;
export type HeldProgramRequirement = z.infer<typeof heldProgramRequirement>;
