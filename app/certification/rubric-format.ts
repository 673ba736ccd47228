// A rubric (content/rubrics/<slug>.yaml): criteria an assessor scores when observing an officer facilitate,
// each mapped to a competency, with what each of the four levels looks like in observable behavior.
import { z } from "zod";
import { COMPETENCIES } from "../scenarios/format";
import { PRACTICUM_KINDS } from "./practicum";

/** The four levels, lowest first. Their order is what weighted agreement measures distance by. */
export const LEVELS = ["not-yet", "developing", "competent", "strong"] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_LABELS: Record<Level, string> = {
  "not-yet": "Not yet",
  developing: "Developing",
  competent: "Competent",
  strong: "Strong",
};

export function isLevel(value: unknown): value is Level {
  return typeof value === "string" && (LEVELS as readonly string[]).includes(value);
}

/** 0 for "not yet" up to 3 for "strong". */
export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

const id = z.string().regex(/^[a-z][a-z0-9-]*$/, "use lowercase letters, digits and hyphens, starting with a letter");
const text = z.string().trim().min(1, "must not be empty");

const anchors = z.object({ "not-yet": text, developing: text, competent: text, strong: text }).strict();

const criterion = z
  .object({
    id,
    title: text,
    competency: z.enum(COMPETENCIES),
    description: text,
    anchors,
  })
  .strict();

export const rubricDocument = z
  .object({
    slug: id,
    title: text,
    summary: text,
    /** the kinds of process an observation scored with this rubric may be of */
    appliesTo: z.array(z.enum(PRACTICUM_KINDS)).min(1, "name at least one kind of process"),
    criteria: z
      .array(criterion)
      .min(3, "a rubric has at least three criteria")
      .max(12, "a rubric has at most twelve criteria"),
  })
  .strict();

export type Rubric = z.infer<typeof rubricDocument>;
export type RubricCriterion = Rubric["criteria"][number];
