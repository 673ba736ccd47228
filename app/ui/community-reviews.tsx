// Recorded community reviews: who reviewed which text, when, the decision, and the checklist with its notes.
// Shown on the trainer's draft page, the community reviewer's page and the studio's version page.
import { Fragment } from "react";
import {
  CHECKLIST_ITEMS,
  CHECKLIST_LABELS,
  COMMUNITY_DECISION_LABELS,
  type CommunityReviewShown,
} from "../studio/community-checklist";
import { formatDay } from "./certification-status";

export type { CommunityReviewShown };

export function CommunityReviews({
  reviews,
  draftText = true,
}: {
  reviews: CommunityReviewShown[];
  draftText?: boolean;
}) {
  if (!reviews.length) return <p className="muted">No community review recorded yet.</p>;
  return (
    <ul className="stack" role="list">
      {reviews.map((r) => (
        <li key={r.id} className="card stack">
          <p>
            <strong>{COMMUNITY_DECISION_LABELS[r.decision] ?? r.decision}</strong>: {r.reviewerName},{" "}
            {formatDay(r.createdAt)}
            {draftText ? (
              <>
                , text revision {r.revision}
                {r.ofCurrentText ? " (the current text)" : " (an earlier text)"}
              </>
            ) : null}
          </p>
          {r.comment ? <p>{r.comment}</p> : null}
          <dl className="facts">
            {CHECKLIST_ITEMS.map((item) => (
              <Fragment key={item}>
                <dt>{CHECKLIST_LABELS[item].title}</dt>
                <dd>
                  {r.checklist[item].concern ? (
                    <>
                      <span className="badge badge--warn">Concern</span> {r.checklist[item].note}
                    </>
                  ) : (
                    "No concern"
                  )}
                </dd>
              </Fragment>
            ))}
          </dl>
        </li>
      ))}
    </ul>
  );
}
