import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireUser } from "../auth/require-user.server";
import { parseRosterQuery, roster } from "../certification/roster.server";
import { STATUS_LABELS, STATUSES } from "../certification/status";
import { CertificationBadge, formatDay } from "../ui/certification-status";

export const meta: MetaFunction = () => [{ title: "Your officers · Circlekeeper" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: "officers:supervise" });
  const query = parseRosterQuery(new URL(request.url).searchParams);
  const result = await roster(user, query);
  return {
    query,
    program: result.program && { slug: result.program.slug, title: result.program.title },
    programs: result.programs.map((p) => ({ slug: p.slug, title: p.title })),
    units: result.units,
    rows: result.rows,
    total: result.total,
    page: result.page,
    pages: result.pages,
  };
}

export default function Roster() {
  const { query, program, programs, units, rows, total, page, pages } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const withParams = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    return `?${next.toString()}`;
  };
  const sortLink = (key: string, label: string) => {
    const active = query.sort === key;
    const dir = active && query.dir === "asc" ? "desc" : "asc";
    return (
      <th scope="col" aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}>
        <Link to={withParams({ sort: key, dir, page: null })}>
          {label}
          {active ? (query.dir === "asc" ? " ▲" : " ▼") : ""}
        </Link>
      </th>
    );
  };
  const activeFilters = [query.unit, query.status, query.expiringWithin, query.q].filter(Boolean).length;
  const exportQuery = new URLSearchParams(params);
  exportQuery.delete("page");
  return (
    <div className="page">
      <h1>Your officers</h1>
      <Form method="get" className="filters card" aria-label="Filter officers">
        {/* Closed on phones unless a filter is set, so the list starts on the first screen; always open on wide screens (CSS). */}
        <details className="filters__details" open={activeFilters > 0 ? true : undefined}>
          <summary>Filters{activeFilters ? ` (${activeFilters} set)` : ""}</summary>
          <div className="filters__grid">
            <div className="field">
              <label htmlFor="program">Program</label>
              <select id="program" name="program" defaultValue={program?.slug}>
                {programs.map((p) => (
                  <option key={p.slug} value={p.slug}>
                    {p.title}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="unit">Unit</label>
              <select id="unit" name="unit" defaultValue={query.unit ?? ""}>
                <option value="">All your units</option>
                {units.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="status">Status</label>
              <select id="status" name="status" defaultValue={query.status ?? ""}>
                <option value="">Any status</option>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="expiringWithin">Expiring within (days)</label>
              <input
                id="expiringWithin"
                name="expiringWithin"
                type="number"
                min={1}
                max={3650}
                defaultValue={query.expiringWithin ?? ""}
              />
            </div>
            <div className="field">
              <label htmlFor="q">Name</label>
              <input id="q" name="q" type="search" defaultValue={query.q ?? ""} />
            </div>
          </div>
          <div className="row">
            <button type="submit" className="button">
              Apply filters
            </button>
            <Link to="/supervisor">Clear</Link>
          </div>
        </details>
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.dir} />
        <div className="row">
          <a href={`/supervisor/roster.csv?${exportQuery.toString()}`} download>
            Export these officers (CSV)
          </a>
          <a href={`/supervisor/attempts.csv${query.unit ? `?unit=${encodeURIComponent(query.unit)}` : ""}`} download>
            Export attempts (CSV)
          </a>
          <Link to="/supervisor/audit">Audit trail</Link>
        </div>
      </Form>
      <p role="status">
        {total} officer{total === 1 ? "" : "s"}
        {program ? ` · ${program.title}` : ""}
        {pages > 1 ? ` · page ${page} of ${pages}` : ""}
      </p>
      {rows.length ? (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Officers and their standing in {program?.title}</caption>
            <thead>
              <tr>
                {sortLink("name", "Officer")}
                {sortLink("unit", "Unit")}
                {sortLink("status", "Status")}
                <th scope="col">Requirements met</th>
                {sortLink("validUntil", "Valid until")}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/supervisor/officers/${r.id}`}>{r.name}</Link>
                  </td>
                  <td>{r.unitName}</td>
                  <td>
                    <CertificationBadge status={r.status} />
                  </td>
                  <td>{r.requiredCount ? `${r.metCount} of ${r.requiredCount}` : "—"}</td>
                  <td>{formatDay(r.validUntil)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">No officers match these filters.</p>
      )}
      {pages > 1 ? (
        <nav aria-label="Pages" className="row pager">
          {page > 1 ? (
            <Link to={withParams({ page: String(page - 1) })} rel="prev">
              ← Previous
            </Link>
          ) : (
            <span />
          )}
          {page < pages ? (
            <Link to={withParams({ page: String(page + 1) })} rel="next">
              Next →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
