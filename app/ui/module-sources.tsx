import { citationParts, type Source } from "../modules/sources";

/** The works a module draws on, as full citations. */
export function ModuleSources({ sources }: { sources: readonly Source[] }) {
  if (!sources.length) return null;
  return (
    <section className="card sources" aria-labelledby="sources-heading">
      <h2 id="sources-heading">Sources</h2>
      <ul>
        {sources.map((s, i) => {
          const c = citationParts(s);
          return (
            <li key={i}>
              {c.lead}
              {c.titleIsBook ? <cite>{c.title}</cite> : <>“{c.title}”</>}
              {c.tail}
              {s.usedFor ? <span className="muted"> Used for: {s.usedFor}</span> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
