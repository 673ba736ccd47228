import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSubmit } from "@remix-run/react";
import { notFound, requireUser } from "../auth/require-user.server";
import { invalid, readForm } from "../forms";
import { PlaytestInput, playtestSetup, playtestTurn, playtestVersion } from "../studio/playtest.server";
import { ParticipantMeters } from "../ui/meters";

export const meta: MetaFunction = () => [{ title: "Playtest · Studio · Circlekeeper" }];

async function versionOrNotFound(request: Request, slug: string | undefined) {
  const version = await playtestVersion(slug ?? "", new URL(request.url).searchParams);
  if (!version) throw notFound("There is no scenario at this address.");
  return version;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { permission: "studio:use" });
  const version = await versionOrNotFound(request, params.slug);
  return playtestSetup(version, new URL(request.url).searchParams.get("node"));
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireUser(request, { permission: "studio:use" });
  const version = await versionOrNotFound(request, params.slug);
  const form = readForm(await request.formData(), PlaytestInput);
  if (!form.ok) return invalid({ form: "The playtest form was not valid; start again." });
  const turn = playtestTurn(version, form.value);
  return turn.ok ? turn : invalid(turn.errors);
}

export default function Playtest() {
  const p = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = a?.errors ?? {};
  const playing = a && a.ok ? a : null;
  const submit = useSubmit();
  return (
    <div className="page stack">
      <p>
        <Link to={`/studio/scenarios/${p.slug}?version=${p.number}`}>
          {p.title} v{p.number}
        </Link>
      </p>
      <h1>Playtest</h1>
      <p className="lead">
        Nothing you do here is recorded as an attempt. Scores and feedback show after every choice.
      </p>
      {errors.form ? (
        <div className="alert alert--error" role="alert">
          <p>{errors.form}</p>
        </div>
      ) : null}
      {!playing ? (
        <div className="card stack">
          {/* Choosing the node reloads the states play reaches there (a GET form: works without JavaScript). */}
          <Form method="get" className="row" onChange={(e) => submit(e.currentTarget)}>
            <input type="hidden" name="version" value={p.number} />
            <div className="field">
              <label htmlFor="node">Start at node</label>
              <select id="node" name="node" defaultValue={p.start}>
                {p.decisionNodes.map((n) => (
                  <option key={n.id} value={n.id}>
                    {n.label} ({n.id})
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button--secondary">
              Show the states play reaches there
            </button>
          </Form>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="start" />
            <input type="hidden" name="node" value={p.start} />
            {errors.node ? <p className="field-error">{errors.node}</p> : null}
            <fieldset aria-describedby="states-hint">
              <legend>Participant state at this node</legend>
              <p id="states-hint" className="muted">
                States play can reach here, the most common first (“ways in”: how many choices lead to it).
              </p>
              {p.states === null ? (
                <p>This scenario has too many states to list; play starts from the participants' initial state.</p>
              ) : null}
              {p.states && !p.states.length ? <p>Play never reaches this node.</p> : null}
              {p.states?.map((st, i) => (
                <div className="option" key={i}>
                  <input type="radio" id={`state-${i}`} name="state" value={i} defaultChecked={i === 0} />
                  <label htmlFor={`state-${i}`} className="option__label">
                    {p.participants
                      .map(
                        (pt) =>
                          `${pt.name}: ${pt.meters.map((m) => `${m.label} ${st.meters[pt.id]?.[m.id]}`).join(", ")}`,
                      )
                      .join("; ")}{" "}
                    <span className="muted">
                      ({st.ways} way{st.ways === 1 ? "" : "s"} in)
                    </span>
                  </label>
                </div>
              ))}
              {errors.state ? <p className="field-error">{errors.state}</p> : null}
            </fieldset>
            <fieldset>
              <legend>Points already earned</legend>
              <div className="filters__grid">
                {p.competencies.map((c) => (
                  <div className="field" key={c}>
                    <label htmlFor={`points.${c}`}>{c}</label>
                    <input id={`points.${c}`} name={`points.${c}`} type="number" defaultValue={0} />
                  </div>
                ))}
              </div>
            </fieldset>
            <button type="submit" className="button">
              Start playtest
            </button>
          </Form>
        </div>
      ) : (
        <div className="studio-layout">
          <section className="card stack" aria-labelledby="pt-node">
            <h2 id="pt-node">Node: {playing.node.id}</h2>
            {playing.feedback ? (
              <div className={`alert ${playing.feedback.critical ? "alert--error" : ""}`} aria-live="polite">
                <p>
                  <strong>You chose:</strong> {playing.feedback.text}
                </p>
                {playing.feedback.critical ? (
                  <p>
                    <strong>Critical error:</strong> {playing.feedback.critical}
                  </p>
                ) : null}
                <p>{playing.feedback.feedback}</p>
                <p className="muted">
                  Points:{" "}
                  {Object.entries(playing.feedback.scores)
                    .map(([c, v]) => `${c} ${v! > 0 ? "+" : ""}${v}`)
                    .join(", ") || "none"}
                </p>
              </div>
            ) : null}
            <p className="narration">{playing.node.narration}</p>
            {playing.node.lines.map((l, i) => (
              <p key={i}>
                <strong>{l.speaker}:</strong> {l.text}
              </p>
            ))}
            {playing.node.ending ? (
              <div className="alert alert--ok">
                <p>
                  <strong>Ending:</strong> {playing.node.ending.outcome}
                </p>
                {playing.result ? (
                  <p>
                    Result: {playing.result.passed ? "passed" : "not passed"}, {playing.result.score}%
                  </p>
                ) : null}
              </div>
            ) : (
              <Form method="post">
                <input type="hidden" name="intent" value="choose" />
                <input type="hidden" name="state" value={playing.stateJson} />
                <fieldset>
                  <legend>Choices</legend>
                  <ul role="list" className="choice-list">
                    {playing.node.choices.map((c) => (
                      <li key={c.id}>
                        <button type="submit" name="choiceId" value={c.id} className="choice">
                          {c.text}
                        </button>
                      </li>
                    ))}
                  </ul>
                </fieldset>
              </Form>
            )}
            <p>
              <Link to={`/studio/scenarios/${p.slug}/playtest?version=${p.number}`} reloadDocument>
                Start a new playtest
              </Link>
            </p>
          </section>
          <section aria-labelledby="pt-state">
            <h2 id="pt-state">State</h2>
            <p>Score so far: {playing.scores.total}% overall</p>
            <ParticipantMeters participants={p.participants} meters={playing.state.meters} />
          </section>
        </div>
      )}
    </div>
  );
}
