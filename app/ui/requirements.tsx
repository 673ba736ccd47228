import { Link } from "@remix-run/react";
import { whereToMeet } from "../certification/presentation";
import type { RequirementView } from "../certification/views.server";
import { formatDay } from "./certification-status";

interface Links {
  /** the debrief (or the page) of an attempt */
  attemptHref?: (attemptId: string, slug: string) => string;
  /** a scenario's page, where an assessed attempt starts (the officer's own view) */
  scenarioHref?: (slug: string) => string;
  /** where a retake is decided (trainers' and supervisors' views) */
  retakeHref?: string;
  /** where the case studies are written (officer) or reviewed (assessor) */
  caseStudiesHref?: string;
  /** the officer's own view: each unmet requirement links to where it is met */
  linkUnmet?: boolean;
  /** renewal evidence still being gathered reads "to do", not "not met" (which reads as a failure) */
  gathering?: boolean;
}

type ScenarioView = Extract<RequirementView, { kind: "scenario" }>;

function ScenarioLink({ slug, r, href }: { slug: string; r: ScenarioView; href?: (slug: string) => string }) {
  const title = r.scenarioTitles[slug] ?? slug;
  return href ? <Link to={href(slug)}>{title}</Link> : <>“{title}”</>;
}

/** Where a role-play requirement's assessment stands, and what can be done about it. */
function AssessmentLine({ r, attemptHref, scenarioHref, retakeHref }: { r: ScenarioView } & Links) {
  const a = r.assessment;
  if (r.met && r.attemptId && r.slug) {
    return (
      <>
        {" "}
        Passed “{r.scenarioTitles[r.slug] ?? r.slug}” with {r.score}% on {formatDay(r.at)}
        {attemptHref ? (
          <>
            : <Link to={attemptHref(r.attemptId, r.slug)}>debrief</Link>
          </>
        ) : null}
        .
      </>
    );
  }
  if (!r.inForce) return null;
  switch (a.state) {
    case "in_progress":
      return (
        <>
          {" "}
          Assessed attempt in progress on “{r.scenarioTitles[a.open!.slug]}”
          {attemptHref ? (
            <>
              : <Link to={attemptHref(a.open!.attemptId, a.open!.slug)}>resume it</Link>
            </>
          ) : null}
          .
        </>
      );
    case "available":
      return (
        <>
          {" "}
          {a.lastFailure ? (
            <>
              Not passed on “{r.scenarioTitles[a.lastFailure.slug]}” ({formatDay(a.lastFailure.at)}).{" "}
            </>
          ) : null}
          An assessed attempt can count on{" "}
          {a.eligible.map((e, i) => (
            <span key={e.slug}>
              {i ? " or " : ""}
              <ScenarioLink slug={e.slug} r={r} href={scenarioHref} />
              {e.retakeAuthorizationId ? " (authorized retake)" : ""}
            </span>
          ))}
          .
        </>
      );
    case "awaiting_retake":
      return (
        <>
          {" "}
          Not passed on “{r.scenarioTitles[a.lastFailure!.slug]}” (
          {a.lastFailure!.left ? "left" : `${a.lastFailure!.score ?? 0}%`}, {formatDay(a.lastFailure!.at)}), with no
          other role-play of the pool left: waiting for a trainer or supervisor to authorize one more assessed attempt
          {retakeHref ? (
            <>
              {" "}
              (<Link to={retakeHref}>failed assessments</Link>)
            </>
          ) : null}
          .
        </>
      );
    case "closed":
      return <> Every role-play of this pool was practiced before an assessment, so none can count.</>;
    default:
      return null;
  }
}

function WhereToMeet({ r }: { r: RequirementView }) {
  const where = whereToMeet(r);
  if (!where) return null;
  const text = (
    <>
      {where.text}
      <span className="visually-hidden">: {r.title}</span>
    </>
  );
  return (
    <>
      {" "}
      <span className="requirement__where">
        {where.href.startsWith("#") ? <a href={where.href}>{text}</a> : <Link to={where.href}>{text}</Link>}
      </span>
    </>
  );
}

/** A requirement list that says, for each, whether it is met and by what evidence. */
export function RequirementList({ requirements, ...links }: { requirements: RequirementView[] } & Links) {
  return (
    <ul className="requirements" role="list">
      {requirements.map((r, i) => (
        <li key={i} className={r.met ? "requirement requirement--met" : "requirement"}>
          <span className="requirement__mark" aria-hidden="true">
            {r.met ? "✓" : "○"}
          </span>
          <span>
            <span className="visually-hidden">{r.met ? "Met: " : links.gathering ? "To do: " : "Not met: "}</span>
            {r.kind === "module" ? (
              <>
                Module: <Link to={`/modules/${r.slug}`}>{r.title}</Link>
                {r.passedAt
                  ? ` (passed ${formatDay(r.passedAt)})`
                  : r.since
                    ? `: a pass since ${formatDay(r.since)} counts`
                    : ""}
              </>
            ) : null}
            {r.kind === "scenario" ? (
              <>
                Assessed role-play: {r.title} ({r.pool.map((s) => r.scenarioTitles[s] ?? s).join(" or ")}), at least{" "}
                {r.minScore}%
                {Object.entries(r.competencyMinimums)
                  .map(([c, m]) => `, ${c} at least ${m}%`)
                  .join("")}
                .
                <AssessmentLine r={r} {...links} />
              </>
            ) : null}
            {r.kind === "practicum" ? (
              <>
                Practicum: {r.title} {r.confirmed} of {r.required} confirmed.
              </>
            ) : null}
            {r.kind === "observation" ? (
              <>
                Observed assessment: {r.title}{" "}
                {r.met && r.observationId ? (
                  <>
                    Met by the{" "}
                    <Link to={`/observations/${r.observationId}`}>observation of {formatDay(r.observedOn)}</Link>.
                  </>
                ) : r.closest ? (
                  <>
                    Your{" "}
                    <Link to={`/observations/${r.closest.id}`}>observation of {formatDay(r.closest.observedOn)}</Link>{" "}
                    has {r.closest.below.join(", ")} below {r.minLevel}.
                  </>
                ) : (
                  <>No observation with this rubric yet.</>
                )}
              </>
            ) : null}
            {r.kind === "held_program" ? (
              <>
                Hold {r.title} for {r.months} months{r.countsFrom ? ` (from ${formatDay(r.countsFrom)})` : ""}.
              </>
            ) : null}
            {r.kind === "formal_processes" ? (
              <>
                Formal restorative processes (joint meeting, indirect dialogue or circle) since {formatDay(r.since)}:{" "}
                {r.confirmed} of {r.required} confirmed.
              </>
            ) : null}
            {r.kind === "case_studies" ? (
              <>
                Case studies: {r.title} {r.accepted} of {r.required} accepted by an assessor
                {r.met ? "." : `; ${r.required - r.accepted} still needed.`}
                {links.caseStudiesHref ? (
                  <>
                    {" "}
                    <Link to={links.caseStudiesHref}>
                      {r.met ? "See the case studies" : "Write or review case studies"}
                    </Link>
                    .
                  </>
                ) : null}
              </>
            ) : null}
            {r.kind === "cpd" ? (
              <>
                Continuing professional development since {formatDay(r.since)}: {r.hours} of {r.requiredHours} hours
                confirmed.
              </>
            ) : null}
            {r.kind === "program" ? <>Hold the certification: {r.title}</> : null}
            {r.kind === "sign_off" ? <>Supervisor sign-off</> : null}
            {links.linkUnmet ? <WhereToMeet r={r} /> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
