// The draft editor: a plain textarea (it works without JavaScript: "Save and check"), with live validation
// while typing when JavaScript is on. Each problem links to its line.
import { Form, useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { DraftPreview } from "../studio/draft-view.server";
import { ScenarioMapView } from "./scenario-map";
import { StrategyReportView } from "./strategy-report";
import { VisualEditor } from "./visual-editor";

interface Props {
  kind: "scenario" | "module";
  source: string;
  preview: DraftPreview;
  editable: boolean;
  /** whether the Submit button shows: it sends the editor's text, so unsaved edits are never left behind */
  submittable?: boolean;
}

export function DraftEditor({ kind, source, preview: initial, editable, submittable = false }: Props) {
  const fetcher = useFetcher<DraftPreview | { errors: Record<string, string> }>();
  const [text, setText] = useState(source);
  const area = useRef<HTMLTextAreaElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const preview = fetcher.data && "issues" in fetcher.data ? fetcher.data : initial;
  // 429 from live validation: the checker is busy; what was shown stays, with a word about it.
  const notChecked = fetcher.data && "errors" in fetcher.data ? (fetcher.data.errors.form ?? null) : null;
  useEffect(() => setText(source), [source]);
  useEffect(() => () => clearTimeout(timer.current), []);

  function onChange(value: string) {
    setText(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(
      () => fetcher.submit({ kind, source: value }, { method: "post", action: "/studio/validate" }),
      400,
    );
  }

  function goToLine(line: number) {
    const el = area.current;
    if (!el) return;
    const lines = el.value.split("\n");
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    el.focus();
    el.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
    const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 18;
    el.scrollTop = Math.max(0, (line - 5) * lineHeight);
  }

  const errors = preview.issues.filter((i) => i.severity === "error").length;
  // An editable scenario gets the visual editor (its own map, of the text as typed); otherwise the checked map.
  const visual = kind === "scenario" && editable;
  return (
    <>
      <div className="studio-layout">
        <div>
          <Form method="post">
            <div className="field">
              <label htmlFor="source">{kind === "scenario" ? "Scenario (YAML)" : "Module (MDX)"}</label>
              <textarea
                id="source"
                ref={area}
                name="source"
                className="editor"
                spellCheck={false}
                value={text}
                readOnly={!editable}
                onChange={(e) => onChange(e.target.value)}
                aria-describedby="draft-status"
              />
            </div>
            <div className="row">
              {editable ? (
                <button type="submit" name="intent" value="save" className="button">
                  Save and check
                </button>
              ) : null}
              {submittable ? (
                <button type="submit" name="intent" value="submit" className="button">
                  Submit for review
                </button>
              ) : null}
            </div>
          </Form>
        </div>
        <div className="stack">
          <section aria-labelledby="check-h">
            <h2 id="check-h">Check</h2>
            <p id="draft-status" role="status">
              {fetcher.state !== "idle"
                ? "Checking…"
                : (notChecked ?? (errors ? `${errors} error${errors > 1 ? "s" : ""}` : "No errors"))}
              {preview.issues.length - errors ? `, ${preview.issues.length - errors} warning(s)` : ""}
            </p>
            {preview.issues.length ? (
              <ul className="issues">
                {preview.issues.map((i, n) => (
                  <li key={n} className={`issue--${i.severity}`}>
                    <button type="button" className="button button--quiet" onClick={() => goToLine(i.line)}>
                      Line {i.line}
                    </button>{" "}
                    <strong>{i.severity}:</strong> {i.message}
                  </li>
                ))}
              </ul>
            ) : null}
            {preview.scores ? <p className="muted">{preview.scores}</p> : null}
          </section>
          {preview.strategy ? (
            <StrategyReportView
              summary={preview.strategy}
              severity="warning"
              headingId="strategy-h"
              onLine={goToLine}
            />
          ) : null}
          {preview.map && !visual ? (
            <section aria-labelledby="preview-map-h">
              <h2 id="preview-map-h">Map preview</h2>
              <ScenarioMapView map={preview.map} flagged={preview.flagged} />
            </section>
          ) : null}
          {preview.html ? (
            <section aria-labelledby="preview-h" className="card">
              <h2 id="preview-h">Preview</h2>
              <div className="prose" dangerouslySetInnerHTML={{ __html: preview.html }} />
            </section>
          ) : null}
        </div>
      </div>
      {visual ? <VisualEditor text={text} onText={onChange} issues={preview.issues} flagged={preview.flagged} /> : null}
    </>
  );
}
