import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "../auth/require-user.server";
import { holds } from "../auth/roles";
import { cpdOf } from "../certification/cpd.server";
import { decideOnOfficerRecord, OfficerDecision } from "../certification/decisions.server";
import { observationsOf } from "../certification/observations.server";
import { supervisedOfficerRecord } from "../certification/views.server";
import { credentialsOfOfficer } from "../credentials/credentials.server";
import { invalid, readForm, respondToDomainError } from "../forms";
import { officerInsight } from "../insight/unit-insight.server";
import { attemptCursorFrom } from "../supervision/attempts.server";
import { CertificationBadge, formatDay } from "../ui/certification-status";
import { CompetencyCharts } from "../ui/competency-charts";
import { FormResult } from "../ui/form-result";
import { ObservationList } from "../ui/observation";
import { kindLabel, PracticumOutcome, PracticumReflection, roleLabel } from "../ui/practicum";
import { RequirementList } from "../ui/requirements";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.officer.name ?? "Officer"} · Circlekeeper` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: "officers:supervise" });
  const cursor = attemptCursorFrom(new URL(request.url).searchParams);
  if (cursor === "invalid")
    throw new Response("That page of attempts does not exist: use the links under the attempts table.", {
      status: 400,
    });
  const record = await supervisedOfficerRecord(user, params.officerId ?? "", cursor);
  if (!record) throw notFound("There is no officer in your units at this address.");
  const [observations, cpd, credentials, insight] = await Promise.all([
    observationsOf(record.officer.id),
    cpdOf(record.officer.id),
    credentialsOfOfficer(record.officer.id),
    officerInsight(record.officer, user.agencyId),
  ]);
  return { ...record, observations, cpd, credentials, insight, mayObserve: holds(user, "observations:record") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: "officers:supervise" });
  const form = readForm(await request.formData(), OfficerDecision);
  if (!form.ok) return invalid(form.errors);
  let decided: Awaited<ReturnType<typeof decideOnOfficerRecord>>;
  try {
    decided = await decideOnOfficerRecord(user, params.officerId ?? "", form.value);
  } catch (error) {
    return respondToDomainError(error);
  }
  if (!decided) throw notFound("There is no such record for an officer in your units.");
  return {
    ok: true as const,
    message: decided.message,
    certificateId: decided.certificateId ?? null,
    errors: {} as Record<string, string>,
  };
}

export default function OfficerRecord() {
  const r = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <div className="page stack">
      <p>
        <Link to="/supervisor">All officers</Link>
      </p>
      <h1>{r.officer.name}</h1>
      <p className="lead">
        {r.officer.unitName} · {r.officer.email}
      </p>
      {result ? (
        <FormResult of={result} ok={result.ok}>
          <p>{result.ok ? result.message : `Nothing was changed. ${Object.values(errors).join(" ")}`}</p>
          {result.ok && "certificateId" in result && result.certificateId ? (
            <p className="row">
              <Link to={`/certification/certificates/${result.certificateId}`}>View the certificate</Link>
              <a href={`/certification/certificates/${result.certificateId}.pdf`} download>
                Download the certificate (PDF)
              </a>
            </p>
          ) : null}
        </FormResult>
      ) : null}

      {r.programs.map((p) => (
        <section key={p.slug} className="card stack" aria-labelledby={`p-${p.slug}`}>
          <h2 id={`p-${p.slug}`}>
            {p.title} <CertificationBadge status={p.status} label={p.statusLabel} />
          </h2>
          {p.validUntil && p.status !== "revoked" ? <p>Valid until {formatDay(p.validUntil)}</p> : null}
          <RequirementList
            requirements={p.requirements}
            attemptHref={(id) => `/supervisor/officers/${r.officer.id}/attempts/${id}`}
            retakeHref="/assessments"
            caseStudiesHref={r.mayObserve ? "/case-studies" : undefined}
          />
          {p.renewal ? (
            <>
              <h3>Renewal evidence, due by {formatDay(p.renewal.dueBy)}</h3>
              <p>
                {p.renewal.requirements.filter((q) => q.met).length} of {p.renewal.requirements.length} in place;
                evidence counts from {formatDay(p.renewal.opensAt)}.
              </p>
              <RequirementList
                requirements={p.renewal.requirements}
                attemptHref={(id) => `/supervisor/officers/${r.officer.id}/attempts/${id}`}
                retakeHref="/assessments"
                caseStudiesHref={r.mayObserve ? "/case-studies" : undefined}
                gathering
              />
            </>
          ) : null}
          {p.canSignOff ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="sign-off" />
              <input type="hidden" name="program" value={p.slug} />
              <div className="field">
                <label htmlFor={`signoff-${p.slug}`}>Sign-off comment (required)</label>
                <textarea id={`signoff-${p.slug}`} name="comment" rows={3} required />
              </div>
              <button type="submit" className="button">
                Sign off {p.title}
              </button>
            </Form>
          ) : (
            <p className="muted">
              Sign-off is available once every other requirement (or, for renewal, every renewal requirement) is met.
            </p>
          )}
          {p.signOffs.length ? (
            <ul aria-label={`Certificates: ${p.title}`}>
              {p.signOffs.map((s) => (
                <li key={s.id}>
                  <Link to={`/certification/certificates/${s.id}`}>Certificate issued {formatDay(s.signedAt)}</Link>
                  {s.revokedAt ? (
                    " (revoked)"
                  ) : (
                    <>
                      {" "}
                      (valid until {formatDay(s.validUntil)}) ·{" "}
                      <a href={`/certification/certificates/${s.id}.pdf`} download>
                        PDF<span className="visually-hidden"> of the certificate issued {formatDay(s.signedAt)}</span>
                      </a>
                    </>
                  )}
                  <CredentialNote credential={r.credentials[s.id]} signOffId={s.id} signedAt={s.signedAt} />
                </li>
              ))}
            </ul>
          ) : null}
          {p.signOffs
            .filter((s) => !s.revokedAt)
            .slice(0, 1)
            .map((s) => (
              <details key={s.id}>
                <summary>Revoke this certification</summary>
                <Form method="post" className="stack">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="signOffId" value={s.id} />
                  <div className="field">
                    <label htmlFor={`revoke-${s.id}`}>Reason (required, kept in the audit trail)</label>
                    <textarea id={`revoke-${s.id}`} name="reason" rows={3} required />
                  </div>
                  <button type="submit" className="button button--danger">
                    Revoke
                  </button>
                </Form>
              </details>
            ))}
        </section>
      ))}

      <CompetencyCharts
        name={r.officer.name}
        whose={`${r.officer.name}'s`}
        evidence={r.insight.evidence}
        timeline={r.insight.timeline}
        comparison={r.insight.comparison}
      />
      <section aria-labelledby="practicum-h">
        <h2 id="practicum-h">Practicum</h2>
        {r.practicum.length ? (
          <ul className="stack" role="list">
            {r.practicum.map((e) => (
              <li key={e.id} className="card">
                <p>
                  <strong>{formatDay(e.date)}</strong> · {kindLabel(e.kind)} · {e.processType} · {roleLabel(e.role)} ·{" "}
                  {e.participantCount} participants · <em>{e.status}</em>
                </p>
                <p>
                  <strong>Outcome:</strong> {e.outcome}
                </p>
                <PracticumOutcome entry={e} />
                <PracticumReflection entry={e} />
                {e.reviewComment ? <p className="muted">Review comment: {e.reviewComment}</p> : null}
                {e.status === "submitted" ? (
                  <Form method="post" className="stack">
                    <input type="hidden" name="entryId" value={e.id} />
                    <div className="field">
                      <label htmlFor={`c-${e.id}`}>Comment (required to return)</label>
                      <textarea id={`c-${e.id}`} name="comment" rows={2} />
                    </div>
                    <div className="row">
                      <button type="submit" name="intent" value="confirm-practicum" className="button">
                        Confirm entry of {formatDay(e.date)}
                      </button>
                      <button type="submit" name="intent" value="return-practicum" className="button button--secondary">
                        Return with comment
                      </button>
                    </div>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No practicum entries yet.</p>
        )}
      </section>

      <section aria-labelledby="cpd-h">
        <h2 id="cpd-h">Continuing professional development</h2>
        {r.cpd.length ? (
          <ul className="stack" role="list">
            {r.cpd.map((c) => (
              <li key={c.id} className="card">
                <p>
                  <strong>{formatDay(c.date)}</strong> · {c.hours} hours · {c.activity} · <em>{c.status}</em>
                </p>
                <p>
                  <strong>Evidence:</strong> {c.evidence}
                </p>
                {c.reviewComment ? <p className="muted">Review comment: {c.reviewComment}</p> : null}
                {c.status === "submitted" ? (
                  <Form method="post" className="stack">
                    <input type="hidden" name="activityId" value={c.id} />
                    <div className="field">
                      <label htmlFor={`cpd-c-${c.id}`}>Comment (required to return)</label>
                      <textarea id={`cpd-c-${c.id}`} name="comment" rows={2} />
                    </div>
                    <div className="row">
                      <button type="submit" name="intent" value="confirm-cpd" className="button">
                        Confirm activity of {formatDay(c.date)}
                      </button>
                      <button type="submit" name="intent" value="return-cpd" className="button button--secondary">
                        Return with comment
                      </button>
                    </div>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No development activities logged.</p>
        )}
      </section>

      <section aria-labelledby="observations-h" className="stack">
        <h2 id="observations-h">Observations</h2>
        <ObservationList rows={r.observations} empty="No observations yet." responses />
        <p className="row">
          {r.mayObserve ? (
            <Link to={`/observations/new?officer=${r.officer.id}`}>Record an observation of {r.officer.name}</Link>
          ) : null}
          <Link to="/observations/agreement">Agreement between assessors</Link>
        </p>
      </section>

      <section aria-labelledby="competency-h">
        <h2 id="competency-h">Competency profile</h2>
        {r.competencyProfile.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Competency</th>
                  <th scope="col">Average score</th>
                  <th scope="col">Completed attempts</th>
                </tr>
              </thead>
              <tbody>
                {r.competencyProfile.map((c) => (
                  <tr key={c.competency}>
                    <th scope="row">{c.competency}</th>
                    <td>{c.average}%</td>
                    <td>{c.attempts}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">No completed role-plays yet.</p>
        )}
      </section>

      <section aria-labelledby="modules-h">
        <h2 id="modules-h">Modules passed</h2>
        {r.modules.length ? (
          <ul>
            {r.modules.map((m) => (
              <li key={m.moduleSlug}>
                {m.title} ({formatDay(m.passedAt)}, best {m.bestScore}%)
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">None yet.</p>
        )}
      </section>

      <section aria-labelledby="attempts-h">
        <h2 id="attempts-h">Role-play attempts</h2>
        {r.attempts.attempts.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Scenario</th>
                  <th scope="col">Mode</th>
                  <th scope="col">Started</th>
                  <th scope="col">Status</th>
                  <th scope="col">Score</th>
                  <th scope="col">Critical errors</th>
                </tr>
              </thead>
              <tbody>
                {r.attempts.attempts.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <Link to={`/supervisor/officers/${r.officer.id}/attempts/${a.id}`}>
                        {a.scenarioVersion.title} (v{a.scenarioVersion.number})
                      </Link>
                    </td>
                    <td>{a.mode === "assessed" ? "Assessed" : "Practice"}</td>
                    <td>{formatDay(a.startedAt)}</td>
                    <td>
                      {a.status === "completed"
                        ? a.passed
                          ? "Passed"
                          : "Not passed"
                        : a.status === "left"
                          ? "Left"
                          : "In progress"}
                    </td>
                    <td>{a.score !== null ? `${a.score}%` : "—"}</td>
                    <td>{a.criticalErrors}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">No attempts yet.</p>
        )}
        {r.attempts.newer || r.attempts.older ? (
          <nav className="row pager" aria-label="Pages of attempts">
            {r.attempts.newer ? (
              <Link to={`?newer=${encodeURIComponent(r.attempts.newer)}#attempts-h`}>← Newer attempts</Link>
            ) : (
              <span />
            )}
            {r.attempts.older ? (
              <Link to={`?older=${encodeURIComponent(r.attempts.older)}#attempts-h`}>Older attempts →</Link>
            ) : null}
          </nav>
        ) : null}
      </section>

      <section aria-labelledby="audit-h">
        <h2 id="audit-h">Audit trail</h2>
        {r.audit.length ? (
          <ol className="audit">
            {r.audit.map((a) => (
              <li key={a.id}>
                <strong>{a.label}</strong> by {a.actorName} on {a.when}
                {a.afterText ? <span className="muted"> · {a.afterText}</span> : null}
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">No entries.</p>
        )}
      </section>
    </div>
  );
}

/** The certificate's Open Badges credential: when it was issued, whether it is revoked, and its file. */
function CredentialNote({
  credential,
  signOffId,
  signedAt,
}: {
  credential: { issuedAt: Date; revokedAt: Date | null } | undefined;
  signOffId: string;
  signedAt: Date;
}) {
  if (!credential) return <> · no credential issued yet</>;
  return (
    <>
      {" "}
      · credential issued {formatDay(credential.issuedAt)}
      {credential.revokedAt ? `, revoked ${formatDay(credential.revokedAt)}` : ""} ·{" "}
      <a href={`/certification/certificates/${signOffId}.jwt`} download>
        Credential<span className="visually-hidden"> of the certificate issued {formatDay(signedAt)}</span> (.jwt)
      </a>
    </>
  );
}
