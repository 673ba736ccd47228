// The role-play player. Without JavaScript it is a plain form; with it, the same XState machine the server
// uses (built from a copy of the scenario with no scoring) moves the conversation on at once while the
// choice is recorded on the server, whose answer always wins.
import { Form, useFetcher, useRevalidator } from "@remix-run/react";
import { useMachine } from "@xstate/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { createScenarioMachine, replayMachine } from "../scenarios/machine";
import type { Scenario } from "../scenarios/scenario";
import { playerView } from "../scenarios/views";
import { ParticipantMeters } from "./meters";
import { Lines } from "./spoken-lines";

interface Props {
  scenario: Scenario;
  recorded: string[];
  error: string | null;
}

type Refusal = { ok: false; errors: Record<string, string> };

export function ScenarioPlayer(props: Props) {
  // The fetcher lives here, above the keyed player, so its answer survives the player's remounts.
  // The player remounts from the server's record whenever it changes, or when the server refused a move
  // the browser had already shown: the server is the source of truth.
  const fetcher = useFetcher<Refusal>();
  const revalidator = useRevalidator();
  const [refused, setRefused] = useState<{ count: number; message: string | null }>({ count: 0, message: null });
  const handled = useRef<unknown>(null);
  useEffect(() => {
    const data = fetcher.data;
    if (fetcher.state !== "idle" || !data?.errors || handled.current === data) return;
    handled.current = data;
    setRefused((r) => ({ count: r.count + 1, message: Object.values(data.errors)[0] ?? "That choice could not be recorded." }));
    revalidator.revalidate();
  }, [fetcher.state, fetcher.data, revalidator]);
  const submit = (choiceId: string, position: number) => {
    setRefused((r) => ({ ...r, message: null }));
    fetcher.submit({ intent: "choose", choiceId, position: String(position) }, { method: "post" });
  };
  return (
    <PlayerAt
      key={`${props.recorded.join("/")}#${refused.count}`}
      {...props}
      error={refused.message ?? props.error}
      pending={fetcher.state !== "idle"}
      submit={submit}
    />
  );
}

function PlayerAt({ scenario, recorded, error, pending, submit }: Props & { pending: boolean; submit: (choiceId: string, position: number) => void }) {
  const machine = useMemo(() => createScenarioMachine(scenario), [scenario]);
  const restored = useMemo(() => replayMachine(machine, scenario, recorded).snapshot, [machine, scenario, recorded]);
  const [snapshot, send] = useMachine(machine, { snapshot: restored });
  const choices = snapshot.context.path.map((p) => p.choiceId);
  const view = playerView(scenario, choices);
  const nowRef = useRef<HTMLHeadingElement>(null);
  const moved = choices.length > 0;

  useEffect(() => {
    if (moved) nowRef.current?.focus();
  }, [choices.length, moved]);

  function chooseInstantly(event: React.MouseEvent<HTMLButtonElement>, choiceId: string) {
    event.preventDefault();
    const position = snapshot.context.path.length;
    if (!snapshot.can({ type: "CHOOSE", choiceId })) return;
    send({ type: "CHOOSE", choiceId });
    submit(choiceId, position);
  }

  return (
    <div className="player">
      <section aria-labelledby="participants-heading" className="player__people">
        <h2 id="participants-heading">How the participants are doing</h2>
        <ParticipantMeters participants={scenario.participants} meterNames={scenario.meters} meters={view.meters} />
      </section>
      <section aria-labelledby="conversation-heading" className="player__conversation">
        <h2 id="conversation-heading">The conversation so far</h2>
        {view.transcript.length === 0 ? <p className="muted">Nothing has been said yet.</p> : null}
        <ol className="transcript">
          {view.transcript.map((step) => (
            <li key={step.position} className="transcript__step">
              <p className="narration">{step.narration}</p>
              <Lines lines={step.lines} />
              {step.choice ? (
                <p className="facilitator">
                  <span className="line__speaker">You:</span> {step.choice.text}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
        <div className="now card">
          <h2 ref={nowRef} tabIndex={-1} className="now__heading">
            {view.current.ending ? "The process ends" : `Step ${view.position + 1}: what do you do?`}
          </h2>
          <p className="narration">{view.current.narration}</p>
          <div aria-live="polite" aria-atomic="true">
            <Lines lines={view.current.lines} />
          </div>
          {error ? (
            <div className="alert alert--warn" role="alert">
              <p>{error}</p>
            </div>
          ) : null}
          {view.current.ending ? (
            <p aria-live="polite">{pending ? "Recording your last choice and preparing the debrief…" : view.current.ending.outcome}</p>
          ) : (
            <Form method="post" className="choices">
              <input type="hidden" name="intent" value="choose" />
              <input type="hidden" name="position" value={view.position} />
              <fieldset>
                <legend>Your choices</legend>
                <ul role="list" className="choice-list">
                  {view.current.choices.map((choice) => (
                    <li key={choice.id}>
                      <button
                        type="submit"
                        name="choiceId"
                        value={choice.id}
                        className="choice"
                        onClick={(e) => chooseInstantly(e, choice.id)}
                      >
                        {choice.text}
                      </button>
                    </li>
                  ))}
                </ul>
              </fieldset>
            </Form>
          )}
        </div>
      </section>
    </div>
  );
}
