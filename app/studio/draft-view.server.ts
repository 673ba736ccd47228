// What the draft editor shows: the stored check of the draft's text (issues, the map of a scenario with its
// flagged nodes, or the safe preview of a module). Viewing never checks text that was checked before.
import type { SessionUser } from "../auth/roles";
import { prisma } from "../db/db.server";
import { isDomainError } from "../errors";
import { namesOf } from "../users/names.server";
import { communityReviewOfDraft, findFlaggedDraft } from "./community-review.server";
import { hunksBetween } from "./diff";
import type { DraftCheckResult } from "./draft-check.server";
import { checkFor, NOT_CHECKED_YET, storedCheckOf } from "./draft-checks.server";
import { draftSourceHash, findDraft, mayEdit, mayReview, type DraftKind } from "./drafts.server";
import { latestVersionText, versionHref, versionText } from "./published-versions.server";
import { outdatedBaseView } from "./stale-base.server";

export type DraftPreview = DraftCheckResult;

/** The stored check, or (text saved before checks were stored, or a new checker) a fresh one, then stored. */
async function previewOf(draft: {
  id: string;
  kind: string;
  source: string;
  checkHash: string | null;
  checkResult: string | null;
}): Promise<DraftPreview> {
  const kind = draft.kind as DraftKind;
  try {
    const { result, fresh } = await checkFor(kind, draft.source, draft, { retryGaveUp: false });
    if (fresh) {
      // Only if the text is still the one checked: a save in the meantime stored its own check.
      await prisma.draft.updateMany({
        where: { id: draft.id, source: draft.source },
        data: storedCheckOf(kind, draft.source, result),
      });
    }
    return result;
  } catch (error) {
    if (isDomainError(error, "busy")) return NOT_CHECKED_YET;
    throw error;
  }
}

/** The draft editor page: the draft, who wrote, edited and reviewed it, what it became, and its check. */
export async function draftPage(user: SessionUser, id: string) {
  const draft = await findDraft(user, id);
  if (!draft) return null;
  const kind = draft.kind as DraftKind;
  const [people, published, preview, reviewable, community, outdated, againstPublished] = await Promise.all([
    namesOf([draft.authorId, draft.lastEditorId, draft.reviewerId]),
    publishedVersionOf(draft),
    previewOf(draft),
    mayReview(user, draft.id),
    communityReviewOfDraft(draft),
    draft.status === "published" ? null : outdatedBaseView(draft),
    draft.status === "published" ? null : diffAgainstPublished(draft),
  ]);
  return {
    // sourceHash: the review form sends it back, so a review applies to this text only.
    draft: {
      id: draft.id,
      kind,
      slug: draft.slug,
      title: draft.title,
      source: draft.source,
      sourceHash: draftSourceHash(draft.source),
      status: draft.status,
      reviewComment: draft.reviewComment,
    },
    authorName: people.get(draft.authorId) ?? "Unknown",
    lastEditorName: draft.lastEditorId !== draft.authorId ? (people.get(draft.lastEditorId) ?? "Unknown") : null,
    reviewerName: draft.reviewerId ? (people.get(draft.reviewerId) ?? null) : null,
    isAuthor: draft.authorId === user.id,
    canEdit: mayEdit(draft, user) && draft.status !== "published",
    canReview: draft.status === "submitted" && reviewable,
    // The author (or an admin editing it) or a trainer who may review it flags it; once flagged it stays so.
    canRequestCommunityReview: !community && draft.status !== "published" && (mayEdit(draft, user) || reviewable),
    community,
    published,
    preview,
    // The changes since the draft's base that approving would undo, with the author's ways out.
    outdated,
    againstPublished,
  };
}

/** What approving would change: the draft against the latest published version of its scenario or module, if any. */
async function diffAgainstPublished(draft: { kind: string; slug: string; source: string }) {
  const latest = await latestVersionText(draft.kind as DraftKind, draft.slug);
  return latest ? { number: latest.number, hunks: hunksBetween(latest.source, draft.source) } : null;
}

/** The version a published draft became, with where the studio shows it. */
async function publishedVersionOf(draft: { kind: string; publishedVersionId: string | null }) {
  if (!draft.publishedVersionId) return null;
  const kind = draft.kind as DraftKind;
  const version = await versionText(kind, draft.publishedVersionId);
  return (
    version && { number: version.number, slug: version.slug, href: versionHref(kind, version.slug, version.number) }
  );
}

/** The community reviewer's read-only page of a flagged draft: its text and preview, and the reviews so far. */
export async function communityDraftPage(user: SessionUser, id: string) {
  const draft = await findFlaggedDraft(user, id);
  if (!draft) return null;
  const [people, published, preview, community] = await Promise.all([
    namesOf([draft.authorId]),
    publishedVersionOf(draft),
    previewOf(draft),
    communityReviewOfDraft(draft),
  ]);
  return {
    // sourceHash: the review form sends it back, so the review applies to this text only.
    draft: {
      id: draft.id,
      kind: draft.kind as DraftKind,
      title: draft.title,
      source: draft.source,
      sourceHash: draftSourceHash(draft.source),
      status: draft.status,
    },
    authorName: people.get(draft.authorId) ?? "Unknown",
    canRecord: draft.status !== "published",
    community: community!,
    published,
    preview,
  };
}
