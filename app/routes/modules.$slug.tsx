import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { z } from "zod";
import { notFound, requireUser } from "../auth/require-user.server";
import { can } from "../auth/roles";
import { moduleRenewalNotes } from "../certification/views.server";
import { invalid, readForm } from "../forms";
import { moduleImpactLinks } from "../insight/training-links.server";
import { findModule } from "../modules/catalog.server";
import { submitCheck } from "../modules/check-attempts.server";
import { saveAnchor } from "../modules/progress.server";
import { modulePage } from "../modules/views.server";
import { KnowledgeCheck } from "../ui/knowledge-check";
import { useServerModuleHtml } from "../ui/module-html";
import { ModuleRenewalNotes } from "../ui/module-renewal";
import { ModuleSources } from "../ui/module-sources";
import { ModuleStatusBadge } from "../ui/module-status";
import { ReadingPosition } from "../ui/reading-position";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data && data.kind === "ready" ? data.title : "Module"} · Circlekeeper` },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: "modules:read" });
  const page = await modulePage(user, params.slug ?? "");
  if (!page) throw notFound("There is no module at this address.");
  if (page.kind !== "ready") return page;
  const renewal = can(user.role, "certification:own") ? await moduleRenewalNotes(user.id, page.slug) : [];
  const impact = can(user.role, "certification:own") ? await moduleImpactLinks(user.id, page.slug) : null;
  // A browser loading the page as a document gets the body rendered into the HTML; it is left out of the
  // hydration data, and the page takes it from the DOM. Client-side navigations get it as data.
  if (request.headers.get("Sec-Fetch-Dest") === "document") {
    context.moduleHtml = page.html;
    return { ...page, html: null, renewal, impact };
  }
  return { ...page, renewal, impact };
}

/** The module body: from the data, else (server render) from the load context, else (hydration) the DOM. */
function useModuleHtml(html: { before: string; after: string } | null) {
  const server = useServerModuleHtml();
  const [fromDom] = useState(() =>
    typeof document === "undefined"
      ? undefined
      : {
          before: document.getElementById("module-html-before")?.innerHTML ?? "",
          after: document.getElementById("module-html-after")?.innerHTML ?? "",
        },
  );
  return html ?? server ?? fromDom ?? { before: "", after: "" };
}

const ActionForm = z.discriminatedUnion(
  "intent",
  [
    z
      .object({
        intent: z.literal("check"),
        submissionKey: z.string().uuid("The form is incomplete; reload the page."),
      })
      .passthrough(),
    z.object({ intent: z.literal("anchor"), anchor: z.string().regex(/^[a-z0-9-]{1,120}$/, "Not a section.") }),
  ],
  { errorMap: () => ({ message: "Unknown action." }) },
);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: "modules:read" });
  const entry = await findModule(params.slug ?? "");
  if (!entry || !entry.compiled) throw notFound("There is no module at this address.");
  const formData = await request.formData();
  const form = readForm(formData, ActionForm);
  if (!form.ok) return invalid(form.errors);
  if (form.value.intent === "anchor") {
    await saveAnchor(user.id, entry.slug, form.value.anchor);
    return { ok: true as const, result: null, errors: {} };
  }
  const fields = Object.fromEntries(
    [...formData.entries()].filter((e): e is [string, string] => typeof e[1] === "string"),
  );
  const outcome = await submitCheck(user, { ...entry, compiled: entry.compiled }, form.value.submissionKey, fields);
  if (outcome.kind === "invalid") return invalid(outcome.errors);
  if (outcome.kind === "refused") {
    const headers = outcome.retryAfterSeconds ? { "Retry-After": String(outcome.retryAfterSeconds) } : undefined;
    return data({ ok: false as const, errors: { form: outcome.message } }, { status: outcome.status, headers });
  }
  return { ok: true as const, result: outcome.review, errors: {} };
}

export default function ModuleRoute() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const result = actionData && "result" in actionData ? actionData.result : null;
  const shownReview = page.kind === "ready" ? page.check.review?.at : null;
  // After a submission, focus goes to its result (once the page shows it).
  useEffect(() => {
    if (result) document.getElementById("check-result")?.focus();
  }, [result, shownReview]);
  if (page.kind === "broken") {
    return (
      <div className="page">
        <h1>This module fails validation</h1>
        <p>
          Officers do not see <code>{page.file}</code> until it is fixed. Problems found:
        </p>
        <ul>
          {page.issues.map((i, n) => (
            <li key={n}>
              <strong>
                {page.file}:{i.line}
              </strong>{" "}
              ({i.severity}): {i.message}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  return <ReadyModule page={page} errors={errors} />;
}

function ReadyModule({
  page,
  errors,
}: {
  page: Extract<ReturnType<typeof useLoaderData<typeof loader>>, { kind: "ready" }>;
  errors: Record<string, string | undefined>;
}) {
  const html = useModuleHtml(page.html);
  return (
    <div className="page module-page">
      <p className="no-print">
        <Link to="/modules">All modules</Link>
      </p>
      <header className="module-header">
        <h1>{page.title}</h1>
        <p className="lead">{page.summary}</p>
        <p className="row">
          <ModuleStatusBadge status={page.status} />
          <span className="muted">
            About {page.estimatedMinutes} minutes · builds {page.competencies.join(", ") || "general practice"}
          </span>
        </p>
        {page.impact?.preTest ? (
          <p className="no-print">
            <Link to={`/pre-test/${page.slug}`}>Before you start: a short pre-test</Link> (not graded)
          </p>
        ) : null}
        {page.impact?.survey ? (
          <p className="no-print">
            <Link to={`/survey/module/${page.slug}`}>Two minutes: how was this module?</Link>
          </p>
        ) : null}
        {page.lastAnchor ? (
          <p className="no-print">
            <a href={`#${page.lastAnchor}`}>
              Resume where you left off: {page.toc.find((t) => t.id === page.lastAnchor)?.text ?? "last section"}
            </a>
          </p>
        ) : null}
        <ModuleRenewalNotes notes={page.renewal} />
        {page.prerequisites.some((p) => !p.passed) ? (
          <div className="alert alert--warn">
            <p>
              This module builds on:{" "}
              {page.prerequisites
                .filter((p) => !p.passed)
                .map((p, i) => (
                  <span key={p.slug}>
                    {i ? ", " : ""}
                    <Link to={`/modules/${p.slug}`}>{p.title}</Link>
                  </span>
                ))}
              .
            </p>
          </div>
        ) : null}
      </header>
      <div className="module-layout">
        <nav className="toc no-print" aria-labelledby="toc-heading">
          <h2 id="toc-heading">In this module</h2>
          <ol>
            {page.toc.map((t) => (
              <li key={t.id}>
                <a href={`#${t.id}`}>{t.text}</a>
              </li>
            ))}
            <li>
              <a href="#check-heading">Knowledge check</a>
            </li>
          </ol>
        </nav>
        <article className="module-body prose" id="module-body">
          <section className="card objectives" aria-labelledby="objectives-heading">
            <h2 id="objectives-heading">By the end you will be able to</h2>
            <ul>
              {page.objectives.map((o, i) => (
                <li key={i}>{o}</li>
              ))}
            </ul>
          </section>
          <div id="module-html-before" dangerouslySetInnerHTML={{ __html: html.before }} />
          <KnowledgeCheck check={page.check} errors={errors} next={page.next} />
          <div id="module-html-after" dangerouslySetInnerHTML={{ __html: html.after }} />
          <ModuleSources sources={page.sources} />
          <ReadingPosition containerId="module-body" />
        </article>
      </div>
      <nav className="row pager no-print" aria-label="Previous and next module">
        {page.previous ? (
          <Link to={`/modules/${page.previous.slug}`} rel="prev">
            ← {page.previous.title}
          </Link>
        ) : (
          <span />
        )}
        {page.next ? (
          <Link to={`/modules/${page.next.slug}`} rel="next">
            {page.next.title} →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
