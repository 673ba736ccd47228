import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "../auth/require-user.server";
import { listDraftsForCommunityReview } from "../studio/community-review.server";
import { formatDay } from "../ui/certification-status";

export const meta: MetaFunction = () => [{ title: "Community review · Circlekeeper" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: "studio:community-review" });
  return listDraftsForCommunityReview(user);
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["waiting"][number];

function DraftTable({ rows, caption }: { rows: Row[]; caption: string }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Draft</th>
            <th scope="col">Kind</th>
            <th scope="col">Author</th>
            <th scope="col">Review asked for</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.id}>
              <td>
                <Link to={`/studio/community/${d.id}`}>{d.title}</Link>
                {d.reviewedBefore && !d.currentTextReviewed ? (
                  <>
                    {" "}
                    <span className="badge">Changed since it was last reviewed</span>
                  </>
                ) : null}
              </td>
              <td>{d.kind}</td>
              <td>{d.authorName}</td>
              <td>{formatDay(d.communityReviewRequestedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function CommunityReviewList() {
  const { waiting, reviewed } = useLoaderData<typeof loader>();
  return (
    <div className="page stack">
      <h1>Community review</h1>
      <p className="lead">
        Trainers asked for these drafts to be read by someone outside the police before they are published. Read each
        one and say whether it holds retraumatizing detail, stereotypes or unsafe advice, and whether the person harmed
        is heard.
      </p>
      <section aria-labelledby="waiting-h">
        <h2 id="waiting-h">Waiting for your review</h2>
        {waiting.length ? (
          <DraftTable rows={waiting} caption="Drafts waiting for community review" />
        ) : (
          <p className="muted">No draft is waiting for community review.</p>
        )}
      </section>
      {reviewed.length ? (
        <section aria-labelledby="reviewed-h">
          <h2 id="reviewed-h">Reviewed, not yet published</h2>
          <DraftTable rows={reviewed} caption="Drafts whose current text has been reviewed" />
        </section>
      ) : null}
    </div>
  );
}
