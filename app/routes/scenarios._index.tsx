import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "../auth/require-user.server";
import { attemptHistory } from "../scenarios/attempts.server";
import { scenarioCatalog } from "../scenarios/catalog.server";
import { formatDateTime } from "../ui/certification-status";

export const meta: MetaFunction = () => [{ title: "Role-plays · Circlekeeper" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: "scenarios:play" });
  const [scenarios, history] = await Promise.all([scenarioCatalog(user), attemptHistory(user.id)]);
  return { scenarios, history };
}

function statusLabel(status: string, passed: boolean | null) {
  if (status === "in_progress") return <span className="badge">In progress</span>;
  if (status === "left") return <span className="badge badge--neutral">Left</span>;
  return passed ? (
    <span className="badge badge--ok">Passed</span>
  ) : (
    <span className="badge badge--danger">Not passed</span>
  );
}

export default function ScenarioLibrary() {
  const { scenarios, history } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>Role-plays</h1>
      <p className="lead">
        Practise facilitating a real process before you do it with real people. Each choice you make changes how the
        participants feel; after the ending, the debrief explains every choice. What counts toward a certification is an
        assessed attempt that is your first play of a role-play: open a role-play to see where one can count. Role-plays
        are listed by level, Level 1 first.
      </p>
      <ul className="grid" role="list">
        {scenarios.map((s) => (
          <li key={s.slug} className="card stack">
            <h2>
              <Link to={`/scenarios/${s.slug}`}>{s.title}</Link>
            </h2>
            <p className="row tags">
              <span className="tag">{s.level !== null ? `Level ${s.level}` : "Extra practice"}</span>
              {s.requiredFor.length ? <span className="muted">Required for: {s.requiredFor.join(", ")}</span> : null}
            </p>
            <p>{s.summary}</p>
            <p className="muted">
              About {s.estimatedMinutes} minutes · {s.participantCount} participants · assesses{" "}
              {s.competencies.join(", ")}
            </p>
            <p>
              {s.openAttemptId ? <span className="badge">In progress</span> : null}{" "}
              {s.passed ? (
                <span className="badge badge--ok">Passed</span>
              ) : s.attempts ? (
                <span className="badge badge--warn">Not yet passed</span>
              ) : (
                <span className="badge badge--neutral">Not started</span>
              )}{" "}
              {s.bestScore !== null ? <span>Best score {s.bestScore}%</span> : null}
            </p>
          </li>
        ))}
      </ul>
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">Your attempts</h2>
        {history.length === 0 ? (
          <p className="muted">You have not played a role-play yet.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Scenario</th>
                  <th scope="col">Mode</th>
                  <th scope="col">Started</th>
                  <th scope="col">Result</th>
                  <th scope="col">Score</th>
                  <th scope="col">
                    <span className="visually-hidden">Open</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {history.map((a) => (
                  <tr key={a.id}>
                    <td>
                      {a.scenarioVersion.title} <span className="muted">(v{a.scenarioVersion.number})</span>
                    </td>
                    <td>{a.mode === "assessed" ? "Assessed" : "Practice"}</td>
                    <td>{formatDateTime(a.startedAt)}</td>
                    <td>{statusLabel(a.status, a.passed)}</td>
                    <td>
                      {a.score ?? "—"}
                      {a.score !== null ? "%" : ""}
                    </td>
                    <td>
                      <Link to={`/scenarios/${a.scenarioSlug}/attempts/${a.id}`}>
                        {a.status === "in_progress" ? "Resume" : a.status === "completed" ? "Debrief" : "View"}
                        <span className="visually-hidden">
                          {" "}
                          {a.scenarioVersion.title}, started {formatDateTime(a.startedAt)}
                        </span>
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
