import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireUser } from "../auth/require-user.server";
import { invalid, readForm } from "../forms";
import { startAttempt } from "../scenarios/attempts.server";
import { scenarioDetails } from "../scenarios/catalog.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? "Role-play"} · Circlekeeper` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: "scenarios:play" });
  const details = await scenarioDetails(user, params.slug ?? "");
  if (!details) throw notFound("There is no role-play at this address.");
  return details;
}

// start: practice (or resume the open attempt); start-over: leave the open practice attempt first.
const StartForm = z.object({
  intent: z.enum(["start", "start-over", "start-assessed"], { errorMap: () => ({ message: "Unknown action." }) }),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: "scenarios:play" });
  const form = readForm(await request.formData(), StartForm);
  if (!form.ok) return invalid(form.errors);
  const slug = params.slug ?? "";
  const { intent } = form.value;
  const outcome = await startAttempt(user, slug, intent === "start-assessed" ? "assessed" : "practice", {
    over: intent === "start-over",
  });
  if (outcome.kind === "not-found") throw notFound("There is no role-play at this address.");
  if (outcome.kind === "refused")
    return data({ ok: false as const, errors: { form: outcome.message } }, { status: 409 });
  return redirect(`/scenarios/${slug}/attempts/${outcome.attemptId}`);
}

export default function ScenarioDetails() {
  const s = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const options = s.options;
  return (
    <div className="page">
      <p>
        <Link to="/scenarios">All role-plays</Link>
      </p>
      <h1>{s.title}</h1>
      <p className="lead">{s.summary}</p>
      <div className="grid">
        <section className="card" aria-labelledby="setting-heading">
          <h2 id="setting-heading">Setting</h2>
          <p>{s.setting}</p>
          <p className="muted">
            About {s.estimatedMinutes} minutes · {s.decisionPoints} decision points · pass mark {s.passMark}% · version{" "}
            {s.version}
          </p>
          <p className="muted">Assesses: {s.competencies.join(", ")}</p>
        </section>
        <section className="card" aria-labelledby="people-heading">
          <h2 id="people-heading">Who is in the room</h2>
          <ul>
            {s.participants.map((p) => (
              <li key={p.id}>
                <strong>{p.name}</strong>, {p.role}: {p.description}
              </li>
            ))}
          </ul>
        </section>
      </div>
      {s.contentNotes.length ? (
        <section className="alert alert--warn" aria-labelledby="notes-heading">
          <h2 id="notes-heading">Before you start: content notes</h2>
          <ul>
            {s.contentNotes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
          <p>You can pause or leave at any point. Leaving is neither a pass nor a fail.</p>
        </section>
      ) : null}
      {refused?.errors ? (
        <div className="alert alert--warn" role="alert">
          <p>{Object.values(refused.errors).join(" ")}</p>
        </div>
      ) : null}
      {s.openAttempt ? (
        <div className="row">
          <Link className="button" to={`/scenarios/${s.slug}/attempts/${s.openAttempt.id}`}>
            Resume your {s.openAttempt.mode === "assessed" ? "assessed attempt" : "practice"} where you stopped (step{" "}
            {s.openAttempt.choiceCount + 1})
          </Link>
          {s.openAttempt.mode !== "assessed" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="start-over" />
              <button type="submit" className="button button--secondary">
                Start over
              </button>
            </Form>
          ) : null}
        </div>
      ) : (
        <div className="grid">
          <section className="card stack" aria-labelledby="practice-heading">
            <h2 id="practice-heading">Practice</h2>
            <p>The debrief shows the best-scoring path. Practice never counts toward a certification.</p>
            {options && !options.practice.ok ? (
              <p>{options.practice.reason}</p>
            ) : (
              <>
                {options?.practice.note ? <p className="alert alert--warn">{options.practice.note}</p> : null}
                <Form method="post">
                  <input type="hidden" name="intent" value="start" />
                  <button type="submit" className="button button--secondary">
                    Start the role-play as practice
                  </button>
                </Form>
              </>
            )}
          </section>
          {options ? (
            <section className="card stack" aria-labelledby="assessed-heading">
              <h2 id="assessed-heading">Assessment</h2>
              {options.countsFor.length ? (
                <ul>
                  {options.countsFor.map((c, i) => (
                    <li key={i}>
                      Counts for {c.program}: {c.skill}, with at least {c.minScore}%
                      {Object.entries(c.competencyMinimums)
                        .map(([k, m]) => `, ${k} at least ${m}%`)
                        .join("")}
                    </li>
                  ))}
                </ul>
              ) : null}
              {options.assessed.ok ? (
                <>
                  <p>
                    Served one step at a time, with the choices in an order of their own, and only your first play of a
                    role-play counts. {options.assessed.retake ? "This is your authorized retake. " : ""}The debrief
                    covers the choices you made, not the best path. Leaving before the end counts as not passed.
                  </p>
                  <Form method="post">
                    <input type="hidden" name="intent" value="start-assessed" />
                    <button type="submit" className="button">
                      Start assessed attempt
                    </button>
                  </Form>
                </>
              ) : (
                <p>{options.assessed.reason}</p>
              )}
            </section>
          ) : null}
        </div>
      )}
    </div>
  );
}
