import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "../auth/require-user.server";
import { analyticsPage, parseAnalyticsQuery } from "../studio/analytics.server";

export const meta: MetaFunction = () => [{ title: "Analytics · Studio · Circlekeeper" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: "studio:use" });
  return analyticsPage(user.agencyId, params.slug ?? "", parseAnalyticsQuery(new URL(request.url).searchParams));
}

export default function Analytics() {
  const a = useLoaderData<typeof loader>();
  return (
    <div className="page stack">
      <p>
        <Link to={`/studio/scenarios/${a.slug}`}>Back to the scenario</Link>
      </p>
      <h1>What trainees choose</h1>
      <Form method="get" className="card row" aria-label="Period and unit">
        <div className="field">
          <label htmlFor="from">From</label>
          <input id="from" name="from" type="date" defaultValue={a.query.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="to">To</label>
          <input id="to" name="to" type="date" defaultValue={a.query.to ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="unit">Unit</label>
          <select id="unit" name="unit" defaultValue={a.query.unit ?? ""}>
            <option value="">All units</option>
            {a.units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          Show
        </button>
      </Form>
      <dl className="facts">
        <dt>Attempts</dt>
        <dd>{a.attempts}</dd>
        <dt>Completed</dt>
        <dd>{a.completed}</dd>
        <dt>Pass rate</dt>
        <dd>{a.passRate === null ? "—" : `${a.passRate}%`}</dd>
        <dt>Average score</dt>
        <dd>{a.averageScore === null ? "—" : `${a.averageScore}%`}</dd>
      </dl>
      <section aria-labelledby="comp-h">
        <h2 id="comp-h">Average score per competency</h2>
        {a.competencies.length ? (
          <ul>
            {a.competencies.map((c) => (
              <li key={c.competency}>
                {c.competency}: {c.average}%
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No completed attempts in this period.</p>
        )}
      </section>
      <section aria-labelledby="meters-h">
        <h2 id="meters-h">Where participants end</h2>
        {a.meters.some((m) => m.attempts) ? (
          <div className="table-wrap" role="group" aria-labelledby="meters-h" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Participant and meter</th>
                  <th scope="col">At the start</th>
                  <th scope="col">Average at the end</th>
                  <th scope="col">Ended lower than at the start</th>
                </tr>
              </thead>
              <tbody>
                {a.meters.map((m) => (
                  <tr key={`${m.participantId}/${m.meterId}`}>
                    <th scope="row">
                      {m.participantName}: {m.label}
                      {m.shared ? "" : " (their own)"}
                    </th>
                    <td>{m.start}</td>
                    <td>{m.averageEnd ?? "—"}</td>
                    <td>{m.endedLower === null ? "—" : `${m.endedLower}% of ${m.attempts}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">No completed attempts in this period.</p>
        )}
      </section>
      <section aria-labelledby="crit-h">
        <h2 id="crit-h">Most common critical errors</h2>
        {a.criticalErrors.length ? (
          <ol>
            {a.criticalErrors.map((c) => (
              <li key={`${c.nodeId}/${c.choiceId}`}>
                <strong>{c.times}×</strong> at {c.nodeId}: “{c.text}” ({c.reason})
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">None in this period.</p>
        )}
      </section>
      <section aria-labelledby="nodes-h">
        <h2 id="nodes-h">Nodes and choices</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Node</th>
                <th scope="col">Attempts that reached it</th>
                <th scope="col">Choices taken</th>
              </tr>
            </thead>
            <tbody>
              {a.nodes.map((n) => (
                <tr key={n.id}>
                  <th scope="row">
                    {n.id}
                    {n.ending ? ` (ending: ${n.ending.success ? "can pass" : "fails"})` : ""}
                  </th>
                  <td>{n.reached}</td>
                  <td>
                    {n.choices.length ? (
                      <ul className="choice-shares">
                        {n.choices.map((c) => (
                          <li key={c.id}>
                            {c.share}% ({c.times}) · {c.id}
                            {c.critical ? " · critical" : ""}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
