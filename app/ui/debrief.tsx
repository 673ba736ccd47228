import { Form, Link } from "@remix-run/react";
import { COMPETENCY_LABELS, thingsToWorkOn } from "../scenarios/debrief-summary";
import type { Competency, Meters } from "../scenarios/format";
import { meterChanges, signed } from "../scenarios/progress";
import type { ParticipantMeter, ShownParticipant } from "../scenarios/scenario";
import type { Debrief } from "../scenarios/views";
import { meterColumns } from "./meters";
import { Portrait } from "./scenario-image";

function MeterChanges({
  before,
  after,
  participants,
}: {
  before: Meters;
  after: Meters;
  participants: ShownParticipant[];
}) {
  const changes = meterChanges(participants, before, after);
  return changes.length ? (
    <p className="muted">Effect: {changes.map((c) => `${c.label} ${signed(c.delta)}`).join(", ")}</p>
  ) : null;
}

interface Props {
  debrief: Debrief;
  participants: ShownParticipant[];
  /** who is reading: the officer who played, or a supervisor reading an officer's attempt */
  viewer?: "officer" | "supervisor";
  /** the officer's own debrief ends with what to do next; a supervisor's has none */
  next?: {
    slug: string;
    assessed: boolean;
    scenario: { slug: string; title: string } | null;
    /** the two-minute survey on this role-play, offered until the officer has answered it */
    survey?: boolean;
  };
}

