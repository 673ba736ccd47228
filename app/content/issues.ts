// A problem found in a content file, pointing at the line a trainer should open.
export type Severity = "error" | "warning";

export interface ContentIssue {
  severity: Severity;
  file: string;
  line: number;
  message: string;
}

export function formatIssue(issue: ContentIssue): string {
  return `${issue.file}:${issue.line}: ${issue.severity}: ${issue.message}`;
}

export function hasErrors(issues: readonly ContentIssue[]): boolean {
  return issues.some((issue) => issue.severity === "error");
}
