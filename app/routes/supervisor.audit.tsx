import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "../auth/require-user.server";
import { certificationAuditNames } from "../certification/audit-names.server";
import { auditTrail } from "../supervision/audit-trail.server";

export const meta: MetaFunction = () => [{ title: "Audit trail · Circlekeeper" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: "audit:read" });
  const page = Math.max(1, Math.min(100_000, Number(new URL(request.url).searchParams.get("page")) || 1));
  return auditTrail(user, page, certificationAuditNames());
}

export default function AuditPage() {
  const { entries, page, pages, total } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <p>
        <Link to="/supervisor">Your officers</Link>
      </p>
      <h1>Audit trail</h1>
      <p className="lead">
        Every change to certification records, accounts and studio content: who, what, when, before and after. Entries
        are never changed or deleted.
      </p>
      <p role="status">
        {total} entries{pages > 1 ? ` · page ${page} of ${pages}` : ""}
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Officer</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{e.when}</td>
                <td>{e.actorName}</td>
                <td>{e.label}</td>
                <td>
                  {e.officerId && e.officerName ? (
                    <Link to={`/supervisor/officers/${e.officerId}`}>{e.officerName}</Link>
                  ) : (
                    "—"
                  )}
                </td>
                <td>{e.beforeText}</td>
                <td>{e.afterText}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" className="row pager">
        {page > 1 ? <Link to={`?page=${page - 1}`}>← Newer</Link> : <span />}
        {page < pages ? <Link to={`?page=${page + 1}`}>Older →</Link> : null}
      </nav>
    </div>
  );
}
