// The components module authors may use. Rendered to static HTML at build time; they hold no state.
import type { ReactNode } from "react";

const CALLOUT_KINDS = ["note", "tip", "caution", "example"] as const;
const CALLOUT_LABELS: Record<(typeof CALLOUT_KINDS)[number], string> = {
  note: "Note",
  tip: "Tip",
  caution: "Caution",
  example: "Example",
};

export function Callout({ kind = "note", title, children }: { kind?: string; title?: string; children?: ReactNode }) {
  const k = (CALLOUT_KINDS as readonly string[]).includes(kind) ? (kind as (typeof CALLOUT_KINDS)[number]) : "note";
  return (
    <aside
      className={`callout callout--${k}`}
      aria-label={title ? `${CALLOUT_LABELS[k]}: ${title}` : CALLOUT_LABELS[k]}
    >
      <p className="callout__label">
        {CALLOUT_LABELS[k]}
        {title ? `: ${title}` : ""}
      </p>
      {children}
    </aside>
  );
}

export function KeyTerm({ term, children }: { term?: string; children?: ReactNode }) {
  return (
    <div className="key-term" data-key-term={term}>
      <p className="key-term__term">
        <dfn>{term}</dfn>
      </p>
      <div className="key-term__definition">{children}</div>
    </div>
  );
}

export function Reflection({ children }: { children?: ReactNode }) {
  return (
    <aside className="reflection" aria-label="Reflection">
      <p className="reflection__label">Reflect</p>
      {children}
    </aside>
  );
}

export function ScenarioLink({ slug, children }: { slug?: string; children?: ReactNode }) {
  const safe = /^[a-z][a-z0-9-]*$/.test(slug ?? "") ? slug : "";
  return (
    <a className="scenario-link" href={`/scenarios/${safe}`}>
      {children ?? "Practise this in a role-play"}
    </a>
  );
}

export const KNOWLEDGE_CHECK_MARKER = '<div data-knowledge-check="true"></div>';

export function KnowledgeCheck() {
  return <div data-knowledge-check="true" />;
}

export const moduleComponents = { Callout, KeyTerm, Reflection, ScenarioLink, KnowledgeCheck };
