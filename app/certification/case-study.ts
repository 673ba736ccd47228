// A written case study: the form an officer fills in, shared by page and server. Each competency the case is
// mapped to carries its own short justification, so an assessor can judge the mapping, not just the story.
import { z } from "zod";
import { COMPETENCIES, type Competency } from "../scenarios/format";

export const COMPETENCY_NAMES: Record<Competency, string> = {
  neutrality: "Neutrality",
  empathy: "Empathy",
  safety: "Safety",
  accountability: "Accountability",
  process: "Process",
};

const justification = z.string().trim().max(1000, "Keep each justification under 1,000 characters.");

export const CaseStudyInput = z
  .object({
    title: z
      .string()
      .trim()
      .min(5, "Give the case study a short title.")
      .max(200, "Keep the title under 200 characters."),
    narrative: z
      .string()
      .trim()
      .min(50, "Describe the case in at least a few sentences (50 characters or more).")
      .max(8000, "Keep the case under 8,000 characters."),
    whatIDid: z
      .string()
      .trim()
      .min(20, "Say what you did as facilitator (20 characters or more).")
      .max(4000, "Keep what you did under 4,000 characters."),
    whatILearned: z
      .string()
      .trim()
      .min(20, "Say what you learned (20 characters or more).")
      .max(4000, "Keep what you learned under 4,000 characters."),
    submissionKey: z.string().uuid("The form is incomplete; reload the page."),
    ...(Object.fromEntries(COMPETENCIES.map((c) => [`justify-${c}`, justification.default("")])) as Record<
      `justify-${Competency}`,
      z.ZodDefault<typeof justification>
    >),
  })
  .superRefine((input, ctx) => {
    const mapped = COMPETENCIES.filter((c) => input[`justify-${c}`]);
    if (!mapped.length)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["competencies"],
        message: "Map the case to at least one competency: write a short justification for each one it shows.",
      });
    for (const c of mapped) {
      if (input[`justify-${c}`].length < 20)
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [`justify-${c}`],
          message: `Justify ${COMPETENCY_NAMES[c].toLowerCase()} in a sentence or two (20 characters or more).`,
        });
    }
  });
export type CaseStudyInput = z.infer<typeof CaseStudyInput>;

export interface CompetencyMapping {
  competency: Competency;
  justification: string;
}

/** The competencies the officer justified, in the fixed competency order. */
export function mappingOf(input: CaseStudyInput): CompetencyMapping[] {
  return COMPETENCIES.filter((c) => input[`justify-${c}`]).map((c) => ({
    competency: c,
    justification: input[`justify-${c}`],
  }));
}

export const CASE_STUDY_STATUS_TEXT: Record<string, string> = {
  submitted: "Waiting for an assessor",
  accepted: "Accepted",
  returned: "Returned for revision",
};
