import { forwardRef, useEffect, useState } from "react";
import type { Meters } from "../scenarios/format";
import { participantShortNames, possessive, signed, type MeterChange, type StepEstimate } from "../scenarios/progress";
import { Portrait, type WithPortrait } from "./scenario-image";

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

/** A participant as the strip shows them: a portrait when the scenario gives one. */
export type StripParticipant = { id: string; name: string; role: string } & WithPortrait;

interface StripProps {
  participants: StripParticipant[];
  meterNames: string[];
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
  { participants, meterNames, meters, changes, progress, started },
  ref,
) {
  const [interactive, setInteractive] = useState(false);
  const [open, setOpen] = useState(false);
  useEffect(() => setInteractive(true), []);
  const names = participantShortNames(participants);
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
              {meterNames.map((m) => (
                <th scope="col" key={m}>
                  {label(m)}
                </th>
              ))}
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
                {meterNames.map((m) => {
                  const value = meters[p.id]?.[m] ?? 0;
                  const moved = delta.get(`${p.id}/${m}`);
                  return (
                    <td key={m}>
                      <meter
                        min={0}
                        max={100}
                        low={35}
                        high={65}
                        optimum={100}
                        value={value}
                        aria-label={`${possessive(names.get(p.id)!)} ${m}`}
                      />{" "}
                      <span className="meter__value">{value}</span>
                      {moved ? (
                        <span className={`change ${moved > 0 ? "change--up" : "change--down"}`}> {signed(moved)}</span>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
});
