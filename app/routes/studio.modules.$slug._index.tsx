import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireUser } from "../auth/require-user.server";
import { invalid, readForm, respondToDomainError } from "../forms";
import { createDraft, requestRollback } from "../studio/drafts.server";
import type { ItemFlag } from "../studio/item-statistics";
import { studioModule } from "../studio/module-view.server";
import { formatDay } from "../ui/certification-status";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? "Module"} · Studio · Circlekeeper` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: "studio:use" });
  const view = await studioModule(user.agencyId, params.slug ?? "");
  if (!view) throw notFound("There is no module at this address.");
  return view;
}

const ActionForm = z.object({
  intent: z.enum(["copy", "rollback"], { errorMap: () => ({ message: "Unknown action." }) }),
  versionId: z.string().min(1, "Choose a version."),
});

/** Edit a copy of a version, or roll back to one (a copy submitted for review at once). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: "studio:use" });
  const form = readForm(await request.formData(), ActionForm);
  if (!form.ok) return invalid(form.errors);
  const { intent, versionId } = form.value;
  try {
    const draft =
      intent === "rollback"
        ? await requestRollback(user, "module", versionId)
        : await createDraft(user, "module", { versionId });
    return redirect(`/studio/drafts/${draft.id}`);
  } catch (error) {
    return respondToDomainError(error);
  }
}

const FLAG_LABELS: Record<ItemFlag, string> = {
  "too-easy": "Too easy",
  "too-hard": "Too hard",
  "does-not-discriminate": "Does not discriminate",
};

const share = (v: number | null) => (v === null ? "—" : v.toFixed(2));

export default function StudioModule() {
  const m = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const t = m.thresholds;
  const latest = m.versions[0];
  return (
    <div className="page stack">
      <p>
        <Link to="/studio">Studio</Link>
      </p>
      <h1>{m.title}</h1>
      <p>
        <code>{m.file}</code> · <Link to={`/modules/${m.slug}`}>Open the module page</Link>
      </p>
      {refused && !refused.ok ? (
        <div className="alert alert--error" role="alert">
          <p>{Object.values(refused.errors).join(" ")}</p>
        </div>
      ) : null}
      {latest ? (
        <Form method="post">
          <input type="hidden" name="intent" value="copy" />
          <input type="hidden" name="versionId" value={latest.id} />
          <button type="submit" className="button">
            Edit a copy of v{latest.number}
          </button>
        </Form>
      ) : null}
      {m.issues.length ? (
        <section aria-labelledby="issues-h">
          <h2 id="issues-h">Validation</h2>
          <ul>
            {m.issues.map((i, n) => (
              <li key={n}>
                <strong>line {i.line}</strong> ({i.severity}): {i.message}
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <p className="badge badge--ok">Valid</p>
      )}
      {m.bank ? (
        <>
          <section aria-labelledby="bank-h">
            <h2 id="bank-h">Question bank</h2>
            <dl className="facts">
              <dt>Questions in the bank</dt>
              <dd>{m.bank.size}</dd>
              <dt>Drawn per attempt</dt>
              <dd>
                {m.bank.questionsPerAttempt}
                {m.bank.requestedPerAttempt !== m.bank.questionsPerAttempt
                  ? ` (asks for ${m.bank.requestedPerAttempt}; at most half the bank is drawn)`
                  : ""}
              </dd>
              <dt>Pass mark</dt>
              <dd>{m.bank.passMark}%</dd>
              <dt>Between attempts</dt>
              <dd>{m.bank.rules.cooldownMinutes} minutes</dd>
              <dt>Attempts in 24 hours</dt>
              <dd>at most {m.bank.rules.attemptsPerDay}</dd>
              <dt>Officers&apos; attempts</dt>
              <dd>
                {m.bank.attempts}
                {m.bank.attemptsBeforeBanks
                  ? ` (and ${m.bank.attemptsBeforeBanks} from before question banks, not counted below)`
                  : ""}
              </dd>
            </dl>
          </section>
          <section aria-labelledby="items-h">
            <h2 id="items-h">Item statistics</h2>
            <p>
              <strong>Facility</strong> is the share of attempts that answered the question right.{" "}
              <strong>Discrimination</strong> is the correlation between answering it right and the score on the other
              questions of the same attempt (corrected point-biserial, −1 to 1). Flags: too easy above {t.tooEasyAbove},
              too hard below {t.tooHardBelow}, does not discriminate below {t.discriminatesFrom}; a question is flagged
              only once {t.minResponses} or more attempts have drawn it.
            </p>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Question</th>
                    <th scope="col">Attempts</th>
                    <th scope="col">Facility</th>
                    <th scope="col">Discrimination</th>
                    <th scope="col">Flags</th>
                  </tr>
                </thead>
                <tbody>
                  {m.bank.items.map((q) => (
                    <tr key={q.id}>
                      <th scope="row">
                        <code>{q.id}</code> {q.prompt}
                      </th>
                      <td>{q.responses}</td>
                      <td>{share(q.facility)}</td>
                      <td>
                        {share(q.discrimination)}
                        {q.discrimination !== null && q.discriminationResponses !== q.responses
                          ? ` (${q.discriminationResponses} attempts)`
                          : ""}
                      </td>
                      <td>
                        {q.flags.length ? (
                          <span className="row">
                            {q.flags.map((f) => (
                              <span key={f} className="badge badge--warn">
                                {FLAG_LABELS[f]}
                              </span>
                            ))}
                          </span>
                        ) : q.responses < t.minResponses ? (
                          <span className="muted">too few attempts to flag</span>
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
        </>
      ) : null}
      <ModuleVersions slug={m.slug} versions={m.versions} />
    </div>
  );
}

type Version = ReturnType<typeof useLoaderData<typeof loader>>["versions"][number];

/** The published versions, newest first: source, changes from the one before, download, and rollback. */
function ModuleVersions({ slug, versions }: { slug: string; versions: Version[] }) {
  if (!versions.length) return null;
  return (
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
            {versions.map((v, i) => (
              <tr key={v.id}>
                <td>
                  v{v.number}
                  {i === 0 ? " (officers read this)" : ""}
                </td>
                <td>{formatDay(v.publishedAt)}</td>
                <td>{v.origin === "content" ? "content folder" : "studio"}</td>
                <td>
                  {v.authorName ?? "—"} / {v.reviewerName ?? "—"}
                </td>
                <td className="row">
                  <Link to={`/studio/modules/${slug}/versions/${v.number}`}>Source of v{v.number}</Link>
                  {versions[i + 1] ? (
                    <Link to={`/studio/modules/${slug}/versions/${v.number}?compare=${versions[i + 1]!.number}`}>
                      Compare v{v.number} with v{versions[i + 1]!.number}
                    </Link>
                  ) : null}
                  <a href={`/studio/modules/${slug}/versions/${v.number}.mdx`} download>
                    Download v{v.number} as .mdx
                  </a>
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
  );
}
