import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { forbidden, requireUser } from "../auth/require-user.server";
import { mayReadRaterAgreement } from "../auth/roles";
import { describeKappa } from "../certification/agreement";
import { raterAgreement } from "../certification/agreement.server";

export const meta: MetaFunction = () => [{ title: "Agreement between assessors · Circlekeeper" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!mayReadRaterAgreement(user)) throw forbidden();
  return raterAgreement(user);
}

function Kappa({
  kappa,
  enoughData,
  observations,
  minimum,
}: {
  kappa: number | null;
  enoughData: boolean;
  observations: number;
  minimum: number;
}) {
  if (!enoughData)
    return (
      <span className="muted">
        Not enough data ({observations} of {minimum} observations needed)
      </span>
    );
  if (kappa === null) return <span className="muted">Undefined: both assessors gave one level throughout</span>;
  return (
    <>
      <strong>{kappa.toFixed(2)}</strong> <span className="muted">({describeKappa(kappa)})</span>
    </>
  );
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

function higher(names: [string, string], meanDifference: number): string {
  if (Math.abs(meanDifference) < 0.05) return "Neither";
  const [who, than] = meanDifference > 0 ? names : [names[1], names[0]];
  return `${who}, by ${Math.abs(meanDifference).toFixed(2)} levels on average than ${than}`;
}

export default function RaterAgreement() {
  const { doubleScored, minimum, criteria, assessorPairs } = useLoaderData<typeof loader>();
  return (
    <div className="page stack">
      <p>
        <Link to="/">Home</Link>
      </p>
      <h1>Agreement between assessors</h1>
      <p className="lead">
        Across your agency, how closely assessors agree when two of them score the same observation. Low agreement on a
        criterion suggests its anchors are read differently; low agreement in one pair, or one assessor who scores
        consistently higher, suggests a rater drifting from the rubric and worth a calibration conversation.
      </p>
      <p>
        {doubleScored} observation(s) scored by two assessors. The figure is Cohen's kappa with quadratic weights: 1 is
        perfect agreement, 0 what chance would give, and levels further apart count as bigger disagreements. It is shown
        once at least {minimum} observations lie behind it; the words in brackets are Landis and Koch's (1977) reading
        of the ranges.
      </p>
      <section aria-labelledby="criteria-h" className="stack">
        <h2 id="criteria-h">Per criterion</h2>
        {criteria.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Rubric</th>
                  <th scope="col">Criterion</th>
                  <th scope="col">Observations</th>
                  <th scope="col">Same level</th>
                  <th scope="col">Weighted kappa</th>
                </tr>
              </thead>
              <tbody>
                {criteria.map((c) => (
                  <tr key={`${c.rubricSlug}:${c.criterionId}`}>
                    <td>{c.rubricTitle}</td>
                    <th scope="row">{c.criterionTitle}</th>
                    <td>{c.observations}</td>
                    <td>{percent(c.exact)}</td>
                    <td>
                      <Kappa
                        kappa={c.kappa}
                        enoughData={c.enoughData}
                        observations={c.observations}
                        minimum={minimum}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">No observation has been scored by two assessors yet.</p>
        )}
      </section>
      <section aria-labelledby="pairs-h" className="stack">
        <h2 id="pairs-h">Per pair of assessors</h2>
        {assessorPairs.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Assessors</th>
                  <th scope="col">Observations</th>
                  <th scope="col">Criterion ratings</th>
                  <th scope="col">Same level</th>
                  <th scope="col">Weighted kappa</th>
                  <th scope="col">Who scores higher</th>
                </tr>
              </thead>
              <tbody>
                {assessorPairs.map((p) => (
                  <tr key={p.assessors.join(":")}>
                    <th scope="row">
                      {p.names[0]} and {p.names[1]}
                    </th>
                    <td>{p.observations}</td>
                    <td>{p.ratings}</td>
                    <td>{percent(p.exact)}</td>
                    <td>
                      <Kappa
                        kappa={p.kappa}
                        enoughData={p.enoughData}
                        observations={p.observations}
                        minimum={minimum}
                      />
                    </td>
                    <td>
                      {p.enoughData ? (
                        higher(p.names, p.meanDifference)
                      ) : (
                        <span className="muted">Not enough data</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">No pair of assessors has scored the same observation yet.</p>
        )}
      </section>
    </div>
  );
}
