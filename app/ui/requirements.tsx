import { Link } from "@remix-run/react";
import type { RequirementView } from "../certification/views.server";
import { formatDay } from "./certification-status";

/** A requirement list that says, for each, whether it is met and by what evidence. */
export function RequirementList({ requirements, attemptHref }: { requirements: RequirementView[]; attemptHref?: (attemptId: string, slug: string) => string }) {
  return (
    <ul className="requirements" role="list">
      {requirements.map((r, i) => (
        <li key={i} className={r.met ? "requirement requirement--met" : "requirement"}>
          <span className="requirement__mark" aria-hidden="true">{r.met ? "✓" : "○"}</span>
          <span>
            <span className="visually-hidden">{r.met ? "Met: " : "Not met: "}</span>
            {r.kind === "module" ? <>Module: <Link to={`/modules/${r.slug}`}>{r.title}</Link>{r.passedAt ? ` (passed ${formatDay(r.passedAt)})` : ""}</> : null}
            {r.kind === "scenario" ? (
              <>
                Role-play: {r.title}, at least {r.minScore}%
                {Object.entries(r.competencyMinimums).map(([c, m]) => `, ${c} at least ${m}%`).join("")}
                {r.attemptId ? (
                  <> (passed with {r.score}% on {formatDay(r.at)}{attemptHref ? <>: <Link to={attemptHref(r.attemptId, r.slug)}>debrief</Link></> : null})</>
                ) : null}
              </>
            ) : null}
            {r.kind === "practicum" ? <>Practicum: {r.confirmed} of {r.required} confirmed</> : null}
            {r.kind === "program" ? <>Hold the certification: {r.title}</> : null}
            {r.kind === "sign_off" ? <>Supervisor sign-off</> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
