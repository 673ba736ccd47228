// The cue and strategy report as a compact table: every threshold, what was measured, and whether it is met.
import type { StrategySummary } from "../studio/strategy-view";

interface Props {
  summary: StrategySummary;
  /** how a missed threshold counts here: a warning (drafts, or the library before enforcement) or an error */
  severity: "error" | "warning";
  headingId: string;
  /** called with a line number when the trainer asks to see where a missed threshold points */
  onLine?: (line: number) => void;
}

export function StrategyReportView({ summary, severity, headingId, onLine }: Props) {
  return (
    <section aria-labelledby={headingId} className="stack">
      <h2 id={headingId}>Cue and strategy report</h2>
      <p>
        {summary.missed ? (
          <span className={`badge ${severity === "error" ? "badge--danger" : "badge--warn"}`}>
            {summary.missed} of {summary.checks.length} thresholds missed
          </span>
        ) : (
          <span className="badge badge--ok">Every threshold met</span>
        )}
      </p>
      {summary.lines.map((line, i) => (
        <p key={i} className="muted">
          {line}
        </p>
      ))}
      {/* On a phone the table scrolls sideways: the box takes focus so the keyboard can scroll it too. */}
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Thresholds (scrolls sideways)">
        <table>
          <caption className="visually-hidden">Thresholds of the cue and strategy report</caption>
          <thead>
            <tr>
              <th scope="col">Threshold</th>
              <th scope="col">Measured</th>
              <th scope="col">Limit</th>
              <th scope="col">Verdict</th>
            </tr>
          </thead>
          <tbody>
            {summary.checks.map((c) => (
              <tr key={c.label}>
                <td>{c.label}</td>
                <td>{c.measured}</td>
                <td>{c.limit}</td>
                <td>
                  {c.ok ? "met" : <strong>{severity === "error" ? "missed (error)" : "missed (warning)"}</strong>}
                  {!c.ok && onLine ? (
                    <>
                      {" "}
                      <button type="button" className="button button--quiet" onClick={() => onLine(c.line)}>
                        Line {c.line}
                      </button>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
