import crypto from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useRef } from "react";
import { requireUser, notFound } from "../auth/require-user.server";
import { observationsOf } from "../certification/observations.server";
import { FollowUpInput, PracticumInput } from "../certification/practicum";
import { recordFollowUp, submitPracticum } from "../certification/practicum.server";
import { officerCertification } from "../certification/views.server";
import { invalid, readForm, respondToDomainError } from "../forms";
import { ownProfile } from "../insight/unit-insight.server";
import { CertificationBadge, formatDay } from "../ui/certification-status";
import { CompetencyCharts } from "../ui/competency-charts";
import { FormResult } from "../ui/form-result";
import { ObservationList } from "../ui/observation";
import {
  FollowUpForm,
  kindLabel,
  PracticumForm,
  PracticumOutcome,
  PracticumReflection,
  roleLabel,
} from "../ui/practicum";
import { RequirementList } from "../ui/requirements";

export const meta: MetaFunction = () => [{ title: "Your certification · Circlekeeper" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: "certification:own" });
  const [certification, observations, profile] = await Promise.all([
    officerCertification(user),
    observationsOf(user.id),
    ownProfile(user.id),
  ]);
  return {
    ...certification,
    observations,
    profile,
    submissionKey: crypto.randomUUID(),
    today: new Date().toISOString().slice(0, 10),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: "certification:own" });
  const formData = await request.formData();
  if (formData.get("intent") === "follow-up") {
    const followUp = readForm(formData, FollowUpInput);
    if (!followUp.ok) return invalid(followUp.errors);
    let recorded;
    try {
      recorded = await recordFollowUp(user, followUp.value);
    } catch (error) {
      return respondToDomainError(error);
    }
    if (!recorded) throw notFound("There is no practicum entry of yours with this follow-up.");
    return {
      ok: true as const,
      message: "Follow-up recorded. Thank you: it counts in your agency's training-impact report.",
      errors: {} as Record<string, string>,
      followUpOf: followUp.value.entryId,
    };
  }
  const form = readForm(formData, PracticumInput);
  if (!form.ok) return invalid(form.errors);
  try {
    await submitPracticum(user, form.value);
  } catch (error) {
    return respondToDomainError(error);
  }
  return {
    ok: true as const,
    message: "Practicum entry logged. Your supervisor will confirm it or return it with a comment.",
    errors: {} as Record<string, string>,
  };
}

const STATUS_TEXT: Record<string, string> = {
  submitted: "Waiting for your supervisor",
  confirmed: "Confirmed",
  returned: "Returned",
};

