import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "../auth/require-user.server";
import { assessorOverview } from "../certification/observations.server";
import { ObservationList } from "../ui/observation";

export const meta: MetaFunction = () => [{ title: "Observations · Circlekeeper" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: "observations:record" });
  return assessorOverview(user);
}

export default function Observations() {
  const { waiting, mine } = useLoaderData<typeof loader>();
  return (
    <div className="page stack">
      <h1>Observations</h1>
      <p className="lead">
        Observe officers facilitating and score what you see against a rubric. A second assessor can score the same
        observation independently; the agreement between assessors shows where rubric use drifts.
      </p>
      <p className="row">
        <Link className="button" to="/observations/new">
          Record an observation
        </Link>
        <Link to="/observations/agreement">Agreement between assessors</Link>
        <Link to="/case-studies">Case studies to review</Link>
      </p>
      <section aria-labelledby="waiting-h" className="stack">
        <h2 id="waiting-h">Waiting for a second, independent scoring</h2>
        <p>
          Observations other assessors recorded of officers you may observe. You will not see their levels until yours
          is saved.
        </p>
        <ObservationList rows={waiting} empty="None at the moment." />
      </section>
      <section aria-labelledby="mine-h" className="stack">
        <h2 id="mine-h">Observations you scored</h2>
        <ObservationList rows={mine} empty="You have not scored any observations yet." />
      </section>
    </div>
  );
}
