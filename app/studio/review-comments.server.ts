// Review comments: a trainer who may review a draft attaches a comment to one of its nodes (scenario) or lines
// (module); the author sees them in the editor and resolves them. Approval waits for every one to be resolved
// (openCommentCount, read by reviewDraft). Audited.
import { recordAudit } from "../audit/audit.server";
import type { SessionUser } from "../auth/roles";
import { prisma } from "../db/db.server";
import { DomainError } from "../errors";
import { namesOf } from "../users/names.server";
import { draftTargets, type ImageTarget } from "./draft-images.server";
import { findDraft, mayEdit, mayReview } from "./drafts.server";
import { openCommentCount } from "./review-comment-count.server";

export { openCommentCount };

/**
 * The places of a draft's text a comment can name: its nodes (`targets`, from the draft's check), or its lines for
 * a module.
 */
export function commentAnchors(
  kind: string,
  source: string,
  targets: ImageTarget[],
): { value: string; label: string }[] {
  if (kind === "module") return source.split("\n").map((_, i) => ({ value: `line:${i + 1}`, label: `Line ${i + 1}` }));
  return targets
    .filter((t) => t.value.startsWith("node:"))
    .map((t) => ({ value: t.value, label: `Node ${t.value.slice(5)}` }));
}

export async function addReviewComment(user: SessionUser, draftId: string, input: { anchor: string; body: string }) {
  const draft = await findDraft(user, draftId);
  if (!draft) return null;
  if (!(await mayReview(user, draftId)))
    throw new DomainError(
      "conflict",
      "Only a trainer who wrote and edited none of this draft comments on it for review.",
    );
  if (draft.status === "published")
    throw new DomainError("conflict", "This draft is published: comment on a new draft.");
  const anchor = commentAnchors(draft.kind, draft.source, await draftTargets(draft)).find(
    (a) => a.value === input.anchor,
  );
  if (!anchor)
    throw new DomainError("invalid", "Choose a node (or line) that is in the draft's current text.", {
      field: "anchor",
    });
  return prisma.$transaction(async (tx) => {
    const comment = await tx.reviewComment.create({
      data: { draftId, anchor: anchor.value, body: input.body, authorId: user.id },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "studio.review_comment_added",
      subjectId: draftId,
      after: { draft: draft.title, on: anchor.label, comment: input.body },
    });
    return comment;
  });
}

/** The author (or whoever may edit the draft) marks a comment resolved; resolving twice changes nothing. */
export async function resolveReviewComment(user: SessionUser, draftId: string, commentId: string) {
  const draft = await findDraft(user, draftId);
  if (!draft) return null;
  if (!mayEdit(draft, user)) throw new DomainError("conflict", "Only the draft's author resolves its review comments.");
  const comment = await prisma.reviewComment.findFirst({ where: { id: commentId, draftId } });
  if (!comment) throw new DomainError("invalid", "There is no such comment on this draft.", { field: "commentId" });
  if (comment.resolvedAt) return comment;
  return prisma.$transaction(async (tx) => {
    const resolved = await tx.reviewComment.update({
      where: { id: commentId },
      data: { resolvedAt: new Date(), resolvedById: user.id },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "studio.review_comment_resolved",
      subjectId: draftId,
      before: { comment: comment.body, on: comment.anchor },
      after: { resolved: true },
    });
    return resolved;
  });
}

/** A draft's comments for its page: open ones first, each with who wrote it and where. */
/** `targets`: the draft's places for images, from its check (the draft page has it). */
export async function reviewCommentsView(
  user: SessionUser,
  draft: { id: string; kind: string; source: string },
  targets: ImageTarget[],
) {
  const comments = await prisma.reviewComment.findMany({
    where: { draftId: draft.id },
    orderBy: [{ resolvedAt: "asc" }, { createdAt: "asc" }],
  });
  const names = await namesOf(comments.map((c) => c.authorId));
  return {
    comments: comments.map((c) => ({
      id: c.id,
      anchor: c.anchor.startsWith("node:") ? `Node ${c.anchor.slice(5)}` : `Line ${c.anchor.slice(5)}`,
      body: c.body,
      authorName: names.get(c.authorId) ?? "A trainer",
      createdAt: c.createdAt.toISOString(),
      resolved: c.resolvedAt !== null,
    })),
    anchors: (await mayReview(user, draft.id)) ? commentAnchors(draft.kind, draft.source, targets) : [],
  };
}
