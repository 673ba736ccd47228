import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "../auth/require-user.server";
import { supervisedAttempt } from "../supervision/attempts.server";
import { formatDay } from "../ui/certification-status";
import { DebriefView } from "../ui/debrief";

export const meta: MetaFunction = () => [{ title: "Attempt · Circlekeeper" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: "officers:supervise" });
  const attempt = await supervisedAttempt(user, params.officerId ?? "", params.attemptId ?? "");
  if (!attempt) throw notFound("There is no such attempt by an officer in your units.");
  return attempt;
}

export default function SupervisedAttempt() {
  const a = useLoaderData<typeof loader>();
  return (
    <div className="page stack">
      <p>
        <Link to={`/supervisor/officers/${a.officerId}`}>{a.officerName}</Link>
      </p>
      <h1>
        {a.title} <span className="muted">v{a.version}</span>
      </h1>
      <p className="lead">
        {a.officerName} · started {formatDay(a.startedAt)} ·{" "}
        {a.status === "completed" ? "completed" : a.status === "left" ? "left without finishing" : "in progress"}
      </p>
      <section aria-labelledby="transcript-h">
        <h2 id="transcript-h">Transcript</h2>
        <ol className="transcript">
          {a.transcript.map((step) => (
            <li key={step.position} className="transcript__step">
              <p className="narration">{step.narration}</p>
              <ul className="lines" role="list">
                {step.lines.map((l, i) => (
                  <li key={i} className="line">
                    <span className="line__speaker">{l.speakerName}:</span> <q>{l.text}</q>
                  </li>
                ))}
              </ul>
              {step.choice ? (
                <p className="facilitator">
                  <span className="line__speaker">Officer:</span> {step.choice.text}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
      {a.debrief ? (
        <section aria-labelledby="debrief-h">
          <h2 id="debrief-h">Debrief</h2>
          <DebriefView debrief={a.debrief} participants={a.participants} viewer="supervisor" />
        </section>
      ) : null}
    </div>
  );
}
