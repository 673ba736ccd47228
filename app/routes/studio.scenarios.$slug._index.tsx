import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireUser } from "../auth/require-user.server";
import { invalid, readForm } from "../forms";
import { createDraft, requestRollback } from "../studio/drafts.server";
import { studioScenario } from "../studio/scenario-view.server";
import { formatDay } from "../ui/certification-status";
import { ScenarioMapView } from "../ui/scenario-map";
import { StrategyReportView } from "../ui/strategy-report";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? "Scenario"} · Studio · Circlekeeper` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { permission: "studio:use" });
  const url = new URL(request.url);
  const version = Number(url.searchParams.get("version")) || null;
  const view = await studioScenario(params.slug ?? "", version, url.searchParams.get("node"));
  if (!view) throw notFound("There is no scenario at this address.");
  return view;
}

const ActionForm = z.object({ intent: z.enum(["copy", "rollback"]), versionId: z.string().min(1) });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: "studio:use" });
  const form = readForm(await request.formData(), ActionForm);
  if (!form.ok) return invalid(form.errors);
  const { versionId } = form.value;
  const draft =
    form.value.intent === "rollback"
      ? await requestRollback(user, "scenario", versionId)
      : await createDraft(user, "scenario", { versionId });
  return redirect(`/studio/drafts/${draft.id}`);
}

export default function StudioScenario() {
  const s = useLoaderData<typeof loader>();
  const base = `/studio/scenarios/${s.slug}?version=${s.version.number}`;
  return (
    <div className="page stack">
      <p>
        <Link to="/studio">Studio</Link>
      </p>
      <h1>
        {s.title}{" "}
        <span className="muted">
          v{s.version.number}
          {s.version.latest ? " (latest)" : ""}
        </span>
      </h1>
      <div className="row">
        <Form method="post">
          <input type="hidden" name="intent" value="copy" />
          <input type="hidden" name="versionId" value={s.version.id} />
          <button type="submit" className="button">
            Edit a copy
          </button>
        </Form>
        <Link
          className="button button--secondary"
          to={`/studio/scenarios/${s.slug}/playtest?version=${s.version.number}`}
        >
          Playtest
        </Link>
        <Link className="button button--secondary" to={`/studio/scenarios/${s.slug}/analytics`}>
          Analytics
        </Link>
      </div>
      <p>
        {s.stats.decisionNodes} decision nodes, {s.stats.endings} endings, {s.stats.states} distinct states explored.
        Overall score range {s.scores.total.min} to {s.scores.total.max} points (pass mark {s.scores.passMark}% of{" "}
        {s.scores.total.max});{" "}
        {Object.entries(s.scores.byCompetency)
          .map(([c, r]) => `${c} ${r!.min} to ${r!.max}`)
          .join(", ")}
        .
      </p>
      {s.strategy ? (
        <StrategyReportView summary={s.strategy.summary} severity={s.strategy.severity} headingId="strategy-h" />
      ) : null}
      <div className="studio-layout">
        <section aria-labelledby="map-h">
          <h2 id="map-h">Map</h2>
          <ScenarioMapView
            map={s.map}
            selected={s.node?.id}
            nodeHref={(id) => `${base}&node=${encodeURIComponent(id)}#node-h`}
          />
          <details>
            <summary>All nodes as a list</summary>
            <ul>
              {s.map.nodes.map((n) => (
                <li key={n.id}>
                  <Link to={`${base}&node=${encodeURIComponent(n.id)}#node-h`}>{n.id}</Link> ({n.kind})
                </li>
              ))}
            </ul>
          </details>
        </section>
        <section aria-labelledby="node-h" className="card">
          <h2 id="node-h" tabIndex={-1}>
            {s.node ? `Node: ${s.node.id}` : "Choose a node on the map"}
          </h2>
          {s.node ? (
            <div className="stack">
              <p className="narration">{s.node.narration}</p>
              {s.node.lines.map((l, i) => (
                <p key={i}>
                  <strong>{l.speaker}:</strong> {l.text}
                </p>
              ))}
              {s.node.ending ? (
                <p>
                  <strong>Ending</strong> ({s.node.ending.success ? "can pass" : "fails"}): {s.node.ending.outcome}
                </p>
              ) : (
                <ol className="stack">
                  {s.node.choices.map((c) => (
                    <li key={c.id}>
                      <p>
                        <strong>{c.id}</strong>: {c.text}
                      </p>
                      {c.critical ? <p className="field-error">Critical error: {c.critical}</p> : null}
                      <p className="muted">
                        Scores:{" "}
                        {Object.entries(c.scores)
                          .map(([k, v]) => `${k} ${v! > 0 ? "+" : ""}${v}`)
                          .join(", ") || "none"}{" "}
                        · Effects: {c.effects.join(", ") || "none"}
                      </p>
                      <p className="muted">
                        Leads to:{" "}
                        {c.targets.map((t, i) => (
                          <span key={i}>
                            {i ? "; else " : ""}
                            <Link to={`${base}&node=${t.goto}#node-h`}>{t.goto}</Link>
                            {t.when ? ` if ${t.when}` : ""}
                          </span>
                        ))}
                      </p>
                      <p>{c.feedback}</p>
                    </li>
                  ))}
                </ol>
              )}
              <Link to={`/studio/scenarios/${s.slug}/playtest?version=${s.version.number}&node=${s.node.id}`}>
                Playtest from this node
              </Link>
            </div>
          ) : (
            <p className="muted">Click a box on the map (or use the list under it) to read that node.</p>
          )}
        </section>
      </div>
      <section aria-labelledby="versions-h">
        <h2 id="versions-h">Versions</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Published</th>
                <th scope="col">From</th>
                <th scope="col">Author / reviewer</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {s.versions.map((v, i) => (
                <tr key={v.id}>
                  <td>
                    <Link to={`/studio/scenarios/${s.slug}?version=${v.number}`}>v{v.number}</Link>
                    {i === 0 ? " (officers play this)" : ""}
                  </td>
                  <td>{formatDay(v.publishedAt)}</td>
                  <td>{v.origin === "content" ? "content folder" : "studio"}</td>
                  <td>
                    {v.authorName ?? "—"} / {v.reviewerName ?? "—"}
                  </td>
                  <td className="row">
                    <Link to={`/studio/scenarios/${s.slug}/versions/${v.number}`}>Source</Link>
                    {s.versions[i + 1] ? (
                      <Link
                        to={`/studio/scenarios/${s.slug}/versions/${v.number}?compare=${s.versions[i + 1]!.number}`}
                      >
                        Compare with v{s.versions[i + 1]!.number}
                      </Link>
                    ) : null}
                    {i > 0 ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="rollback" />
                        <input type="hidden" name="versionId" value={v.id} />
                        <button type="submit" className="button button--quiet">
                          Roll back to v{v.number}
                        </button>
                      </Form>
                    ) : null}
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
