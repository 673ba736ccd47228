import { forwardRef, useEffect, useState } from "react";
import type { Meters } from "../scenarios/format";
import { participantShortNames, possessive, signed, type MeterChange, type StepEstimate } from "../scenarios/progress";
import type { ParticipantMeter, ShownParticipant } from "../scenarios/scenario";
import { Portrait } from "./scenario-image";

export function meterWord(value: number): string {
  if (value < 25) return "very low";
  if (value < 45) return "low";
  if (value < 65) return "moderate";
  if (value < 85) return "high";
  return "very high";
}

function capitalised(label: string): string {
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** The meters every participant has (the table's columns), and whether anyone has meters of their own. */
export function meterColumns(participants: readonly ShownParticipant[]) {
  return {
    shared: participants[0]?.meters.filter((m) => m.shared) ?? [],
    anyOwn: participants.some((p) => p.meters.some((m) => !m.shared)),
  };
}

interface Props {
  participants: ShownParticipant[];
  meters: Meters;
  headingLevel?: 2 | 3;
}

/** Each participant's visible state: a bar and the number and a word, so nothing depends on colour. */
export function ParticipantMeters({ participants, meters, headingLevel = 3 }: Props) {
  const Heading = `h${headingLevel}` as const;
  return (
    <ul className="participants" role="list">
      {participants.map((p) => (
        <li key={p.id} className="participant card">
          <Heading className="participant__name">
            {p.name} <span className="participant__role">{p.role}</span>
          </Heading>
          <dl className="meters">
            {p.meters.map((m) => {
              const value = meters[p.id]?.[m.id] ?? 0;
              const id = `meter-${p.id}-${m.id}`;
              return (
                <div key={m.id} className="meter">
                  <dt id={id}>{capitalised(m.label)}</dt>
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

interface StripProps {
  participants: ShownParticipant[];
  meters: Meters;
  changes: MeterChange[];
  progress: StepEstimate | null;
  /** whether a choice has been made yet */
  started: boolean;
}

/**
 * The player's participant strip: the step, what the last choice changed (named per participant, with its sign),
 * and every meter in a compact table. It stays on screen while choosing; on a phone the table folds away once the
 * page has JavaScript to unfold it again (without it, the table simply stays open).
 */
export const ParticipantStrip = forwardRef<HTMLElement, StripProps>(function ParticipantStrip(
  { participants, meters, changes, progress, started },
  ref,
) {
  const [interactive, setInteractive] = useState(false);
  const [open, setOpen] = useState(false);
  useEffect(() => setInteractive(true), []);
  const names = participantShortNames(participants);
  const columns = meterColumns(participants);
  const delta = new Map(changes.map((c) => [`${c.participantId}/${c.meter}`, c.delta]));
  const className = `strip card${interactive ? " strip--foldable" : ""}${open ? " strip--open" : ""}`;
  return (
    <section ref={ref} className={className} aria-labelledby="participants-heading" id="participant-strip">
      <div className="strip__bar">
        <h2 id="participants-heading" className="strip__title">
          The participants
        </h2>
        {progress ? (
          <p className="strip__step">
            Step {progress.step} of about {progress.total}
          </p>
        ) : null}
      </div>
      <p className="strip__changes">
        {changes.length ? (
          <>
            <span className="strip__label">Your last choice:</span>{" "}
            {changes.map((c, i) => (
              <span key={c.label} className={`change ${c.delta > 0 ? "change--up" : "change--down"}`}>
                {c.label} {signed(c.delta)}
                {i < changes.length - 1 ? ", " : ""}
              </span>
            ))}
          </>
        ) : started ? (
          "Your last choice changed no one’s state."
        ) : (
          "Each choice you make moves how the participants feel."
        )}
      </p>
      {interactive ? (
        <button
          type="button"
          className="button button--quiet strip__toggle"
          aria-expanded={open}
          aria-controls="strip-meters"
          onClick={() => setOpen(!open)}
        >
          {open ? "Hide everyone’s state" : "Show everyone’s state"}
        </button>
      ) : null}
      <div className="strip__meters" id="strip-meters">
        <table className="strip__table">
          <caption className="visually-hidden">
            Each participant’s state now, and the change from your last choice
          </caption>
          <thead>
            <tr>
              <th scope="col">Participant</th>
              {columns.shared.map((m) => (
                <th scope="col" key={m.id}>
                  {capitalised(m.label)}
                </th>
              ))}
              {columns.anyOwn ? <th scope="col">Their own</th> : null}
            </tr>
          </thead>
          <tbody>
            {participants.map((p) => (
              <tr key={p.id}>
                <th scope="row" title={`${p.name}, ${p.role}`}>
                  <Portrait participant={p} className="portrait portrait--small" />
                  {names.get(p.id)}
                  <span className="visually-hidden">, {p.role}</span>
                </th>
                {columns.shared.map((m) => (
                  <td key={m.id}>
                    <StripMeter
                      who={names.get(p.id)!}
                      meter={m}
                      value={meters[p.id]?.[m.id] ?? 0}
                      moved={delta.get(`${p.id}/${m.id}`)}
                    />
                  </td>
                ))}
                {columns.anyOwn ? (
                  <td>
                    <OwnMeters
                      who={names.get(p.id)!}
                      own={p.meters.filter((m) => !m.shared)}
                      values={meters[p.id] ?? {}}
                      moved={(meter) => delta.get(`${p.id}/${meter}`)}
                    />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
});

/** One meter in the strip: the bar (named "Maria's trust" for screen readers), the value and its last change. */
function StripMeter({
  who,
  meter,
  value,
  moved,
}: {
  who: string;
  meter: ParticipantMeter;
  value: number;
  moved: number | undefined;
}) {
  return (
    <>
      <meter
        min={0}
        max={100}
        low={35}
        high={65}
        optimum={100}
        value={value}
        aria-label={`${possessive(who)} ${meter.label}`}
      />{" "}
      <span className="meter__value">{value}</span>
      {moved ? <span className={`change ${moved > 0 ? "change--up" : "change--down"}`}> {signed(moved)}</span> : null}
    </>
  );
}

/** A participant's own meters in the strip's last column, each named, since they differ from row to row. */
function OwnMeters({
  who,
  own,
  values,
  moved,
}: {
  who: string;
  own: ParticipantMeter[];
  values: Record<string, number>;
  moved: (meter: string) => number | undefined;
}) {
  if (!own.length)
    return (
      <>
        <span aria-hidden="true">–</span>
        <span className="visually-hidden">none</span>
      </>
    );
  return (
    <ul role="list" className="strip__own">
      {own.map((m) => (
        <li key={m.id}>
          <span className="strip__own-label">{capitalised(m.label)}</span>{" "}
          <StripMeter who={who} meter={m} value={values[m.id] ?? 0} moved={moved(m.id)} />
        </li>
      ))}
    </ul>
  );
}
