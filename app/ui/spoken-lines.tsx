import type { SpokenLine } from "../scenarios/views";

/** What the participants say at one point of a role-play. */
export function Lines({ lines }: { lines: SpokenLine[] }) {
  if (!lines.length) return null;
  return (
    <ul className="lines" role="list">
      {lines.map((line, i) => (
        <li key={i} className="line">
          <span className="line__speaker">{line.speakerName}:</span> <q>{line.text}</q>
        </li>
      ))}
    </ul>
  );
}