export function DebriefView({ debrief, participants, viewer = "officer", next }: Props) {
  const { result } = debrief;
  const own = viewer === "officer";
  const workOn = thingsToWorkOn(debrief, own ? "you" : "the officer");
  return (
    <div className="debrief stack">
      <section className={`card verdict ${result.passed ? "verdict--pass" : "verdict--fail"}`} aria-label="In short">
        <h2 id="verdict-heading" tabIndex={-1}>
          {result.passed ? "Passed" : "Not passed"}: {result.score}%{" "}
          <span className="muted">(pass mark {debrief.passMark}%)</span>
        </h2>
        <p>
          <strong>Outcome:</strong> {debrief.ending.outcome}
        </p>
        {!result.passed ? (
          <p>
            {result.criticalErrors.length
              ? "A critical error ends an attempt as not passed, whatever the score."
              : !debrief.ending.success
                ? "This ending cannot pass: the process did not reach a safe, genuine resolution."
                : `The score was below the pass mark of ${debrief.passMark}%.`}
          </p>
        ) : null}
        <h3>What to work on</h3>
        {workOn.length ? (
          <ol className="work-on">
            {workOn.map((point, i) => (
              <li key={i}>
                <strong>{point.kind === "critical" ? `Critical error: ${point.title}` : point.title}</strong>
                <br />
                {point.detail}
              </li>
            ))}
          </ol>
        ) : (
          <p>Nothing stands out: every competency scored 80% or more and no choice was a critical error.</p>
        )}
        {own ? (
          <p>
            <a href="#what-next">What next</a>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="ending-heading">
        <h2 id="ending-heading">What happened at the end</h2>
        <div className="prose">
          {debrief.ending.debrief.split(/\n\s*\n/).map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </div>
      </section>

      <section aria-labelledby="competency-heading">
        <h2 id="competency-heading">Scores by competency</h2>
        <div className="table-wrap" role="group" aria-labelledby="competency-heading" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Competency</th>
                <th scope="col">Score</th>
              </tr>
            </thead>
            <tbody>
              {debrief.competencies.map((c) => (
                <tr key={c}>
                  <th scope="row">{COMPETENCY_LABELS[c] ?? c}</th>
                  <td>
                    <meter
                      min={0}
                      max={100}
                      value={result.competencyScores[c] ?? 0}
                      aria-label={`${COMPETENCY_LABELS[c] ?? c} score`}
                    />{" "}
                    {result.competencyScores[c] ?? 0}%
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {result.criticalErrors.length ? (
        <section aria-labelledby="critical-heading" className="alert alert--error">
          <h2 id="critical-heading">Critical errors</h2>
          <ul>
            {result.criticalErrors.map((e, i) => (
              <li key={i}>{e.reason}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <StateMoved debrief={debrief} participants={participants} />

      <section aria-labelledby="choices-heading">
        <h2 id="choices-heading">{own ? "Your choices, one by one" : "The officer’s choices, one by one"}</h2>
        <ol className="debrief-steps">
          {debrief.steps.map((step) => (
            <li key={step.position} className="card debrief-step">
              <p className="muted">{step.narration}</p>
              <p>
                <strong>{own ? "You chose:" : "The officer chose:"}</strong> {step.choice.text}
              </p>
              {step.choice.critical ? <p className="field-error">Critical error: {step.choice.critical}</p> : null}
              <p>{step.choice.feedback}</p>
              {Object.keys(step.choice.scores).length ? (
                <p className="muted">
                  Points:{" "}
                  {Object.entries(step.choice.scores)
                    .map(([c, n]) => `${COMPETENCY_LABELS[c as Competency] ?? c} ${signed(n ?? 0)}`)
                    .join(", ")}
                </p>
              ) : null}
              <MeterChanges before={step.metersBefore} after={step.metersAfter} participants={participants} />
              {step.best ? (
                <p>
                  <strong>A stronger choice here:</strong> {step.best.text}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      </section>

      {debrief.modelPath ? (
        <section aria-labelledby="model-heading">
          <h2 id="model-heading">The path that scores best</h2>
          <p className="muted">
            One way through that earns the highest score and passes. Compare it with {own ? "yours" : "the officer’s"}.
          </p>
          <ol className="model-path">
            {debrief.modelPath.map((step, i) => (
              <li key={i}>
                <p>
                  <strong>{step.choice.text}</strong>
                </p>
                <p className="muted">{step.choice.feedback}</p>
              </li>
            ))}
          </ol>
        </section>
      ) : (
        <p className="muted">
          This was an assessed attempt: its debrief covers the choices {own ? "you" : "the officer"} made, not the best
          path or the other choices, so that the role-play can still assess the next officer who takes it.
        </p>
      )}
      {own && next ? <WhatNext next={next} /> : null}
    </div>
  );
}

/** Start and end of every meter: the shared ones as columns, each participant's own named in a last column. */
function StateMoved({ debrief, participants }: { debrief: Debrief; participants: ShownParticipant[] }) {
  const columns = meterColumns(participants);
  const moved = (p: ShownParticipant, m: ParticipantMeter) => {
    const a = debrief.meterStart[p.id]?.[m.id] ?? 0;
    const b = debrief.meterEnd[p.id]?.[m.id] ?? 0;
    return `${a} → ${b} (${signed(b - a)})`;
  };
  return (
    <section aria-labelledby="participants-moved">
      <h2 id="participants-moved">How each participant's state moved</h2>
      <div className="table-wrap" role="group" aria-labelledby="participants-moved" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">Participant</th>
              {columns.shared.map((m) => (
                <th scope="col" key={m.id}>
                  {m.label} (start → end)
                </th>
              ))}
              {columns.anyOwn ? <th scope="col">Their own (start → end)</th> : null}
            </tr>
          </thead>
          <tbody>
            {participants.map((p) => {
              const own = p.meters.filter((m) => !m.shared);
              return (
                <tr key={p.id}>
                  <th scope="row">
                    <Portrait participant={p} className="portrait portrait--small" />
                    {p.name} <span className="muted">({p.role})</span>
                  </th>
                  {columns.shared.map((m) => (
                    <td key={m.id}>{moved(p, m)}</td>
                  ))}
                  {columns.anyOwn ? (
                    <td>{own.length ? own.map((m) => `${m.label} ${moved(p, m)}`).join("; ") : "none"}</td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function WhatNext({ next }: { next: NonNullable<Props["next"]> }) {
  return (
    <nav aria-labelledby="what-next" className="card what-next no-print">
      <h2 id="what-next">What next</h2>
      <div className="row">
        <Form method="post" action={`/scenarios/${next.slug}`}>
          <input type="hidden" name="intent" value="start" />
          <button type="submit" className="button">
            {next.assessed ? "Practise this role-play" : "Try this role-play again"}
          </button>
        </Form>
        {next.scenario ? (
          <Link className="button button--secondary" to={`/scenarios/${next.scenario.slug}`}>
            Next role-play: {next.scenario.title}
          </Link>
        ) : null}
        <Link className="button button--secondary" to="/certification">
          Your progress
        </Link>
      </div>
      {next.survey ? (
        <p>
          <Link to={`/survey/scenario/${next.slug}`}>Two minutes: how was this role-play?</Link>
        </p>
      ) : null}
    </nav>
  );
}
