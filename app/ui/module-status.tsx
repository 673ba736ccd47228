export function ModuleStatusBadge({ status }: { status: "not_started" | "in_progress" | "passed" }) {
  if (status === "passed") return <span className="badge badge--ok">Passed</span>;
  if (status === "in_progress") return <span className="badge badge--warn">In progress</span>;
  return <span className="badge badge--neutral">Not started</span>;
}
