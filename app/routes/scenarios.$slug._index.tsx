import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireUser } from "../auth/require-user.server";
import { invalid, readForm } from "../forms";
import { startOrResume, startOver } from "../scenarios/attempts.server";
import { scenarioDetails } from "../scenarios/catalog.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Role-play"} · Circlekeeper` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: "scenarios:play" });
  const details = await scenarioDetails(user, params.slug ?? "");
  if (!details) throw notFound("There is no role-play at this address.");
  return details;
}

const StartForm = z.object({ intent: z.enum(["start", "start-over"], { errorMap: () => ({ message: "Unknown action." }) }) });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: "scenarios:play" });
  const form = readForm(await request.formData(), StartForm);
  if (!form.ok) return invalid(form.errors);
  const slug = params.slug ?? "";
  const started = form.value.intent === "start-over" ? await startOver(user, slug) : await startOrResume(user, slug);
  if (!started) throw notFound("There is no role-play at this address.");
  return redirect(`/scenarios/${slug}/attempts/${started.attemptId}`);
}

export default function ScenarioDetails() {
  const s = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <p><Link to="/scenarios">All role-plays</Link></p>
      <h1>{s.title}</h1>
      <p className="lead">{s.summary}</p>
      <div className="grid">
        <section className="card" aria-labelledby="setting-heading">
          <h2 id="setting-heading">Setting</h2>
          <p>{s.setting}</p>
          <p className="muted">
            About {s.estimatedMinutes} minutes · {s.decisionPoints} decision points · pass mark {s.passMark}% · version {s.version}
          </p>
          <p className="muted">Assesses: {s.competencies.join(", ")}</p>
        </section>
        <section className="card" aria-labelledby="people-heading">
          <h2 id="people-heading">Who is in the room</h2>
          <ul>
            {s.participants.map((p) => (
              <li key={p.id}><strong>{p.name}</strong>, {p.role}: {p.description}</li>
            ))}
          </ul>
        </section>
      </div>
      {s.contentNotes.length ? (
        <section className="alert alert--warn" aria-labelledby="notes-heading">
          <h2 id="notes-heading">Before you start: content notes</h2>
          <ul>{s.contentNotes.map((n, i) => <li key={i}>{n}</li>)}</ul>
          <p>You can pause or leave at any point. Leaving is neither a pass nor a fail.</p>
        </section>
      ) : null}
      <div className="row">
        {s.openAttempt ? (
          <>
            <Link className="button" to={`/scenarios/${s.slug}/attempts/${s.openAttempt.id}`}>
              Resume where you stopped (step {s.openAttempt.choiceCount + 1})
            </Link>
            <Form method="post">
              <input type="hidden" name="intent" value="start-over" />
              <button type="submit" className="button button--secondary">Start over</button>
            </Form>
          </>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="start" />
            <button type="submit" className="button">Start the role-play</button>
          </Form>
        )}
      </div>
    </div>
  );
}
