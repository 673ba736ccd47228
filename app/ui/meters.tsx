import type { Meters } from "../scenarios/format";

export function meterWord(value: number): string {
  if (value < 25) return "very low";
  if (value < 45) return "low";
  if (value < 65) return "moderate";
  if (value < 85) return "high";
  return "very high";
}

function label(meter: string): string {
  return meter.charAt(0).toUpperCase() + meter.slice(1);
}

interface Props {
  participants: { id: string; name: string; role: string }[];
  meterNames: string[];
  meters: Meters;
  headingLevel?: 2 | 3;
}

/** Each participant's visible state: a bar and the number and a word, so nothing depends on colour. */
export function ParticipantMeters({ participants, meterNames, meters, headingLevel = 3 }: Props) {
  const Heading = `h${headingLevel}` as const;
  return (
    <ul className="participants" role="list">
      {participants.map((p) => (
        <li key={p.id} className="participant card">
          <Heading className="participant__name">
            {p.name} <span className="participant__role">{p.role}</span>
          </Heading>
          <dl className="meters">
            {meterNames.map((m) => {
              const value = meters[p.id]?.[m] ?? 0;
              const id = `meter-${p.id}-${m}`;
              return (
                <div key={m} className="meter">
                  <dt id={id}>{label(m)}</dt>
                  <dd>
                    <meter min={0} max={100} low={35} high={65} optimum={100} value={value} aria-labelledby={id} />
                    <span className="meter__value">
                      {value} <span className="muted">({meterWord(value)})</span>
                    </span>
                  </dd>
                </div>
              );
            })}
          </dl>
        </li>
      ))}
    </ul>
  );
}
