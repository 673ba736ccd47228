// The community review's checklist: what a reviewer from outside the police (e.g. a victim advocate) looks for in
// a draft, and how the review form's fields are read. Pure: the server validates with it, pages label with it.
import { z } from "zod";

export const CHECKLIST_ITEMS = ["retraumatizing", "stereotypes", "unsafeAdvice", "victimVoice"] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

export const CHECKLIST_LABELS: Record<ChecklistItem, { title: string; question: string }> = {
  retraumatizing: {
    title: "Retraumatizing detail",
    question:
      "Does it describe harm in more detail than the learning needs, in a way that could retraumatize a reader or a person harmed?",
  },
  stereotypes: {
    title: "Stereotypes",
    question:
      "Does it rely on stereotypes about any group (race, culture, gender, age, disability, class, neighborhood)?",
  },
  unsafeAdvice: {
    title: "Unsafe advice",
    question: "Could following it put a person harmed, a responsible person or a supporter at risk?",
  },
  victimVoice: {
    title: "Victim voice",
    question: "Are the needs, choices and words of the person harmed heard, rather than spoken for?",
  },
};

export const COMMUNITY_DECISIONS = ["no_concerns", "concerns"] as const;
export type CommunityDecision = (typeof COMMUNITY_DECISIONS)[number];
export const COMMUNITY_DECISION_LABELS: Record<CommunityDecision, string> = {
  no_concerns: "No concerns",
  concerns: "Concerns to address",
};

export type ChecklistAnswer = { concern: boolean; note: string | null };
export type Checklist = Record<ChecklistItem, ChecklistAnswer>;
export interface CommunityReviewInput {
  checklist: Checklist;
  decision: CommunityDecision;
  comment: string;
}

const NOTE_MAX = 2000;

/**
 * The review form: for each item `<item>` is "none" or "concern" and `<item>Note` says what the concern is
 * (required with a concern); then `decision` and `comment`. A decision of "no concerns" with a concern marked
 * is refused, so that a recorded review never contradicts itself.
 */
export function readCommunityReview(
  fields: Record<string, string>,
): { ok: true; value: CommunityReviewInput } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const checklist = {} as Checklist;
  for (const item of CHECKLIST_ITEMS) {
    const answer = fields[item];
    const note = (fields[`${item}Note`] ?? "").trim();
    if (answer !== "none" && answer !== "concern")
      errors[item] = `${CHECKLIST_LABELS[item].title}: choose "no concern" or "concern".`;
    else if (answer === "concern" && !note)
      errors[`${item}Note`] = `${CHECKLIST_LABELS[item].title}: say what the concern is.`;
    if (note.length > NOTE_MAX)
      errors[`${item}Note`] = `${CHECKLIST_LABELS[item].title}: keep the note under ${NOTE_MAX} characters.`;
    checklist[item] = { concern: answer === "concern", note: note || null };
  }
  const decision = z.enum(COMMUNITY_DECISIONS).safeParse(fields.decision);
  const comment = (fields.comment ?? "").trim();
  if (!decision.success) errors.decision = "Choose a decision: no concerns, or concerns to address.";
  else if (decision.data === "no_concerns" && CHECKLIST_ITEMS.some((i) => checklist[i].concern)) {
    errors.decision = 'You marked a concern: choose "concerns to address", or change the item to "no concern".';
  } else if (decision.data === "concerns" && !comment)
    errors.comment = "Say in your overall comment what needs to be addressed.";
  if (comment.length > NOTE_MAX) errors.comment = `Keep the overall comment under ${NOTE_MAX} characters.`;
  if (Object.keys(errors).length || !decision.success) return { ok: false, errors };
  return { ok: true, value: { checklist, decision: decision.data, comment } };
}

/** A stored checklist, read back; an item missing from an old record reads as no answer. */
export function parseChecklist(json: string): Checklist {
  const stored = JSON.parse(json) as Partial<Checklist>;
  return Object.fromEntries(CHECKLIST_ITEMS.map((i) => [i, stored[i] ?? { concern: false, note: null }])) as Checklist;
}

export function concernsOf(checklist: Checklist): ChecklistItem[] {
  return CHECKLIST_ITEMS.filter((i) => checklist[i].concern);
}

/** A recorded community review as pages show it (dates arrive as strings in client data). */
export interface CommunityReviewShown {
  id: string;
  reviewerName: string;
  revision: number;
  ofCurrentText: boolean;
  decision: CommunityDecision;
  comment: string;
  checklist: Checklist;
  createdAt: Date | string;
}
