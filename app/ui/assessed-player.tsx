// The player of an assessed attempt: the server sends only where the conversation stands, and each choice is
// a plain form post (it works without JavaScript). With JavaScript, Remix posts it in the background and
// loads the next step; focus then moves to the new step, as in the practice player.
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { AssessedView } from "../scenarios/assessed";
import { ParticipantMeters } from "./meters";
import { Lines } from "./spoken-lines";

interface Props {
  view: AssessedView;
  participants: { id: string; name: string; role: string }[];
  meterNames: string[];
  error: string | null;
}

export function AssessedPlayer({ view, participants, meterNames, error }: Props) {
  const navigation = useNavigation();
  const pending = navigation.state !== "idle" && navigation.formMethod === "POST";
  const nowRef = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    nowRef.current?.focus();
  }, [view.position]);

  return (
    <div className="player">
      <section aria-labelledby="participants-heading" className="player__people">
        <h2 id="participants-heading">How the participants are doing</h2>
        <ParticipantMeters participants={participants} meterNames={meterNames} meters={view.meters} />
      </section>
      <section aria-labelledby="conversation-heading" className="player__conversation">
        <h2 id="conversation-heading">The conversation so far</h2>
        {view.transcript.length === 0 ? <p className="muted">Nothing has been said yet.</p> : null}
        <ol className="transcript">
          {view.transcript.map((step) => (
            <li key={step.position} className="transcript__step">
              <p className="narration">{step.narration}</p>
              <Lines lines={step.lines} />
              <p className="facilitator"><span className="line__speaker">You:</span> {step.choiceText}</p>
            </li>
          ))}
        </ol>
        <div className="now card">
          <h2 ref={nowRef} tabIndex={-1} className="now__heading">Step {view.position + 1}: what do you do?</h2>
          <p className="narration">{view.current.narration}</p>
          <div aria-live="polite" aria-atomic="true">
            <Lines lines={view.current.lines} />
          </div>
          {error ? <div className="alert alert--warn" role="alert"><p>{error}</p></div> : null}
          <Form method="post" className="choices">
            <input type="hidden" name="intent" value="choose" />
            <input type="hidden" name="position" value={view.position} />
            <fieldset disabled={pending}>
              <legend>Your choices</legend>
              <ul role="list" className="choice-list">
                {view.current.choices.map((choice) => (
                  <li key={choice.id}>
                    <button type="submit" name="choiceId" value={choice.id} className="choice">{choice.text}</button>
                  </li>
                ))}
              </ul>
            </fieldset>
          </Form>
          <p aria-live="polite" className="muted">{pending ? "Recording your choice…" : ""}</p>
        </div>
      </section>
    </div>
  );
}
