// The opening of a debrief: at most three things to work on, taken from the play itself. Critical errors come
// first (each one fails the attempt), then the competencies scored lowest, each tied to the choice that cost
// the most on it. Pure, so the page and the tests agree.
import type { Competency } from "./format";
import type { Debrief } from "./views";

export const COMPETENCY_LABELS: Record<Competency, string> = {
  neutrality: "Neutrality",
  empathy: "Empathy",
  safety: "Safety",
  accountability: "Accountability",
  process: "Process",
};

export interface WorkOnPoint {
  kind: "critical" | "competency";
  /** what to work on, in a few words */
  title: string;
  /** why, from this play: the step and the choice that showed it */
  detail: string;
}

/** Competencies below this share of their points are worth working on even in a pass. */
const STRONG = 80;

function quoted(text: string): string {
  const words = text.split(/\s+/);
  return words.length > 16 ? `“${words.slice(0, 16).join(" ")}…”` : `“${text}”`;
}

/** The step whose choice lost the most points on a competency, if any choice lost points on it. */
function costliestStep(debrief: Debrief, competency: Competency) {
  let worst: Debrief["steps"][number] | null = null;
  for (const step of debrief.steps) {
    const points = step.choice.scores[competency] ?? 0;
    if (points < 0 && points < (worst?.choice.scores[competency] ?? 0)) worst = step;
  }
  return worst;
}

/** `who`: "you" for the officer's own debrief, "the officer" for a supervisor reading it. */
export function thingsToWorkOn(debrief: Debrief, who: "you" | "the officer" = "you", limit = 3): WorkOnPoint[] {
  const points: WorkOnPoint[] = debrief.steps
    .filter((s) => s.choice.critical)
    .map((s) => ({
      kind: "critical",
      title: s.choice.critical!,
      detail: `At step ${s.position + 1}, ${who} chose ${quoted(s.choice.text)}. A critical error fails the attempt whatever the score.`,
    }));
  const weakest = debrief.competencies
    .map((c, order) => ({ c, order, score: debrief.result.competencyScores[c] ?? 0 }))
    .filter((x) => x.score < STRONG)
    .sort((a, b) => a.score - b.score || a.order - b.order);
  for (const { c, score } of weakest) {
    const step = costliestStep(debrief, c);
    points.push({
      kind: "competency",
      title: `${COMPETENCY_LABELS[c]} (${score}%)`,
      detail: step
        ? `Most points were lost at step ${step.position + 1}, where ${who} chose ${quoted(step.choice.text)}.`
        : "No choice lost points here, but few earned them: look for the moves that build it.",
    });
  }
  return points.slice(0, limit);
}
