// Why an attempt is played: practice (for learning, never evidence) or assessment (what programs count).
// See docs/decisions/0140-practice-and-assessed-attempts.md.
export const ATTEMPT_MODES = ["practice", "assessed"] as const;
export type AttemptMode = (typeof ATTEMPT_MODES)[number];

export function attemptModeOf(value: string): AttemptMode {
  return value === "assessed" ? "assessed" : "practice";
}
