// Continuing professional development: the form an officer fills in to log an activity, shared by page and server.
import { z } from "zod";

export const CpdInput = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date as YYYY-MM-DD.")
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "Enter a real date.")
    .refine((v) => Date.parse(`${v}T00:00:00Z`) <= Date.now(), "The date cannot be in the future."),
  // Quarter hours, as training certificates usually state them; one activity at most a working week.
  hours: z.coerce
    .number({ invalid_type_error: "Enter the hours as a number, e.g. 1.5." })
    .min(0.25, "Log at least a quarter of an hour.")
    .max(40, "Log at most 40 hours for one activity; split longer ones.")
    .refine((h) => Number.isInteger(h * 4), "Round the hours to a quarter hour (e.g. 1.25)."),
  activity: z
    .string()
    .trim()
    .min(5, "Describe the activity in a few words.")
    .max(300, "Keep the activity under 300 characters."),
  evidence: z
    .string()
    .trim()
    .min(5, "Describe what shows you did it (certificate, agenda, notes...).")
    .max(1000, "Keep the evidence under 1,000 characters."),
  submissionKey: z.string().uuid("The form is incomplete; reload the page."),
});
export type CpdInput = z.infer<typeof CpdInput>;

export const CPD_STATUS_TEXT: Record<string, string> = {
  submitted: "Waiting for your supervisor",
  confirmed: "Confirmed",
  returned: "Returned",
};
