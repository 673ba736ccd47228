import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "../auth/require-user.server";
import { moduleCatalogue } from "../modules/views.server";
import { ModuleStatusBadge } from "../ui/module-status";

export const meta: MetaFunction = () => [{ title: "Training modules · Circlekeeper" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: "modules:read" });
  return moduleCatalogue(user);
}

export default function ModuleCatalogue() {
  const { items, next, passedCount, broken } = useLoaderData<typeof loader>();
  const nextItem = items.find((i) => i.slug === next);
  return (
    <div className="page">
      <h1>Training modules</h1>
      <p className="lead">
        The restorative-practice curriculum, in order. A module is complete when you pass its knowledge check.
      </p>
      <p>
        <strong>{passedCount}</strong> of {items.length} modules passed.
      </p>
      {nextItem ? (
        <div className="alert">
          <p>
            <strong>Next:</strong>{" "}
            <Link to={`/modules/${nextItem.slug}`}>
              {nextItem.order}. {nextItem.title}
            </Link>{" "}
            (about {nextItem.estimatedMinutes} minutes)
          </p>
        </div>
      ) : items.length ? (
        <div className="alert alert--ok">
          <p>You have passed every module.</p>
        </div>
      ) : null}
      {broken.length ? (
        <div className="alert alert--error" role="status">
          <p>
            <strong>For trainers:</strong> {broken.length} module(s) fail validation and are hidden from officers:
          </p>
          <ul>
            {broken.map((b) => (
              <li key={b.slug}>
                <Link to={`/modules/${b.slug}`}>{b.file}</Link>: {b.issues.filter((i) => i.severity === "error").length}{" "}
                error(s)
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ol className="module-list" role="list">
        {items.map((m) => (
          <li key={m.slug} className="card module-card">
            <h2>
              <Link to={`/modules/${m.slug}`}>
                {m.order}. {m.title}
              </Link>
            </h2>
            <p>{m.summary}</p>
            <p className="row">
              <ModuleStatusBadge status={m.status} />
              <span className="muted">About {m.estimatedMinutes} minutes</span>
              {m.bestScore !== null ? <span className="muted">Best check score {m.bestScore}%</span> : null}
            </p>
          </li>
        ))}
      </ol>
    </div>
  );
}
