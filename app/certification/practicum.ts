// The practicum entry form: its choices and its validation, shared by the page and the server; and the counts a
// program requirement asks of confirmed entries (how many joint meetings, co-facilitated or led, with a log).
import { z } from "zod";

/** What kind of session the officer facilitated (docs/decisions/0163-practicum-kinds-and-logs.md). */
export const PRACTICUM_KINDS = ["pre-meeting", "joint-meeting", "indirect-dialogue", "circle"] as const;
export type PracticumKind = (typeof PRACTICUM_KINDS)[number];

export const PRACTICUM_KIND_LABELS: Record<PracticumKind, string> = {
  "pre-meeting": "Pre-meeting (one party and their supporters)",
  "joint-meeting": "Joint meeting (the parties face to face)",
  "indirect-dialogue": "Indirect dialogue (messages carried between the parties)",
  circle: "Circle",
};

/** Kinds whose entries must carry a reflective log: the sessions where the parties meet. */
export const LOG_REQUIRED_KINDS: readonly PracticumKind[] = ["joint-meeting", "circle"];

/** The process the session belonged to. ("Pre-conference meeting" was one before kinds existed; old rows keep it.) */
export const PROCESS_TYPES = [
  "Victim-offender dialogue",
  "Community conference",
  "Restorative circle",
  "Other restorative process",
] as const;

export const PRACTICUM_ROLES = ["Lead facilitator", "Co-facilitator"] as const;
export type PracticumRole = (typeof PRACTICUM_ROLES)[number];
export const PRACTICUM_ROLE_LABELS: Record<PracticumRole, string> = {
  "Lead facilitator": "Led it (lead facilitator)",
  "Co-facilitator": "Co-facilitated it",
};

export const REFLECTIVE_LOG_FIELDS = [
  {
    name: "logWhatHappened",
    label: "What happened",
    hint: "The session in brief: who took part (by role, not name), how it went, how it ended.",
  },
  { name: "logWentWell", label: "What went well", hint: "What you did that helped, and how you could tell." },
  { name: "logWouldChange", label: "What I would change", hint: "What you would do differently next time, and why." },
  {
    name: "logSupportNeeded",
    label: "What support I need",
    hint: 'From your supervisor, co-facilitator or training; write "none" if none.',
  },
] as const;
export type ReflectiveLogField = (typeof REFLECTIVE_LOG_FIELDS)[number]["name"];

const LOG_MIN = 10;
const logText = z.string().trim().max(2000, "Keep each part of the log under 2,000 characters.").default("");

const practicumFields = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date as YYYY-MM-DD.")
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "Enter a real date.")
    .refine((v) => Date.parse(`${v}T00:00:00Z`) <= Date.now(), "The date cannot be in the future."),
  kind: z.enum(PRACTICUM_KINDS, { errorMap: () => ({ message: "Choose the kind of session." }) }),
  processType: z.enum(PROCESS_TYPES, { errorMap: () => ({ message: "Choose the type of process." }) }),
  role: z.enum(PRACTICUM_ROLES, { errorMap: () => ({ message: "Choose your role." }) }),
  participantCount: z.coerce
    .number({ invalid_type_error: "Enter a number." })
    .int("Enter a whole number.")
    .min(2, "A process has at least two participants.")
    .max(200, "Enter at most 200."),
  outcome: z
    .string()
    .trim()
    .min(3, "Describe the outcome in a few words.")
    .max(500, "Keep the outcome under 500 characters."),
  submissionKey: z.string().uuid("The form is incomplete; reload the page."),
});

/** The log's rule, checked even when other fields are wrong, so the officer sees every problem at once. */
const reflectiveLog = z
  .object({
    kind: z.string().optional(),
    logWhatHappened: logText,
    logWentWell: logText,
    logWouldChange: logText,
    logSupportNeeded: logText,
  })
  .superRefine((log, ctx) => {
    const required = LOG_REQUIRED_KINDS.includes(log.kind as PracticumKind);
    const started = REFLECTIVE_LOG_FIELDS.some((f) => log[f.name] !== "");
    if (!required && !started) return;
    for (const field of REFLECTIVE_LOG_FIELDS) {
      if (log[field.name].length >= LOG_MIN) continue;
      const message = required
        ? `${field.label}: the reflective log is required for a ${log.kind === "circle" ? "circle" : "joint meeting"}; write at least a sentence.`
        : `${field.label}: complete every part of the log, or leave all four empty.`;
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field.name], message });
    }
  });

/** The kinds whose outcomes the impact report reads: the parties met, or exchanged messages through the officer. */
export const OUTCOME_KINDS: readonly PracticumKind[] = ["joint-meeting", "indirect-dialogue", "circle"];

export const SATISFACTION_CHOICES = [
  { value: "", label: "Not asked" },
  { value: "1", label: "1: very dissatisfied" },
  { value: "2", label: "2: dissatisfied" },
  { value: "3", label: "3: neither" },
  { value: "4", label: "4: satisfied" },
  { value: "5", label: "5: very satisfied" },
] as const;

const satisfaction = (party: string) =>
  z
    .enum(["", "1", "2", "3", "4", "5"], {
      errorMap: () => ({ message: `${party}: choose 1 to 5 as they said it, or "Not asked".` }),
    })
    .default("");

/**
 * The outcome of a real meeting as the parties reported it (all optional), checked with the kind and the date: a
 * pre-meeting has none, and a follow-up date belongs to an agreement and comes after the meeting.
 */
