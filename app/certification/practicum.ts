// The practicum entry form: its choices and its validation, shared by the page and the server.
import { z } from "zod";

export const PROCESS_TYPES = ["Victim-offender dialogue", "Community conference", "Restorative circle", "Pre-conference meeting", "Other restorative process"] as const;
export const PRACTICUM_ROLES = ["Lead facilitator", "Co-facilitator"] as const;

export const PracticumInput = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date as YYYY-MM-DD.")
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "Enter a real date.")
    .refine((v) => Date.parse(`${v}T00:00:00Z`) <= Date.now(), "The date cannot be in the future."),
  processType: z.enum(PROCESS_TYPES, { errorMap: () => ({ message: "Choose the type of process." }) }),
  role: z.enum(PRACTICUM_ROLES, { errorMap: () => ({ message: "Choose your role." }) }),
  participantCount: z.coerce.number({ invalid_type_error: "Enter a number." }).int("Enter a whole number.").min(2, "A process has at least two participants.").max(200, "Enter at most 200."),
  outcome: z.string().trim().min(3, "Describe the outcome in a few words.").max(500, "Keep the outcome under 500 characters."),
  reflection: z.string().trim().min(20, "Write at least a couple of sentences of reflection.").max(4000, "Keep the reflection under 4,000 characters."),
  submissionKey: z.string().uuid("The form is incomplete; reload the page."),
});
export type PracticumInput = z.infer<typeof PracticumInput>;