export default function CertificationPage() {
  const { programs, practicum, observations, profile, submissionKey, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const navigation = useNavigation();
  // A follow-up answer belongs to its entry's row; anything else to the log form.
  const followUpError = errors.agreementKept ?? errors.entryId;
  const isFollowUp = Boolean(followUpError || (result && "followUpOf" in result));
  const lastFollowUp = useRef<string | null>(null);
  const sending = navigation.formData?.get("entryId");
  if (typeof sending === "string") lastFollowUp.current = sending;
  const followUpEntry = result && "followUpOf" in result ? result.followUpOf : lastFollowUp.current;
  return (
    <div className="page">
      <h1>Your certification</h1>
      <p className="lead">
        Your standing in each program is worked out from your records: modules passed, assessed role-plays passed,
        observed assessments, confirmed practicum (the kinds and roles each program names, with reflective logs),
        development hours for renewal, and your supervisor's sign-off. Practice attempts never count: a role-play counts
        only as an assessed attempt that is your first play of that scenario.
      </p>
      {programs.map((p) => (
        <section key={p.slug} className="card stack program" aria-labelledby={`program-${p.slug}`}>
          <h2 id={`program-${p.slug}`}>
            {p.title} <CertificationBadge status={p.status} label={p.statusLabel} />
          </h2>
          <p>{p.summary}</p>
          {p.validUntil && p.status !== "revoked" ? (
            <p>
              <strong>Valid until:</strong> {formatDay(p.validUntil)}
            </p>
          ) : null}
          {p.revokeReason ? (
            <div className="alert alert--error">
              <p>Revoked: {p.revokeReason}</p>
            </div>
          ) : null}
          {p.nextStep ? (
            <p>
              <strong>Next step:</strong> {p.nextStep}
            </p>
          ) : null}
          {p.renewal ? (
            <div className="stack" id={`renewal-${p.slug}`}>
              <h3>Renewal, due by {formatDay(p.renewal.dueBy)}</h3>
              <p>
                {p.renewal.rules} Evidence counts from {formatDay(p.renewal.opensAt)}
                {p.renewal.met ? "; all of it is in place." : "."}
              </p>
              <RequirementList
                requirements={p.renewal.requirements}
                attemptHref={(id, slug) => `/scenarios/${slug}/attempts/${id}`}
                scenarioHref={(slug) => `/scenarios/${slug}`}
                caseStudiesHref="/certification/case-studies"
                linkUnmet
                gathering
              />
            </div>
          ) : null}
          {p.renewal ? (
            <details>
              <summary>Requirements of your first certification</summary>
              <RequirementList
                requirements={p.requirements}
                attemptHref={(id, slug) => `/scenarios/${slug}/attempts/${id}`}
                scenarioHref={(slug) => `/scenarios/${slug}`}
                caseStudiesHref="/certification/case-studies"
              />
            </details>
          ) : (
            <>
              <h3>Requirements</h3>
              <RequirementList
                requirements={p.requirements}
                attemptHref={(id, slug) => `/scenarios/${slug}/attempts/${id}`}
                scenarioHref={(slug) => `/scenarios/${slug}`}
                caseStudiesHref="/certification/case-studies"
                linkUnmet
              />
            </>
          )}
          {p.signOffs.length ? (
            <>
              <h3>Certificates</h3>
              <ul>
                {p.signOffs.map((s) => (
                  <li key={s.id}>
                    <Link to={`/certification/certificates/${s.id}`}>Certificate issued {formatDay(s.signedAt)}</Link>
                    {s.revokedAt ? " (revoked)" : ` (valid until ${formatDay(s.validUntil)})`}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ))}

      <CompetencyCharts name="You" whose="Your" evidence={profile.evidence} timeline={profile.timeline} />
      <section aria-labelledby="observations-heading" className="stack">
        <h2 id="observations-heading">Observations of your facilitation</h2>
        <p>
          An assessor observes you facilitating (a role-play or a real meeting) and scores what they saw against a
          rubric. Read each one and add your response.
        </p>
        {observations.some((o) => !o.respondedAt) ? (
          <p className="alert alert--warn">
            {observations.filter((o) => !o.respondedAt).length} observation(s) wait for your response.
          </p>
        ) : null}
        <ObservationList rows={observations} empty="No observations yet." responses />
      </section>

      <section aria-labelledby="case-studies-heading" className="stack">
        <h2 id="case-studies-heading">Case studies</h2>
        <p>
          Level 2 asks for written case studies accepted by an assessor.{" "}
          <Link to="/certification/case-studies">Write and follow your case studies</Link>.
        </p>
      </section>

      <section aria-labelledby="cpd-heading" className="stack">
        <h2 id="cpd-heading">Continuing professional development</h2>
        <p>
          Renewal asks for development hours confirmed by your supervisor.{" "}
          <Link to="/certification/cpd">Log and review your development activities</Link>.
        </p>
      </section>

      <section aria-labelledby="practicum-heading" className="stack">
        <h2 id="practicum-heading">Practicum log</h2>
        <p>
          Log each real restorative process you facilitate. It counts toward certification once your supervisor confirms
          it.
        </p>
        {result && isFollowUp ? (
          <FormResult of={result} ok={result.ok}>
            <p>{result.ok ? result.message : `The follow-up was not recorded: ${followUpError}`}</p>
          </FormResult>
        ) : null}
        {practicum.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Session</th>
                  <th scope="col">Process</th>
                  <th scope="col">Your role</th>
                  <th scope="col">Participants</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {practicum.map((e) => (
                  <tr key={e.id} id={`practicum-${e.id}`}>
                    <td>{formatDay(e.date)}</td>
                    <td>{kindLabel(e.kind)}</td>
                    <td>{e.processType}</td>
                    <td>{roleLabel(e.role)}</td>
                    <td>{e.participantCount}</td>
                    <td>
                      {e.outcome}
                      <PracticumOutcome entry={e} />
                      {e.followUpOpen ? (
                        <FollowUpForm
                          entry={e}
                          error={followUpEntry === e.id ? followUpError : undefined}
                          submitting={navigation.state === "submitting"}
                        />
                      ) : null}
                      <details>
                        <summary>
                          Reflective log<span className="visually-hidden"> of {formatDay(e.date)}</span>
                        </summary>
                        <PracticumReflection entry={e} />
                      </details>
                    </td>
                    <td>
                      {STATUS_TEXT[e.status] ?? e.status}
                      {e.reviewComment ? (
                        <>
                          <br />
                          <span className="muted">“{e.reviewComment}”</span>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">No entries yet.</p>
        )}
        <div className="card">
          <h3>Log a practicum entry</h3>
          {result && !isFollowUp ? (
            <FormResult of={result} ok={result.ok}>
              <p>{result.ok ? result.message : "The entry was not saved. Check the fields marked below."}</p>
            </FormResult>
          ) : null}
          <PracticumForm
            submissionKey={submissionKey}
            today={today}
            errors={isFollowUp ? {} : errors}
            submitting={navigation.state === "submitting"}
          />
        </div>
      </section>
    </div>
  );
}