const meetingOutcome = z
  .object({
    kind: z.string().optional(),
    date: z.string().optional(),
    agreementReached: z
      .enum(["", "yes", "no"], { errorMap: () => ({ message: 'Choose "Yes", "No" or "Not recorded".' }) })
      .default(""),
    harmedPartySatisfaction: satisfaction("Harmed party's satisfaction"),
    responsiblePartySatisfaction: satisfaction("Responsible party's satisfaction"),
    followUpOn: z.string().trim().max(10, "Enter the follow-up date as YYYY-MM-DD.").default(""),
  })
  .superRefine((o, ctx) => {
    const given = o.agreementReached || o.harmedPartySatisfaction || o.responsiblePartySatisfaction || o.followUpOn;
    if (given && !OUTCOME_KINDS.includes(o.kind as PracticumKind)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["agreementReached"],
        message: "Outcomes are recorded for joint meetings, indirect dialogues and circles; leave them empty here.",
      });
      return;
    }
    if (!o.followUpOn) return;
    const followUp = Date.parse(`${o.followUpOn}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(o.followUpOn) || Number.isNaN(followUp)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["followUpOn"],
        message: "Enter the follow-up date as YYYY-MM-DD.",
      });
      return;
    }
    if (o.agreementReached !== "yes")
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["followUpOn"],
        message:
          'A follow-up date is for an agreement: choose "Yes" under "Agreement reached", or leave the date empty.',
      });
    const meeting = Date.parse(`${o.date}T00:00:00Z`);
    if (!Number.isNaN(meeting) && followUp <= meeting)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["followUpOn"],
        message: "The follow-up date must be after the date of the process.",
      });
    else if (!Number.isNaN(meeting) && followUp - meeting > MAX_FOLLOW_UP_DAYS * DAY)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["followUpOn"],
        message: `The follow-up date must be within ${MAX_FOLLOW_UP_DAYS} days of the process.`,
      });
  });

const DAY = 86_400_000;
/** A follow-up further away than this is a typo more often than a plan. */
export const MAX_FOLLOW_UP_DAYS = 730;

export const PracticumInput = practicumFields.and(reflectiveLog).and(meetingOutcome);
type OutcomeField = "agreementReached" | "harmedPartySatisfaction" | "responsiblePartySatisfaction" | "followUpOn";
type ParsedPracticum = z.infer<typeof PracticumInput>;
/** A parsed form; the outcome fields may be left out by callers that log no outcome (tests, imports). */
export type PracticumInput = Omit<ParsedPracticum, OutcomeField> & Partial<Pick<ParsedPracticum, OutcomeField>>;

/** A confirmed entry as a program requirement sees it. */
export interface PracticumEvidence {
  id: string;
  date: Date;
  confirmedAt: Date;
  kind: PracticumKind;
  role: PracticumRole;
  hasReflectiveLog: boolean;
}

export interface PracticumFilter {
  kinds?: readonly PracticumKind[];
  roles?: readonly PracticumRole[];
  withReflectiveLog?: boolean;
}

/** How many entries match, e.g. `{ kinds: ["joint-meeting"], roles: ["Co-facilitator", "Lead facilitator"], withReflectiveLog: true }`. */
export function countPracticum(entries: readonly PracticumEvidence[], filter: PracticumFilter): number {
  return entries.filter(
    (e) =>
      (!filter.kinds || filter.kinds.includes(e.kind)) &&
      (!filter.roles || filter.roles.includes(e.role)) &&
      (!filter.withReflectiveLog || e.hasReflectiveLog),
  ).length;
}

/** A log counts only when all four parts are written (migrated entries have none). */
export function hasReflectiveLog(entry: Record<ReflectiveLogField, string | null>): boolean {
  return REFLECTIVE_LOG_FIELDS.every((f) => (entry[f.name] ?? "").trim() !== "");
}

export function isPracticumKind(value: unknown): value is PracticumKind {
  return typeof value === "string" && (PRACTICUM_KINDS as readonly string[]).includes(value);
}

/** The outcome fields as stored: null where nothing was reported ("Not asked" included). */
export function outcomeColumns(input: {
  agreementReached?: "" | "yes" | "no";
  harmedPartySatisfaction?: string;
  responsiblePartySatisfaction?: string;
  followUpOn?: string;
}) {
  return {
    agreementReached: input.agreementReached ? input.agreementReached === "yes" : null,
    harmedPartySatisfaction: input.harmedPartySatisfaction ? Number(input.harmedPartySatisfaction) : null,
    responsiblePartySatisfaction: input.responsiblePartySatisfaction
      ? Number(input.responsiblePartySatisfaction)
      : null,
    followUpOn: input.followUpOn ? new Date(`${input.followUpOn}T00:00:00Z`) : null,
  };
}

/** The "record the follow-up" form: was the agreement kept? */
export const FollowUpInput = z.object({
  entryId: z
    .string()
    .min(1, "The form is incomplete; reload the page.")
    .max(64, "The form is incomplete; reload the page."),
  agreementKept: z.enum(["yes", "no"], {
    errorMap: () => ({ message: 'Choose whether the agreement was kept: "Kept" or "Not kept".' }),
  }),
});
export type FollowUpInput = z.infer<typeof FollowUpInput>;

interface FollowUpFacts {
  agreementReached: boolean | null;
  followUpOn: Date | string | null;
  status: string;
}

/**
 * Whether the follow-up of an entry can be recorded now: an agreement was reached, its follow-up date has come,
 * and a supervisor has not returned the entry. (Confirmed entries too: confirming is about the facilitation; the
 * follow-up is a later fact. Recording it again with another answer corrects it.)
 */
export function followUpOpen(entry: FollowUpFacts, now: Date): boolean {
  if (entry.agreementReached !== true || !entry.followUpOn || entry.status === "returned") return false;
  return new Date(entry.followUpOn).getTime() <= now.getTime();
}
