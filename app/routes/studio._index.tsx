import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "../auth/require-user.server";
import { invalid, readForm, respondToDomainError } from "../forms";
import { createDraft } from "../studio/drafts.server";
import { studioHome } from "../studio/library.server";
import { MODULE_TEMPLATE, SCENARIO_TEMPLATE } from "../studio/templates";
import { importTwineDraft, readTweeUpload } from "../studio/twine-import.server";
import { formatDay } from "../ui/certification-status";

export const meta: MetaFunction = () => [{ title: "Studio · Circlekeeper" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: "studio:use" });
  return studioHome(user);
}

const NewDraft = z.object({
  intent: z.literal("new"),
  kind: z.enum(["scenario", "module"], { errorMap: () => ({ message: "Choose scenario or module." }) }),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: "studio:use" });
  // The Twine import is the one multipart form here: its file is read with a byte limit.
  if (request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
    try {
      return redirect(`/studio/drafts/${await importTwineDraft(user, await readTweeUpload(request))}`);
    } catch (error) {
      return respondToDomainError(error);
    }
  }
  const form = readForm(await request.formData(), NewDraft);
  if (!form.ok) return invalid(form.errors);
  const draft = await createDraft(user, form.value.kind, {
    source: form.value.kind === "scenario" ? SCENARIO_TEMPLATE : MODULE_TEMPLATE,
  });
  return redirect(`/studio/drafts/${draft.id}`);
}

const DRAFT_STATUS: Record<string, string> = {
  draft: "Draft",
  submitted: "Waiting for review",
  returned: "Returned",
  published: "Published",
};

function Status({ errors, warnings }: { errors: number; warnings: number }) {
  if (errors)
    return (
      <span className="badge badge--danger">
        {errors} error{errors > 1 ? "s" : ""}
      </span>
    );
  if (warnings)
    return (
      <span className="badge badge--warn">
        {warnings} warning{warnings > 1 ? "s" : ""}
      </span>
    );
  return <span className="badge badge--ok">Valid</span>;
}

function StrategyStatus({
  strategy,
}: {
  strategy: { missed: number; of: number; severity: "error" | "warning" } | null;
}) {
  if (!strategy) return <span className="muted">—</span>;
  if (!strategy.missed) return <span className="badge badge--ok">Every threshold met</span>;
  return (
    <span className={`badge ${strategy.severity === "error" ? "badge--danger" : "badge--warn"}`}>
      {strategy.missed} of {strategy.of} thresholds missed
    </span>
  );
}

export default function Studio() {
  const { scenarios, modules, drafts } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const importError = answer && "errors" in answer ? Object.values(answer.errors).join(" ") : null;
  const review = drafts.filter((d) => d.mayReview);
  return (
    <div className="page stack">
      <h1>Studio</h1>
      <p className="lead">
        Check, map, playtest and edit scenarios and modules. Publishing a scenario or module needs a second trainer's
        approval.
      </p>
      <div className="row">
        <Form method="post">
          <input type="hidden" name="intent" value="new" />
          <input type="hidden" name="kind" value="scenario" />
          <button className="button" type="submit">
            New scenario draft
          </button>
        </Form>
        <Form method="post">
          <input type="hidden" name="intent" value="new" />
          <input type="hidden" name="kind" value="module" />
          <button className="button button--secondary" type="submit">
            New module draft
          </button>
        </Form>
      </div>
      <TwineImport error={importError} />
      {review.length ? (
        <section className="alert" aria-labelledby="review-h">
          <h2 id="review-h">Waiting for your review</h2>
          <ul>
            {review.map((d) => (
              <li key={d.id}>
                <Link to={`/studio/drafts/${d.id}`}>{d.title}</Link> by {d.authorName}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="scenarios-h">
        <h2 id="scenarios-h">Scenarios</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Scenario</th>
                <th scope="col">Validation</th>
                <th scope="col">Strategy report</th>
                <th scope="col">Version</th>
                <th scope="col">Last published</th>
              </tr>
            </thead>
            <tbody>
              {scenarios.map((s) => (
                <tr key={s.slug}>
                  <td>
                    <Link to={`/studio/scenarios/${s.slug}`}>{s.title}</Link>
                  </td>
                  <td>
                    <Status errors={s.errors} warnings={s.warnings} />
                  </td>
                  <td>
                    <StrategyStatus strategy={s.strategy} />
                  </td>
                  <td>{s.version ? `v${s.version}` : "unpublished"}</td>
                  <td>{formatDay(s.publishedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="modules-h">
        <h2 id="modules-h">Modules</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Module</th>
                <th scope="col">Validation</th>
                <th scope="col">File</th>
              </tr>
            </thead>
            <tbody>
              {modules.map((m) => (
                <tr key={m.slug}>
                  <td>
                    <Link to={`/studio/modules/${m.slug}`}>
                      {m.order ? `${m.order}. ` : ""}
                      {m.title}
                    </Link>
                  </td>
                  <td>
                    <Status errors={m.errors} warnings={m.warnings} />
                  </td>
                  <td>
                    <code>{m.file}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="drafts-h">
        <h2 id="drafts-h">Drafts</h2>
        {drafts.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Draft</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Author</th>
                  <th scope="col">Status</th>
                  <th scope="col">Updated</th>
                </tr>
              </thead>
              <tbody>
                {drafts.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <Link to={`/studio/drafts/${d.id}`}>{d.title}</Link>
                    </td>
                    <td>{d.kind}</td>
                    <td>{d.authorName}</td>
                    <td>
                      {DRAFT_STATUS[d.status] ?? d.status}
                      {d.communityReviewRequestedAt && d.status !== "published" ? (
                        <>
                          {" "}
                          <span className="badge">Community review</span>
                        </>
                      ) : null}
                    </td>
                    <td>{formatDay(d.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">No drafts yet.</p>
        )}
      </section>
    </div>
  );
}

/** Import a Twine story (Twee 3, or Twine 2 HTML): a new draft whose text starts with what is still to write. */
function TwineImport({ error }: { error: string | null }) {
  return (
    <details className="card" open={!!error}>
      <summary>Import from Twine</summary>
      <Form method="post" encType="multipart/form-data" className="stack">
        <p>
          Export your story from Twine as Twee (Build, then Export as Twee), or use its published HTML file (Build, then
          Publish to File) or a library archive. Passages become nodes and links become choices; nothing in the story
          runs, and macros and scripts are listed for you to rewrite.
        </p>
        <div className="field">
          <label htmlFor="twee">Twee 3 file or Twine 2 HTML file</label>
          <input
            id="twee"
            name="twee"
            type="file"
            accept=".twee,.tw,.html,.htm,text/plain,text/html"
            required
            aria-describedby={error ? "twee-error" : undefined}
          />
          {error ? (
            <p className="field-error" id="twee-error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
        <div className="row">
          <button type="submit" className="button button--secondary">
            Import as a new scenario draft
          </button>
        </div>
      </Form>
    </details>
  );
}
