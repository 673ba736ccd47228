import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "../auth/require-user.server";
import { domainRefusal } from "../forms";
import { BarChart, ColumnChart, GroupedBarChart, LineChart } from "../insight/charts";
import { EXPIRY_HORIZON_DAYS } from "../insight/profiles";
import { unitInsight } from "../insight/unit-insight.server";

export const meta: MetaFunction = () => [{ title: "Insight · Circlekeeper" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: "officers:supervise" });
  const params = new URL(request.url).searchParams;
  try {
    return await unitInsight(user, {
      unit: params.get("unit") || undefined,
      program: params.get("program") || undefined,
    });
  } catch (error) {
    const refusal = domainRefusal(error);
    throw new Response(refusal.message, { status: refusal.status });
  }
}

export default function InsightPage() {
  const r = useLoaderData<typeof loader>();
  return (
    <div className="page stack">
      <p>
        <Link to="/supervisor">Your officers</Link> · <Link to="/supervisor/impact">Training impact report</Link>
      </p>
      <h1>Insight: {r.scopeName}</h1>
      <Form method="get" className="filters card row" aria-label="Choose what to chart">
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
          <label htmlFor="program">Program</label>
          <select id="program" name="program" defaultValue={r.program?.slug}>
            {r.programs.map((p) => (
              <option key={p.slug} value={p.slug}>
                {p.title}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          Show
        </button>
      </Form>
      <p role="status">
        {r.officerCount} officer{r.officerCount === 1 ? "" : "s"} in view
      </p>
      {r.standing && r.program ? (
        <section className="stack" aria-labelledby="standing-heading">
          <h2 id="standing-heading">Certification: {r.program.title}</h2>
          <BarChart
            id="status-spread"
            title="Status by unit"
            summary={
              r.standing.totals
                .filter((t) => t.count)
                .map((t) => `${t.count} ${t.label.toLowerCase()}`)
                .join(", ") + "."
            }
            data={r.standing.spread}
          />
          <ColumnChart
            id="expiry-timeline"
            title={`Certifications ending in the next ${EXPIRY_HORIZON_DAYS} days, by week`}
            summary={
              r.standing.expiry.total
                ? `${r.standing.expiry.total} certification${r.standing.expiry.total === 1 ? " ends" : "s end"} in the next ${EXPIRY_HORIZON_DAYS} days; ${r.standing.expiry.withinWindow} already inside the renewal reminder window.`
                : `No certification ends in the next ${EXPIRY_HORIZON_DAYS} days.`
            }
            data={r.standing.expiry.data}
          />
        </section>
      ) : null}
      <section className="stack" aria-labelledby="profile-heading">
        <h2 id="profile-heading">Competency profile</h2>
        <GroupedBarChart
          id="competency-profile"
          title="Unit against agency, per competency (0 to 100)"
          summary={
            r.profiles.assessedOfficers
              ? `From assessed role-plays and observations of ${r.profiles.assessedOfficers} officer${r.profiles.assessedOfficers === 1 ? "" : "s"} in view. Weakest competency: ${r.profiles.weakest}.`
              : "No officer in view has an assessed role-play or an observation yet."
          }
          data={r.profiles.data}
        />
        <p className="muted">Open an officer&apos;s record to compare them with their unit and the agency.</p>
      </section>
      <section className="stack" aria-labelledby="scenario-heading">
        <h2 id="scenario-heading">Role-play results, last six months</h2>
        {r.scenarios.scenarios ? (
          <>
            <LineChart
              id="scenario-pass-rate"
              title="Pass rate by month, most-played role-plays"
              summary={`${r.scenarios.attempts} completed attempts across ${r.scenarios.scenarios} role-plays. Gaps are months without attempts.`}
              data={r.scenarios.passRate}
              unit="%"
            />
            <LineChart
              id="scenario-score"
              title="Average score by month, most-played role-plays"
              summary="The mean score of completed attempts, practice and assessed, in each month."
              data={r.scenarios.meanScore}
              unit="%"
            />
          </>
        ) : (
          <p className="muted">No completed role-play in the last six months.</p>
        )}
      </section>
    </div>
  );
}
