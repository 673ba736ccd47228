import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireUser } from "../auth/require-user.server";
import { invalid, readForm, respondToDomainError } from "../forms";
import { requestCommunityReview } from "../studio/community-review.server";
import type { DiffExcerpt } from "../studio/diff";
import { addDraftImage, readImageUpload } from "../studio/draft-images.server";
import { draftPage } from "../studio/draft-view.server";
import { reviewDraft, saveDraft, submitDraft } from "../studio/drafts.server";
import { addReviewComment, resolveReviewComment, reviewCommentsView } from "../studio/review-comments.server";
import { saveMessage } from "../studio/save-message";
import type { OutdatedBaseView } from "../studio/stale-base.server";
import { bringInPublished, confirmUndo } from "../studio/stale-drafts.server";
import { formatDay } from "../ui/certification-status";
import { CommunityReviews } from "../ui/community-reviews";
import { DiffHunks } from "../ui/diff-view";
import { DraftEditor } from "../ui/draft-editor";
import { DraftImages } from "../ui/draft-images";
import { ReviewComments } from "../ui/review-comments";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.draft.title ?? "Draft"} · Studio · Circlekeeper` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: "studio:use" });
  const page = await draftPage(user, params.draftId ?? "");
  if (!page) throw notFound("There is no draft at this address.");
  // Both from the draft's check (made in the checker's worker): the author's YAML is not parsed here.
  const targets = page.preview.targets ?? [];
  const images = page.canEdit && page.draft.kind === "scenario" ? targets : [];
  const review = await reviewCommentsView(user, page.draft, targets);
  return { ...page, images, review };
}

// The review form's hidden field: the hash of the text the page showed (a review of any other text is refused).
const NO_HASH = "Open the draft again and review the text it shows.";
const ReviewedHash = z
  .string({ required_error: NO_HASH, invalid_type_error: NO_HASH })
  .regex(/^[0-9a-f]{64}$/, NO_HASH);

const ActionForm = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("save"), source: z.string().max(400_000, "The draft is too large.") }),
    // The editor's text comes with a submission, so unsaved edits are saved (or the submission refused) first.
    z.object({ intent: z.literal("submit"), source: z.string().max(400_000, "The draft is too large.").optional() }),
    z.object({ intent: z.literal("bring-in-published"), shownHash: ReviewedHash }),
    z.object({ intent: z.literal("confirm-undo"), shownHash: ReviewedHash }),
    z.object({ intent: z.literal("request-community-review") }),
    z.object({
      intent: z.literal("comment"),
      anchor: z.string({ required_error: "Choose where the comment goes." }).max(200),
      body: z.string().trim().min(1, "Write the comment.").max(2000, "A comment has at most 2000 characters."),
    }),
    z.object({ intent: z.literal("resolve-comment"), commentId: z.string().min(1).max(100) }),
    z.object({ intent: z.literal("approve"), comment: z.string().max(2000).default(""), reviewedHash: ReviewedHash }),
    z.object({
      intent: z.literal("return"),
      comment: z.string().trim().min(1, "Say what needs to change.").max(2000),
      reviewedHash: ReviewedHash,
    }),
  ],
  { errorMap: () => ({ message: "Unknown action." }) },
);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: "studio:use" });
  const id = params.draftId ?? "";
  // An image upload is the one multipart form here (its file is read with a byte limit, not as text).
  if (request.headers.get("Content-Type")?.startsWith("multipart/form-data")) return uploadImage(request, user, id);
  const form = readForm(await request.formData(), ActionForm);
  if (!form.ok) return invalid(form.errors);
  try {
    const input = form.value;
    switch (input.intent) {
      case "save": {
        const saved = await saveDraft(user, id, input.source);
        if (!saved) throw notFound("There is no draft at this address.");
        return { ok: true as const, message: saveMessage(saved.check), errors: {} as Record<string, string> };
      }
      case "submit": {
        if (!(await submitDraft(user, id, input.source))) throw notFound("There is no draft at this address.");
        return {
          ok: true as const,
          message: "Submitted for review by another trainer.",
          errors: {} as Record<string, string>,
        };
      }
      case "bring-in-published": {
        const merged = await bringInPublished(user, id, input.shownHash);
        if (!merged) throw notFound("There is no draft at this address.");
        return {
          ok: true as const,
          message: `The published changes are now in your draft (revision ${merged.revision}). ${saveMessage(merged.check)}`,
          errors: {} as Record<string, string>,
        };
      }
      case "confirm-undo": {
        if (!(await confirmUndo(user, id, input.shownHash))) throw notFound("There is no draft at this address.");
        return {
          ok: true as const,
          message:
            "Recorded: approving this text will undo the published changes shown. Changing the text needs a new confirmation.",
          errors: {} as Record<string, string>,
        };
      }
      case "request-community-review": {
        if (!(await requestCommunityReview(user, id))) throw notFound("There is no draft at this address.");
        return {
          ok: true as const,
          message:
            "Flagged for community review: it cannot be published until a community reviewer has reviewed its current text.",
          errors: {} as Record<string, string>,
        };
      }
      case "comment": {
        if (!(await addReviewComment(user, id, input))) throw notFound("There is no draft at this address.");
        return { ok: true as const, message: "Comment added for the author.", errors: {} as Record<string, string> };
      }
      case "resolve-comment": {
        if (!(await resolveReviewComment(user, id, input.commentId)))
          throw notFound("There is no draft at this address.");
        return { ok: true as const, message: "Comment resolved.", errors: {} as Record<string, string> };
      }
      case "approve":
      case "return": {
        const result = await reviewDraft(user, id, input.intent, input.comment, input.reviewedHash);
        if (!result) throw notFound("There is no draft at this address.");
        if (input.intent === "approve") return redirect(`/studio/${result.kind}s/${result.slug}`);
        return {
          ok: true as const,
          message: "Returned to the author with your comment.",
          errors: {} as Record<string, string>,
        };
      }
    }
  } catch (error) {
    return respondToDomainError(error);
  }
}

async function uploadImage(request: Request, user: Awaited<ReturnType<typeof requireUser>>, id: string) {
  try {
    const added = await addDraftImage(user, id, await readImageUpload(request));
    if (!added) throw notFound("There is no draft at this address.");
    return {
      ok: true as const,
      message: `${added.label} added as ${added.ref}. ${saveMessage(added.check)}`,
      errors: {} as Record<string, string>,
    };
  } catch (error) {
    return respondToDomainError(error);
  }
}

// After a 409 the draft is not what the page shows: load it again, so what is reviewed next is what is shown.
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || defaultShouldRevalidate;

const STATUS: Record<string, string> = {
  draft: "Draft",
  submitted: "Waiting for review",
  returned: "Returned for changes",
  published: "Published",
};

export default function DraftPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const changes = (result && "changes" in result ? result.changes : null) as DiffExcerpt | null;
  return (
    <div className="page stack">
      <p>
        <Link to="/studio">Studio</Link>
      </p>
      <h1>
        {d.draft.title} <span className="muted">({d.draft.kind} draft)</span>
      </h1>
      <p>
        By {d.authorName}
        {d.lastEditorName ? ` · last edited by ${d.lastEditorName}` : ""} ·{" "}
        <strong>{STATUS[d.draft.status] ?? d.draft.status}</strong>
        {d.reviewerName ? ` · reviewed by ${d.reviewerName}` : ""}
      </p>
      {d.published ? (
        <p className="alert alert--ok">
          Published as <Link to={d.published.href}>version {d.published.number}</Link>.
        </p>
      ) : null}
      {d.draft.reviewComment ? (
        <div className="alert alert--warn">
          <p>
            <strong>Reviewer's comment:</strong> {d.draft.reviewComment}
          </p>
        </div>
      ) : null}
      <div aria-live="polite">
        {result?.ok ? (
          <div className="alert alert--ok">
            <p>{result.message}</p>
          </div>
        ) : null}
        {result && !result.ok ? (
          <div className="alert alert--error" role="alert">
            <p>{Object.values(errors).join(" ")}</p>
          </div>
        ) : null}
      </div>
      {changes ? <ChangesSinceOpened changes={changes} /> : null}
      {d.canEdit && !d.isAuthor ? (
        <p className="alert alert--warn">
          This is {d.authorName}'s draft. If you change its text you become its last editor: a version published from it
          names you as its author, and you can no longer review it.
        </p>
      ) : null}
      <ReviewComments comments={d.review.comments} anchors={d.review.anchors} canResolve={d.canEdit} />
      {d.community ? <CommunityReviewStatus community={d.community} /> : null}
      {d.outdated ? <OutdatedBase outdated={d.outdated} sourceHash={d.draft.sourceHash} canEdit={d.canEdit} /> : null}
      <DraftEditor
        kind={d.draft.kind}
        source={d.draft.source}
        preview={d.preview}
        editable={d.canEdit}
        submittable={d.canEdit && (d.draft.status === "draft" || d.draft.status === "returned")}
      />
      {d.images.length ? <DraftImages targets={d.images} errors={errors} /> : null}
      <div className="row">
        {d.canRequestCommunityReview ? (
          <Form method="post">
            <input type="hidden" name="intent" value="request-community-review" />
            <button type="submit" className="button button--secondary">
              Ask for community review
            </button>
          </Form>
        ) : null}
        {d.draft.kind === "module" ? (
          <a className="button button--secondary" href={`/studio/drafts/${d.draft.id}.mdx`} download>
            Download .mdx
          </a>
        ) : null}
      </div>
      {d.canReview ? (
        <section className="card stack" aria-labelledby="review-h">
          <h2 id="review-h">Review</h2>
          <p>
            Approving publishes this draft as the next version; officers then{" "}
            {d.draft.kind === "module" ? "read" : "play"} it.
          </p>
          {d.againstPublished ? (
            <section className="stack" aria-labelledby="against-h">
              <h3 id="against-h">What approving changes: this draft against version {d.againstPublished.number}</h3>
              {d.againstPublished.hunks === "too-large" ? (
                <p>The texts differ too much to compare line by line: read the whole draft above.</p>
              ) : (
                <DiffHunks
                  hunks={d.againstPublished.hunks}
                  label={`This draft against version ${d.againstPublished.number}`}
                />
              )}
            </section>
          ) : null}
          <Form method="post" className="stack">
            <input type="hidden" name="reviewedHash" value={d.draft.sourceHash} />
            <div className="field">
              <label htmlFor="comment">Comment (required to return the draft)</label>
              <textarea id="comment" name="comment" rows={3} />
            </div>
            <div className="row">
              <button type="submit" name="intent" value="approve" className="button">
                Approve and publish
              </button>
              <button type="submit" name="intent" value="return" className="button button--secondary">
                Return for changes
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

type Community = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["community"]>;

/** Whether the draft waits for a community review of its current text, and the reviews recorded so far. */
function CommunityReviewStatus({ community }: { community: Community }) {
  return (
    <section className="card stack" aria-labelledby="community-h">
      <h2 id="community-h">Community review</h2>
      <p>
        {community.requestedByName} asked for a review by a community reviewer on {formatDay(community.requestedAt)}.{" "}
        {community.currentTextReviewed ? (
          "The current text has been reviewed."
        ) : (
          <strong>The current text has not been reviewed yet: it cannot be published until it is.</strong>
        )}
      </p>
      <CommunityReviews reviews={community.reviews} />
    </section>
  );
}

/** What changed in the draft between the text the reviewer opened and the current one. */
function ChangesSinceOpened({ changes }: { changes: DiffExcerpt }) {
  return (
    <section className="card stack" aria-labelledby="changes-h">
      <h2 id="changes-h">Changes since you opened it</h2>
      <p>
        {changes.added} line{changes.added === 1 ? "" : "s"} added, {changes.removed} removed. Added lines are marked
        “+”, removed lines “−”.
      </p>
      <pre className="diff">
        {changes.lines.map((l, i) =>
          l.kind === "gap" ? (
            <span key={i} className="diff__line muted">
              {" "}
              …{"\n"}
            </span>
          ) : (
            <span key={i} className={`diff__line diff__line--${l.kind}`}>
              {l.kind === "added" ? "+ " : l.kind === "removed" ? "− " : "  "}
              {String(l.newLine ?? l.oldLine).padStart(4, " ")} {l.text}
              {"\n"}
            </span>
          ),
        )}
      </pre>
    </section>
  );
}

/**
 * A draft copied from an older version than the latest published: what approving it would undo, and (for its
 * author) the two ways on: bring the published changes in, or confirm undoing them for this text.
 */
function OutdatedBase({
  outdated,
  sourceHash,
  canEdit,
}: {
  outdated: OutdatedBaseView;
  sourceHash: string;
  canEdit: boolean;
}) {
  const { confirmed, conflicts, publishedChanges, baseNumber, latestNumber } = outdated;
  return (
    <section className={`card stack alert ${confirmed ? "alert--ok" : "alert--warn"}`} aria-labelledby="outdated-h">
      <h2 id="outdated-h">
        {confirmed
          ? "Undoing newer published changes: confirmed"
          : `Version ${latestNumber} was published after this draft's copy`}
      </h2>
      <p>
        {confirmed
          ? `The author confirmed that approving this text is meant to undo the changes published after version ${baseNumber}.`
          : outdated.message}
      </p>
      <h3>Published since version {baseNumber} (what approving would undo)</h3>
      {publishedChanges ? (
        <DiffHunks hunks={publishedChanges} label={`Changes from version ${baseNumber} to version ${latestNumber}`} />
      ) : (
        <p>Too many changes to show line by line.</p>
      )}
      {conflicts && conflicts.length ? (
        <>
          <h3>Where they overlap this draft's edits</h3>
          <p>
            These places changed both in the draft and in the published versions, so they cannot be brought in
            automatically: make the change by hand in the editor.
          </p>
          <ol>
            {conflicts.map((c, i) => (
              <li key={i} className="stack">
                <p>
                  Near line {c.baseLine} of version {baseNumber}:
                </p>
                <pre className="diff card" tabIndex={0} role="region" aria-label={`Overlap ${i + 1}`}>
                  {c.theirs.map((t, k) => (
                    <span key={`t${k}`} className="diff__line diff__line--removed">
                      published {t}
                      {"\n"}
                    </span>
                  ))}
                  {c.ours.map((t, k) => (
                    <span key={`o${k}`} className="diff__line diff__line--added">
                      this draft {t}
                      {"\n"}
                    </span>
                  ))}
                </pre>
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {canEdit && !confirmed ? (
        <div className="row">
          {conflicts && !conflicts.length ? (
            <Form method="post">
              <input type="hidden" name="shownHash" value={sourceHash} />
              <button type="submit" name="intent" value="bring-in-published" className="button">
                Bring in the published changes
              </button>
            </Form>
          ) : null}
          <Form method="post">
            <input type="hidden" name="shownHash" value={sourceHash} />
            <button type="submit" name="intent" value="confirm-undo" className="button button--secondary">
              Confirm that approving undoes them
            </button>
          </Form>
        </div>
      ) : null}
    </section>
  );
}
