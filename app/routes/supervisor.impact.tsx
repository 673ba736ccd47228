import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "../auth/require-user.server";
import { domainRefusal } from "../forms";
import { impactReport, parseImpactQuery } from "../insight/impact.server";
import { formatDay } from "../ui/certification-status";
import { IMPACT_SECTIONS, ImpactTable, SUPPRESSION_NOTE } from "../ui/impact-report";

export const meta: MetaFunction = () => [{ title: "Training impact · Circlekeeper" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: "officers:supervise" });
  try {
    return await impactReport(user, parseImpactQuery(new URL(request.url).searchParams));
  } catch (error) {
    const refusal = domainRefusal(error);
    throw new Response(refusal.message, { status: refusal.status });
  }
}

export default function ImpactPage() {
  const r = useLoaderData<typeof loader>();
  const from = formatDay(r.from);
  // The period's last day, as typed: `to` is the first moment after it.
  const to = formatDay(new Date(new Date(r.to).getTime() - 1));
  const csv = new URLSearchParams({ from, to, ...(r.unitId ? { unit: r.unitId } : {}) });
  return (
    <div className="page stack impact-report">
      <p className="no-print">
        <Link to="/supervisor/insight">Insight charts</Link> · <Link to="/supervisor">Your officers</Link>
      </p>
      <h1>Training impact: {r.scopeName}</h1>
      <p className="lead">
        {from} to {to} · {r.officerCount} officer{r.officerCount === 1 ? "" : "s"} in view
      </p>
      <Form method="get" className="filters card row no-print" aria-label="Choose the unit and period">
        <div className="field">
          <label htmlFor="unit">Unit</label>
          <select id="unit" name="unit" defaultValue={r.unitId ?? ""}>
            <option value="">All your units</option>
            {r.units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="from">From</label>
          <input id="from" name="from" type="date" defaultValue={from} />
        </div>
        <div className="field">
          <label htmlFor="to">To</label>
          <input id="to" name="to" type="date" defaultValue={to} />
        </div>
        <button type="submit" className="button">
          Show
        </button>
        <a href={`/supervisor/impact.csv?${csv.toString()}`} download>
          Download as CSV
        </a>
      </Form>
      <p>{SUPPRESSION_NOTE}</p>
      {IMPACT_SECTIONS.map((s) => (
        <section key={s.key} className="stack" aria-labelledby={`impact-${s.key}`}>
          <h2 id={`impact-${s.key}`}>{s.title}</h2>
          <p className="muted">{s.note}</p>
          <ImpactTable caption={s.title} rows={r[s.key]} columns={[...s.columns]} />
        </section>
      ))}
    </div>
  );
}
