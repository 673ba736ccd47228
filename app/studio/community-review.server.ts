// Community review: a trainer flags a draft as needing review by someone outside the police; a community reviewer
// of the same agency reads it and records concerns against the checklist. Like the trainer's review, a community
// review is bound to the exact text shown (its hash); a changed draft needs a new one. Publishing waits for it
// (drafts.server.ts, requireCommunityReview). Every action is audited (docs/decisions/0180-community-review.md).
import { recordAudit } from "../audit/audit.server";
import { holds, type SessionUser } from "../auth/roles";
import { prisma } from "../db/db.server";
import type { Prisma } from "../db/generated/client";
import { DomainError } from "../errors";
import { namesOf } from "../users/names.server";
import {
  concernsOf,
  parseChecklist,
  type CommunityDecision,
  type CommunityReviewInput,
  type CommunityReviewShown,
} from "./community-checklist";
import {
  changesSince,
  communityReviewsOfText,
  currentRevision,
  draftChanged,
  draftSourceHash,
  findDraft,
  mayEdit,
  mayReview,
} from "./drafts.server";

/** The drafts a community reviewer of the agency may open: flagged ones only. */
function flaggedIn(user: SessionUser): Prisma.DraftWhereInput {
  return { agencyId: user.agencyId, communityReviewRequestedAt: { not: null } };
}

/** A flagged draft of the reader's agency; any other draft is not found. */
export async function findFlaggedDraft(user: SessionUser, id: string) {
  return prisma.draft.findFirst({ where: { id, ...flaggedIn(user) } });
}

/** The author (or an admin editing it) or a trainer who may review it flags a draft; a flag is never removed. */
export async function requestCommunityReview(user: SessionUser, draftId: string) {
  const draft = await findDraft(user, draftId);
  if (!draft) return null;
  if (!mayEdit(draft, user) && !(await mayReview(user, draftId))) {
    throw new DomainError(
      "conflict",
      "Only the draft's author or a trainer who may review it can ask for a community review.",
    );
  }
  if (draft.status === "published")
    throw new DomainError("conflict", "This draft is published; flag a new draft of it for community review.");
  if (draft.communityReviewRequestedAt) return { repeated: true };
  await prisma.$transaction(async (tx) => {
    const revision = await currentRevision(tx, draft);
    const { count } = await tx.draft.updateMany({
      where: { id: draftId, communityReviewRequestedAt: null, status: { not: "published" } },
      data: { communityReviewRequestedAt: new Date(), communityReviewRequestedById: user.id },
    });
    if (count !== 1) throw new DomainError("conflict", "This draft changed while you were flagging it. Open it again.");
    await recordAudit(tx, {
      actorId: user.id,
      action: "studio.community_review_requested",
      subjectId: draftId,
      after: { draft: draft.title, revision },
    });
  });
  return { repeated: false };
}

/**
 * A community reviewer records a review of the text they were shown (`reviewedHash`). A review of any other text
 * is refused with the changes since, and nothing is recorded.
 */
export async function recordCommunityReview(
  reviewer: SessionUser,
  draftId: string,
  input: CommunityReviewInput,
  reviewedHash: string,
) {
  if (!holds(reviewer, "studio:community-review"))
    throw new DomainError("conflict", "Only a community reviewer can record a community review.");
  const draft = await findFlaggedDraft(reviewer, draftId);
  if (!draft) return null;
  if (draft.status === "published")
    throw new DomainError("conflict", "This draft is already published; there is nothing left to review here.");
  if (reviewedHash !== draftSourceHash(draft.source))
    throw draftChanged(await changesSince(draftId, reviewedHash, draft.source));
  return prisma.$transaction(async (tx) => {
    const revision = await currentRevision(tx, draft);
    const review = await tx.communityReview.create({
      data: {
        draftId,
        reviewerId: reviewer.id,
        sourceHash: reviewedHash,
        revision,
        checklist: JSON.stringify(input.checklist),
        decision: input.decision,
        comment: input.comment,
      },
      select: { id: true },
    });
    // After this transaction's first write nobody else can write: if the text is still the one reviewed now, it
    // is the one the review is recorded against.
    const unchanged = await tx.draft.count({
      where: { id: draftId, source: draft.source, status: { not: "published" } },
    });
    if (!unchanged)
      throw new DomainError(
        "conflict",
        "This draft changed while you were reviewing it. Open it again and review the current text.",
      );
    await recordAudit(tx, {
      actorId: reviewer.id,
      action: "studio.community_review_recorded",
      subjectId: draftId,
      after: {
        draft: draft.title,
        revision,
        decision: input.decision,
        concerns: concernsOf(input.checklist),
        comment: input.comment || null,
      },
    });
    return { id: review.id };
  });
}

