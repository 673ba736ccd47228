// A compact line diff: only the changed hunks, each under its `@@ -old,count +new,count @@` header, with the
// line number in the newer text (or the older one for a removed line). "+" marks added lines, "−" removed ones.
import type { DiffHunk } from "../studio/diff";

export function hunkHeader(h: DiffHunk): string {
  return `@@ -${h.oldStart},${h.oldCount} +${h.newStart},${h.newCount} @@`;
}

export function DiffHunks({ hunks, label }: { hunks: DiffHunk[]; label: string }) {
  if (!hunks.length) return <p>No lines differ.</p>;
  const added = hunks.reduce((n, h) => n + h.lines.filter((l) => l.kind === "added").length, 0);
  const removed = hunks.reduce((n, h) => n + h.lines.filter((l) => l.kind === "removed").length, 0);
  return (
    <div className="stack">
      <p>
        {added} line{added === 1 ? "" : "s"} added, {removed} removed, in {hunks.length} place
        {hunks.length === 1 ? "" : "s"}. Added lines are marked “+”, removed lines “−”.
      </p>
      {/* A focusable, labelled region: long lines scroll sideways, and keyboard users can scroll it too. */}
      <pre className="diff card" tabIndex={0} role="region" aria-label={label}>
        {hunks.map((h, k) => (
          <span key={k}>
            <span className="diff__line diff__hunk">
              {hunkHeader(h)}
              {"\n"}
            </span>
            {h.lines.map((l, i) => (
              <span key={i} className={`diff__line diff__line--${l.kind}`}>
                {l.kind === "added" ? "+ " : l.kind === "removed" ? "− " : "  "}
                {String(l.newLine ?? l.oldLine).padStart(4, " ")} {l.text}
                {"\n"}
              </span>
            ))}
          </span>
        ))}
      </pre>
    </div>
  );
}
