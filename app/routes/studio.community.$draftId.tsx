import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireUser } from "../auth/require-user.server";
import { formFields, invalid, respondToDomainError } from "../forms";
import {
  CHECKLIST_ITEMS,
  CHECKLIST_LABELS,
  COMMUNITY_DECISION_LABELS,
  COMMUNITY_DECISIONS,
  readCommunityReview,
} from "../studio/community-checklist";
import { recordCommunityReview } from "../studio/community-review.server";
import type { DiffExcerpt } from "../studio/diff";
import { communityDraftPage } from "../studio/draft-view.server";
import { CommunityReviews } from "../ui/community-reviews";
import { DraftEditor } from "../ui/draft-editor";
import { FormResult } from "../ui/form-result";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.draft.title ?? "Draft"} · Community review · Circlekeeper` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: "studio:community-review" });
  const page = await communityDraftPage(user, params.draftId ?? "");
  if (!page) throw notFound("There is no draft waiting for community review at this address.");
  return page;
}

// The form's hidden field: the hash of the text the page showed (a review of any other text is refused).
const NO_HASH = "Open the draft again and review the text it shows.";
const ReviewedHash = z
  .string({ required_error: NO_HASH, invalid_type_error: NO_HASH })
  .regex(/^[0-9a-f]{64}$/, NO_HASH);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: "studio:community-review" });
  const fields = formFields(await request.formData());
  const hash = ReviewedHash.safeParse(fields.reviewedHash);
  if (!hash.success) return invalid({ form: NO_HASH });
  const review = readCommunityReview(fields);
  if (!review.ok) return invalid(review.errors);
  try {
    const recorded = await recordCommunityReview(user, params.draftId ?? "", review.value, hash.data);
    if (!recorded) throw notFound("There is no draft waiting for community review at this address.");
    return {
      ok: true as const,
      message:
        "Your review is recorded. The trainers see it on the draft, and it stays with the version if the draft is published.",
      errors: {} as Record<string, string>,
    };
  } catch (error) {
    return respondToDomainError(error);
  }
}

// After a 409 the draft is not what the page shows: load it again, so what is reviewed next is what is shown.
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || defaultShouldRevalidate;

export default function CommunityReviewPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result && !result.ok ? result.errors : {};
  const changed = (result && "changes" in result ? result.changes : null) as DiffExcerpt | null;
  return (
    <div className="page stack">
      <p>
        <Link to="/studio/community">Community review</Link>
      </p>
      <h1>
        {d.draft.title}{" "}
        <span className="muted">
          ({d.draft.kind} draft by {d.authorName})
        </span>
      </h1>
      {d.published ? <p className="alert alert--ok">Published as version {d.published.number}.</p> : null}
      {result?.ok ? (
        <FormResult of={result} ok>
          <p>{result.message}</p>
        </FormResult>
      ) : null}
      {result && !result.ok ? (
        <FormResult of={result} ok={false}>
          <p>Nothing was recorded:</p>
          <ul>
            {Object.entries(errors).map(([k, v]) => (
              <li key={k}>{v}</li>
            ))}
          </ul>
          {changed ? (
            <p>
              {changed.added} line{changed.added === 1 ? "" : "s"} added and {changed.removed} removed since you opened
              it.
            </p>
          ) : null}
        </FormResult>
      ) : null}
      <p>
        {d.community.currentTextReviewed
          ? "This text has been reviewed; you may add another review of it."
          : "Nobody has reviewed this text yet."}{" "}
        Read the text and, for a scenario, the map of its paths; then record your review below.
      </p>
      <DraftEditor kind={d.draft.kind} source={d.draft.source} preview={d.preview} editable={false} />
      {d.canRecord ? <ReviewForm sourceHash={d.draft.sourceHash} errors={errors} /> : null}
      <section className="stack" aria-labelledby="reviews-h">
        <h2 id="reviews-h">Reviews recorded</h2>
        <CommunityReviews reviews={d.community.reviews} />
      </section>
    </div>
  );
}

function ReviewForm({ sourceHash, errors }: { sourceHash: string; errors: Record<string, string | undefined> }) {
  return (
    <section className="card stack" aria-labelledby="record-h">
      <h2 id="record-h">Your review</h2>
      <Form method="post" className="stack">
        <input type="hidden" name="reviewedHash" value={sourceHash} />
        {CHECKLIST_ITEMS.map((item) => (
          <fieldset key={item} className="stack" aria-describedby={`${item}-question`}>
            <legend>{CHECKLIST_LABELS[item].title}</legend>
            <p className="hint" id={`${item}-question`}>
              {CHECKLIST_LABELS[item].question}
            </p>
            <div className="row">
              <label>
                <input type="radio" name={item} value="none" required /> No concern
              </label>
              <label>
                <input type="radio" name={item} value="concern" /> Concern
              </label>
            </div>
            {errors[item] ? <p className="field-error">{errors[item]}</p> : null}
            <div className="field">
              <label htmlFor={`${item}Note`}>Note (required with a concern)</label>
              <textarea
                id={`${item}Note`}
                name={`${item}Note`}
                rows={2}
                maxLength={2000}
                aria-invalid={errors[`${item}Note`] ? true : undefined}
              />
              {errors[`${item}Note`] ? <p className="field-error">{errors[`${item}Note`]}</p> : null}
            </div>
          </fieldset>
        ))}
        <div className="field">
          <label htmlFor="comment">Overall comment (required with concerns to address)</label>
          <textarea
            id="comment"
            name="comment"
            rows={3}
            maxLength={2000}
            aria-invalid={errors.comment ? true : undefined}
          />
          {errors.comment ? <p className="field-error">{errors.comment}</p> : null}
        </div>
        <fieldset>
          <legend>Decision</legend>
          <div className="row">
            {COMMUNITY_DECISIONS.map((decision) => (
              <label key={decision}>
                <input type="radio" name="decision" value={decision} required /> {COMMUNITY_DECISION_LABELS[decision]}
              </label>
            ))}
          </div>
          {errors.decision ? <p className="field-error">{errors.decision}</p> : null}
        </fieldset>
        <div className="row">
          <button type="submit" className="button">
            Record review
          </button>
        </div>
      </Form>
    </section>
  );
}