/** The flagged drafts of the reviewer's agency not yet published, those whose current text nobody reviewed first. */
export async function listDraftsForCommunityReview(user: SessionUser) {
  const drafts = await prisma.draft.findMany({
    where: { ...flaggedIn(user), status: { not: "published" } },
    orderBy: { communityReviewRequestedAt: "asc" },
    select: {
      id: true,
      kind: true,
      title: true,
      source: true,
      authorId: true,
      communityReviewRequestedAt: true,
      communityReviews: { select: { sourceHash: true } },
    },
  });
  const names = await namesOf(drafts.map((d) => d.authorId));
  const rows = drafts.map(({ source, communityReviews, ...d }) => {
    const hash = draftSourceHash(source);
    return {
      ...d,
      authorName: names.get(d.authorId) ?? "Unknown",
      currentTextReviewed: communityReviews.some((r) => r.sourceHash === hash),
      reviewedBefore: communityReviews.length > 0,
    };
  });
  return { waiting: rows.filter((r) => !r.currentTextReviewed), reviewed: rows.filter((r) => r.currentTextReviewed) };
}

export type CommunityReviewView = CommunityReviewShown & { createdAt: Date };

async function viewsOf(
  reviews: {
    id: string;
    reviewerId: string;
    revision: number;
    sourceHash: string;
    decision: string;
    comment: string;
    checklist: string;
    createdAt: Date;
  }[],
  currentHash: string | null,
): Promise<CommunityReviewView[]> {
  const names = await namesOf(reviews.map((r) => r.reviewerId));
  return reviews.map((r) => ({
    id: r.id,
    reviewerName: names.get(r.reviewerId) ?? "Unknown",
    revision: r.revision,
    ofCurrentText: r.sourceHash === currentHash,
    decision: r.decision as CommunityDecision,
    comment: r.comment,
    checklist: parseChecklist(r.checklist),
    createdAt: r.createdAt,
  }));
}

/** What a draft page shows of community review: whether it is asked for, by whom, and every review, newest first. */
export async function communityReviewOfDraft(draft: {
  id: string;
  source: string;
  communityReviewRequestedAt: Date | null;
  communityReviewRequestedById: string | null;
}) {
  if (!draft.communityReviewRequestedAt) return null;
  const hash = draftSourceHash(draft.source);
  const [reviews, names, current] = await Promise.all([
    prisma.communityReview.findMany({ where: { draftId: draft.id }, orderBy: { createdAt: "desc" } }),
    namesOf([draft.communityReviewRequestedById]),
    communityReviewsOfText(draft.id, hash),
  ]);
  return {
    requestedAt: draft.communityReviewRequestedAt,
    requestedByName: draft.communityReviewRequestedById
      ? (names.get(draft.communityReviewRequestedById) ?? "Unknown")
      : "Unknown",
    currentTextReviewed: current.length > 0,
    reviews: await viewsOf(reviews, hash),
  };
}

/** The community reviews recorded on a published scenario version: who reviewed the text it holds, when, and how. */
export async function communityReviewsOfVersion(versionId: string): Promise<CommunityReviewView[]> {
  const reviews = await prisma.communityReview.findMany({
    where: { scenarioVersionId: versionId },
    orderBy: { createdAt: "asc" },
  });
  return viewsOf(reviews, null);
}
