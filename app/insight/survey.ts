// The survey after a module or a role-play: its subjects, items and answers (pure, shared by page and server).
import { z } from "zod";

export const SURVEY_SUBJECTS = ["module", "scenario"] as const;
export type SurveySubject = (typeof SURVEY_SUBJECTS)[number];

export const LIKERT = [
  { value: 1, label: "Strongly disagree" },
  { value: 2, label: "Disagree" },
  { value: 3, label: "Neither agree nor disagree" },
  { value: 4, label: "Agree" },
  { value: 5, label: "Strongly agree" },
] as const;

export const SURVEY_ITEMS = [
  { name: "satisfaction", statement: "Overall, I was satisfied with this training." },
  { name: "confidence", statement: "I feel confident applying what it covered in a real process." },
  { name: "relevance", statement: "It was relevant to the work I do." },
] as const;

const likert = z.coerce
  .number({ invalid_type_error: "Choose one answer." })
  .int("Choose one answer.")
  .min(1, "Choose one answer.")
  .max(5, "Choose one answer.");

export const SurveyInput = z.object({
  satisfaction: likert,
  confidence: likert,
  relevance: likert,
  comment: z.string().trim().max(1000, "Keep the comment under 1,000 characters.").default(""),
});
export type SurveyInput = z.infer<typeof SurveyInput>;

export function isSurveySubject(value: string): value is SurveySubject {
  return (SURVEY_SUBJECTS as readonly string[]).includes(value);
}
