// What a trainer reads after saving a draft: whether it checked clean, and where the first error is.
import type { DraftCheckResult } from "./draft-check.server";

export function saveMessage(check: DraftCheckResult | null): string {
  if (!check) return "Saved. The draft checker is busy; the check appears when you open the draft again.";
  if (check.ok) return "Saved. No errors.";
  const errors = check.issues.filter((i) => i.severity === "error");
  const first = errors[0];
  const count = `${errors.length} error${errors.length === 1 ? "" : "s"}`;
  return `Saved, with ${count} to fix before submitting${first ? ` (line ${first.line}: ${first.message})` : ""}.`;
}
