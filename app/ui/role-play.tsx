// The role-play player's page, for practice and assessed attempts alike: the participant strip (sticky, with the
// step and what the last choice changed), the conversation (earlier steps folded away, the latest exchange shown)
// and the choices. It renders only what the server has recorded; each choice is a plain form post (it works
// without JavaScript), and with JavaScript one choice per step is sent and clicks while it is on its way are ignored.
import { Form, useNavigation } from "@remix-run/react";
import { useMachine } from "@xstate/react";
import { useEffect, useRef, useState } from "react";
import { choiceSubmissionMachine } from "../scenarios/choice-submission";
import type { Meters } from "../scenarios/format";
import { describeChanges, type MeterChange, type StepEstimate } from "../scenarios/progress";
import type { ShownParticipant } from "../scenarios/scenario";
import type { NodeImage, SpokenLine } from "../scenarios/views";
import { ParticipantStrip } from "./meters";
import { Illustration } from "./scenario-image";
import { Lines } from "./spoken-lines";

export interface RolePlayView {
  transcript: {
    position: number;
    narration: string;
    lines: SpokenLine[];
    choiceText: string;
    image?: NodeImage | null;
  }[];
  current: {
    narration: string;
    lines: SpokenLine[];
    choices: { id: string; text: string }[];
    image?: NodeImage | null;
  };
  meters: Meters;
  changes: MeterChange[];
  position: number;
}

interface Props {
  view: RolePlayView;
  participants: ShownParticipant[];
  progress: StepEstimate | null;
  error: string | null;
}

/** Below this width the strip sits above the conversation instead of beside it (as in app.css). */
const BESIDE = "(min-width: 60rem)";

export function RolePlay({ view, participants, progress, error }: Props) {
  const nowRef = useRef<HTMLHeadingElement>(null);
  const stripRef = useRef<HTMLElement>(null);
  const [announcement, setAnnouncement] = useState("");
  const shown = useRef(view.position);
  // A new step: focus its heading, just below the strip when the strip sits on top, and say what changed.
  useEffect(() => {
    if (shown.current === view.position) return;
    shown.current = view.position;
    const heading = nowRef.current;
    if (!heading) return;
    heading.focus({ preventScroll: true });
    const onTop = !window.matchMedia(BESIDE).matches;
    const above = onTop ? (stripRef.current?.getBoundingClientRect().height ?? 0) : 0;
    window.scrollTo({ top: heading.getBoundingClientRect().top + window.scrollY - above - 8 });
    const said = view.current.lines.map((l) => `${l.speakerName}: ${l.text}`).join(" ");
    setAnnouncement(`${describeChanges(view.changes)} ${said}`.trim());
  }, [view]);

  const earlier = view.transcript.slice(0, -1);
  const latest = view.transcript.at(-1);
  return (
    <div className="player">
      <ParticipantStrip
        ref={stripRef}
        participants={participants}
        meters={view.meters}
        changes={view.changes}
        progress={progress}
        started={view.position > 0}
      />
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
      <section aria-labelledby="conversation-heading" className="player__conversation">
        <h2 id="conversation-heading">The conversation so far</h2>
        {latest ? null : <p className="muted">Nothing has been said yet.</p>}
        {earlier.length ? (
          <details className="history">
            <summary>
              Earlier in the conversation ({earlier.length} {earlier.length === 1 ? "step" : "steps"})
            </summary>
            <ol className="transcript">
              {earlier.map((step) => (
                <Exchange key={step.position} step={step} />
              ))}
            </ol>
          </details>
        ) : null}
        {latest ? (
          <ol className="transcript" start={latest.position + 1}>
            <Exchange step={latest} />
          </ol>
        ) : null}
        <div className="now card">
          <h2 ref={nowRef} tabIndex={-1} className="now__heading">
            Step {view.position + 1}: what do you do?
          </h2>
          <Illustration image={view.current.image} />
          <p className="narration">{view.current.narration}</p>
          <Lines lines={view.current.lines} />
          {error ? (
            <div className="alert alert--warn" role="alert">
              <p>{error}</p>
            </div>
          ) : null}
          <Choices position={view.position} choices={view.current.choices} />
        </div>
      </section>
    </div>
  );
}

function Exchange({ step }: { step: RolePlayView["transcript"][number] }) {
  return (
    <li className="transcript__step">
      <Illustration image={step.image} />
      <p className="narration">{step.narration}</p>
      <Lines lines={step.lines} />
      <p className="facilitator">
        <span className="line__speaker">You:</span> {step.choiceText}
      </p>
    </li>
  );
}

/**
 * The choices of one step. One choice per step reaches the server: a click while a choice is on its way, or the
 * second click of a double click (which may land on the next step's buttons), is ignored. The server also
 * records a resent choice once (attempts.server.ts), so nothing here is needed for correctness.
 */
function Choices({ position, choices }: { position: number; choices: { id: string; text: string }[] }) {
  const navigation = useNavigation();
  const [submission, send] = useMachine(choiceSubmissionMachine, { input: { position } });
  useEffect(() => send({ type: "STEP_SHOWN", position }), [position, send]);
  useEffect(() => {
    if (navigation.state === "idle") send({ type: "NAVIGATION_IDLE" });
  }, [navigation.state, send]);
  const busy = navigation.state !== "idle" || submission.matches("sending");
  function guard(event: React.MouseEvent<HTMLButtonElement>) {
    if (!submission.can({ type: "CHOOSE", clickCount: event.detail })) {
      event.preventDefault();
      return;
    }
    send({ type: "CHOOSE", clickCount: event.detail });
  }
  return (
    <Form method="post" className="choices" replace preventScrollReset>
      <input type="hidden" name="intent" value="choose" />
      <input type="hidden" name="position" value={position} />
      <fieldset>
        <legend>Your choices</legend>
        <ul role="list" className="choice-list">
          {choices.map((choice) => (
            <li key={choice.id}>
              <button
                type="submit"
                name="choiceId"
                value={choice.id}
                className="choice"
                aria-disabled={busy || undefined}
                onClick={guard}
              >
                {choice.text}
              </button>
            </li>
          ))}
        </ul>
      </fieldset>
      <p className="muted">{busy ? "Recording your choice…" : ""}</p>
    </Form>
  );
}
