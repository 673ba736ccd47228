// Drafts: a trainer's copy of a scenario or module, validated on every save, reviewed by a second trainer.
// Publishing a draft creates the next immutable, numbered version of its scenario or module; officers then play
// or read that one (docs/decisions/0330-module-versions-in-the-database.md).
// A draft belongs to its author's agency (docs/decisions/0121-studio-agency-scoping.md). A review is bound to
// the exact text the reviewer was shown, nobody reviews text they wrote or edited, and the version names the
// last editor as its author (docs/decisions/0120-review-binds-to-the-text-reviewed.md). Every change is audited.
// Checking happens in the draft checker's worker (draft-checks.server.ts), and its result is stored with the
// draft: a save checks the new text, and viewing reuses what was stored.
// A draft flagged for community review is published only once a community reviewer has reviewed its current text
// (docs/decisions/0180-community-review.md); recording that review is in community-review.server.ts.
import { recordAudit } from "../audit/audit.server";
import type { SessionUser } from "../auth/roles";
import { formatIssue } from "../content/issues";
import { prisma, type Tx } from "../db/db.server";
import type { Draft, Prisma } from "../db/generated/client";
import { serializeOn } from "../db/lock.server";
import { DomainError, isDomainError } from "../errors";
import { compileModuleCached } from "../modules/compiled.server";
import { ensureModuleLibrary, moduleFile, moduleTextHash, publishModuleVersion } from "../modules/library.server";
import { notify } from "../notifications/notify.server";
import { reviewersOfDraft } from "../notifications/recipients.server";
import { compileScenarioCached, scenarioHash } from "../scenarios/compiled.server";
import { ensureLibrary, publishVersion } from "../scenarios/library.server";
import { namesOf } from "../users/names.server";
import { diffExcerpt, diffLines, DiffTooLarge, type DiffExcerpt } from "./diff";
import { DRAFT_FILE, type DraftCheckResult, type DraftKind } from "./draft-check.server";
import { checkFor, storedCheckOf, type StoredCheck } from "./draft-checks.server";
import { draftSourceHash } from "./draft-text.server";
import { versionText, type VersionText } from "./published-versions.server";
import { openCommentCount } from "./review-comment-count.server";
import { outdatedBase, requireCurrentBase } from "./stale-base.server";

export { DRAFT_FILE, draftSourceHash, type DraftKind };

/** A review of text that is no longer the draft's: what changed since, when the text shown is still known. */
export function draftChanged(changes: DiffExcerpt | null): DomainError {
  const message = `This draft changed since you opened it.${changes ? " The changes are shown below." : ""} The page now shows the current text: review that one.`;
  return new DomainError("stale", message, { changes });
}

/** A check for text about to be stored, or none when the checker is busy (the draft page checks it later). */
export async function checkBeforeStoring(
  kind: DraftKind,
  source: string,
  stored: StoredCheck | null,
): Promise<{ check: DraftCheckResult | null; fields: StoredCheck }> {
  try {
    const { result } = await checkFor(kind, source, stored, { retryGaveUp: true });
    return { check: result, fields: storedCheckOf(kind, source, result) };
  } catch (error) {
    if (isDomainError(error, "busy")) return { check: null, fields: { checkHash: null, checkResult: null } };
    throw error;
  }
}

/** A draft of the reader's agency; another agency's drafts are not found. */
export async function findDraft(user: SessionUser, id: string) {
  return prisma.draft.findFirst({ where: { id, agencyId: user.agencyId } });
}

/** Only the author changes a draft, or an admin of its agency taking it over (who then becomes its last editor). */
export function mayEdit(draft: Pick<Draft, "authorId">, user: SessionUser): boolean {
  return draft.authorId === user.id || user.role === "admin";
}

export function requireEditor(draft: Pick<Draft, "authorId">, user: SessionUser) {
  if (!mayEdit(draft, user)) throw new DomainError("conflict", "Only the author can change this draft.");
}

// The one rule for who reviews, as a query condition so the draft page, the lists, the home page count and the
// review itself agree: nobody who wrote or edited any of the text, whatever their role.
function notEditedBy(userId: string): Prisma.DraftWhereInput {
  return { authorId: { not: userId }, lastEditorId: { not: userId }, revisions: { none: { editorId: userId } } };
}

function reviewableBy(user: SessionUser): Prisma.DraftWhereInput {
  return { agencyId: user.agencyId, status: "submitted", ...notEditedBy(user.id) };
}

/** Whether `user` may review this draft of their agency (whatever its status). */
export async function mayReview(user: SessionUser, draftId: string): Promise<boolean> {
  return (await prisma.draft.count({ where: { id: draftId, agencyId: user.agencyId, ...notEditedBy(user.id) } })) > 0;
}

export async function countDraftsToReview(user: SessionUser): Promise<number> {
  return prisma.draft.count({ where: reviewableBy(user) });
}

/** The agency's drafts, newest first, each saying whether the reader may review it now. */
export async function listDrafts(user: SessionUser) {
  const [drafts, reviewable] = await Promise.all([
    prisma.draft.findMany({
      where: { agencyId: user.agencyId },
      orderBy: { updatedAt: "desc" },
      select: {
        id: true,
        kind: true,
        slug: true,
        title: true,
        status: true,
        authorId: true,
        lastEditorId: true,
        reviewerId: true,
        updatedAt: true,
        submittedAt: true,
        communityReviewRequestedAt: true,
      },
    }),
    prisma.draft.findMany({ where: reviewableBy(user), select: { id: true } }),
  ]);
  const toReview = new Set(reviewable.map((d) => d.id));
  return drafts.map((d) => ({ ...d, mayReview: toReview.has(d.id) }));
}

/** The number of the revision holding the draft's current text; a draft from before revisions were kept gets one. */
export async function currentRevision(tx: Tx, draft: Pick<Draft, "id" | "source" | "lastEditorId">): Promise<number> {
  const hash = draftSourceHash(draft.source);
  const last = await tx.draftRevision.findFirst({
    where: { draftId: draft.id },
    orderBy: { number: "desc" },
    select: { number: true, hash: true },
  });
  if (last?.hash === hash) return last.number;
  const number = (last?.number ?? 0) + 1;
  await tx.draftRevision.create({
    data: { draftId: draft.id, number, hash, source: draft.source, editorId: draft.lastEditorId },
  });
  return number;
}

/** A new draft of the author's agency: a copy of a published version (shared by every agency), or a template. */
export async function createDraft(
  author: SessionUser,
  kind: DraftKind,
  from: { versionId?: string; source?: string; rollback?: boolean },
) {
  let source = from.source ?? "";
  let basedOn: VersionText | null = null;
  if (from.versionId) {
    const version = await versionText(kind, from.versionId);
    if (!version) throw new DomainError("conflict", "That version does not exist.");
    source = version.source;
    basedOn = version;
  }
  const { check, fields } = await checkBeforeStoring(kind, source, null);
  const slug = check?.slug ?? "untitled";
  // A rollback means to undo what was published since: asking for it is the author's confirmation.
  const undone =
    from.rollback && basedOn
      ? await outdatedBase({
          kind,
          basedOnVersionId: basedOn.id,
          slug,
          source,
          undoConfirmedHash: null,
          undoConfirmedVersionId: null,
        })
      : null;
  return prisma.$transaction(async (tx) => {
    const draft = await tx.draft.create({
      data: {
        kind,
        slug,
        title: check?.title ?? "Untitled draft",
        source,
        agencyId: author.agencyId,
        authorId: author.id,
        lastEditorId: author.id,
        basedOnVersionId: basedOn?.id ?? null,
        ...fields,
        ...(undone ? { undoConfirmedVersionId: undone.latest.id, undoConfirmedHash: draftSourceHash(source) } : {}),
      },
      select: { id: true, title: true },
    });
    await tx.draftRevision.create({
      data: { draftId: draft.id, number: 1, hash: draftSourceHash(source), source, editorId: author.id },
    });
    await recordAudit(tx, {
      actorId: author.id,
      action: "studio.draft_created",
      subjectId: draft.id,
      after: {
        draft: draft.title,
        kind,
        copiedFrom: basedOn ? `${basedOn.slug} v${basedOn.number}` : null,
        revision: 1,
      },
    });
    if (from.rollback && basedOn) {
      await recordAudit(tx, {
        actorId: author.id,
        action: "studio.rollback_requested",
        subjectId: draft.id,
        after: { [kind]: basedOn.slug, toVersion: basedOn.number },
      });
    }
    return { id: draft.id };
  });
}

/** Rolling back is publishing an earlier version again: a copy of it, submitted for review like any other change. */
export async function requestRollback(user: SessionUser, kind: DraftKind, versionId: string) {
  const draft = await createDraft(user, kind, { versionId, rollback: true });
  await submitDraft(user, draft.id);
  return draft;
}

/** Saves the text even when the checker is busy (check: null), so that no work is lost. */
export async function saveDraft(
  user: SessionUser,
  id: string,
  source: string,
): Promise<{ check: DraftCheckResult | null } | null> {
  const draft = await findDraft(user, id);
  if (!draft) return null;
  requireEditor(draft, user);
  if (draft.status === "published")
    throw new DomainError("conflict", "This draft is published; copy the new version to keep editing.");
  const { check, fields } = await checkBeforeStoring(draft.kind as DraftKind, source, draft);
  // The same text again changes nothing: no new revision, no new last editor, nothing to audit.
  if (source === draft.source) {
    if (fields.checkHash !== draft.checkHash) await prisma.draft.updateMany({ where: { id, source }, data: fields });
    return { check };
  }
  await prisma.$transaction((tx) => storeText(tx, user, draft, source, { check, fields }));
  return { check };
}

/**
 * Stores new text as the draft's next revision (a submitted draft goes back to draft), audited as a save, or
 * as `action` with `auditAfter`; `data` adds fields to the same update. Returns the new revision number.
 */
export async function storeText(
  tx: Tx,
  user: SessionUser,
  draft: Draft,
  source: string,
  stored: { check: DraftCheckResult | null; fields: StoredCheck },
  extra: {
    data?: Prisma.DraftUpdateManyMutationInput;
    action?: "studio.draft_merged_published";
    auditAfter?: Record<string, unknown>;
  } = {},
): Promise<{ revision: number; status: string }> {
  const { check, fields } = stored;
  const title = check?.title ?? draft.title;
  const status = draft.status === "submitted" ? "draft" : draft.status;
  const previous = await currentRevision(tx, draft);
  // Only over the text and status this save started from: a save, submission or review in between wins.
  const { count } = await tx.draft.updateMany({
    where: { id: draft.id, source: draft.source, status: draft.status },
    data: {
      source,
      slug: check?.slug ?? draft.slug,
      title,
      status,
      lastEditorId: user.id,
      updatedAt: new Date(),
      ...fields,
      ...extra.data,
    },
  });
  if (count !== 1)
    throw new DomainError(
      "conflict",
      "This draft changed while you were saving it. Open it again and redo your change.",
    );
  await tx.draftRevision.create({
    data: { draftId: draft.id, number: previous + 1, hash: draftSourceHash(source), source, editorId: user.id },
  });
  await recordAudit(tx, {
    actorId: user.id,
    action: extra.action ?? "studio.draft_saved",
    subjectId: draft.id,
    before: { draft: draft.title, revision: previous, status: draft.status },
    after: { draft: title, revision: previous + 1, status, ...extra.auditAfter },
  });
  return { revision: previous + 1, status };
}

/**
 * Submits the draft for review. `source`, when given, is the editor's text: if it differs from the stored one it
 * is saved and submitted in one transaction, or, when it does not pass the check, nothing changes at all.
 */
export async function submitDraft(user: SessionUser, id: string, source?: string) {
  const draft = await findDraft(user, id);
  if (!draft) return null;
  requireEditor(draft, user);
  if (draft.status === "published")
    throw new DomainError("conflict", "This draft is published; copy the new version to keep editing.");
  const kind = draft.kind as DraftKind;
  const text = source ?? draft.source;
  if (draft.status === "submitted" && text === draft.source) return { ok: true };
  // Submitting needs a check of this very text: a "busy" DomainError reaches the caller ("try again").
  const { result: check, fresh } = await checkFor(kind, text, draft, { retryGaveUp: true });
  const errors = check.issues.filter((i) => i.severity === "error");
  if (!check.ok) {
    // Where the first errors are, so the answer to a submission is enough to find them.
    const where = errors
      .slice(0, 3)
      .map((i) => `line ${i.line}: ${i.message}`)
      .join("; ");
    throw new DomainError(
      "conflict",
      text === draft.source
        ? `Fix the ${errors.length} error(s) before submitting (${where}).`
        : `Not submitted and not saved: fix the ${errors.length} error(s) in your text first (${where}). Your edits are still in the editor.`,
    );
  }
  // A module is published under the library's rules (sources required, question banks): checked now, not at approval.
  if (kind === "module" && check.slug) await moduleLibraryCompile(check.slug, text);
  // What is published is library content: it must meet the strategy report's thresholds like content/ does.
  if (check.strategy && check.strategy.missed > 0) {
    throw new DomainError(
      "conflict",
      `Meet the ${check.strategy.missed} missed threshold(s) of the strategy report before submitting: published role-plays must not be passable on the surface.`,
    );
  }
  await prisma.$transaction(async (tx) => {
    let revision: number;
    let from = draft;
    if (text !== draft.source) {
      const saved = await storeText(tx, user, draft, text, { check, fields: storedCheckOf(kind, text, check) });
      revision = saved.revision;
      from = { ...draft, source: text, status: saved.status };
    } else {
      revision = await currentRevision(tx, draft);
    }
    const { count } = await tx.draft.updateMany({
      where: { id, source: from.source, status: from.status },
      data: {
        status: "submitted",
        submittedAt: new Date(),
        reviewComment: null,
        ...(fresh ? storedCheckOf(kind, text, check) : {}),
      },
    });
    if (count !== 1)
      throw new DomainError("conflict", "This draft changed while you were submitting it. Open it again.");
    await recordAudit(tx, {
      actorId: user.id,
      action: "studio.draft_submitted",
      subjectId: id,
      after: { draft: check.title ?? draft.title, revision },
    });
    await notify(tx, await reviewersOfDraft(tx, user.agencyId, user.id), {
      kind: "draft_to_review",
      title: `“${check.title ?? draft.title}” is waiting for review`,
      body: `${user.name} submitted the draft “${check.title ?? draft.title}” for review. A trainer who did not write it reviews it before it is published.`,
      link: `/studio/drafts/${id}`,
      dedupeKey: `draft-submitted:${id}:${revision}`,
    });
  });
  return { ok: true };
}

/**
 * A trainer who wrote and edited none of the draft approves it (publishing the next version) or returns it with a
 * comment. `reviewedHash` names the text the reviewer was shown; if the draft holds other text now, nothing happens.
 */
export async function reviewDraft(
  reviewer: SessionUser,
  id: string,
  decision: "approve" | "return",
  comment: string,
  reviewedHash: string,
) {
  const draft = await findDraft(reviewer, id);
  if (!draft) return null;
  if (!(await mayReview(reviewer, id)))
    throw new DomainError(
      "conflict",
      "A draft must be reviewed by a trainer other than its author, who has not written or edited any of it.",
    );
  const shown = draftSourceHash(draft.source);
  if (draft.status === "published" && decision === "approve" && reviewedHash === shown) {
    return { versionId: draft.publishedVersionId, repeated: true, slug: draft.slug, kind: draft.kind as DraftKind };
  }
  if (reviewedHash !== shown) throw draftChanged(await changesSince(id, reviewedHash, draft.source));
  if (draft.status !== "submitted") throw new DomainError("conflict", "Only a submitted draft can be reviewed.");
  if (decision === "approve") await requireCommentsResolved(draft.id);
  if (decision === "approve") await requireCommunityReview(draft, comment);
  return decision === "return" ? returnDraft(reviewer, draft, comment) : approveDraft(reviewer, draft, comment);
}

/** Review comments block approval until the author has resolved every one (review-comments.server.ts). */
async function requireCommentsResolved(draftId: string) {
  const open = await openCommentCount(draftId);
  if (open)
    throw new DomainError(
      "conflict",
      `This draft has ${open} unresolved review comment${open === 1 ? "" : "s"}: the author must resolve ${open === 1 ? "it" : "them"} before it can be approved.`,
    );
}

/** The line diff from the text the reviewer saw to the current one, if that text is one the draft held. */
export async function changesSince(draftId: string, seenHash: string, current: string): Promise<DiffExcerpt | null> {
  const seen = await prisma.draftRevision.findFirst({
    where: { draftId, hash: seenHash },
    orderBy: { number: "desc" },
    select: { source: true },
  });
  if (!seen) return null;
  try {
    return diffExcerpt(diffLines(seen.source, current));
  } catch (error) {
    if (error instanceof DiffTooLarge) return null;
    throw error;
  }
}

/** The community reviews of one text of a draft (its hash), oldest first. */
export async function communityReviewsOfText(draftId: string, sourceHash: string, db: Tx = prisma) {
  return db.communityReview.findMany({ where: { draftId, sourceHash }, orderBy: { createdAt: "asc" } });
}

/**
 * A draft flagged for community review is published only after a community review of the text about to be
 * published; if a reviewer raised concerns, the approving trainer says in the comment how they were addressed.
 */
async function requireCommunityReview(draft: Draft, comment: string) {
  if (!draft.communityReviewRequestedAt) return;
  const reviews = await communityReviewsOfText(draft.id, draftSourceHash(draft.source));
  if (!reviews.length) {
    throw new DomainError(
      "conflict",
      "This draft needs a community review of its current text before it can be published. A community reviewer of your agency has not yet reviewed this text (a review of an earlier text does not count).",
    );
  }
  if (reviews.some((r) => r.decision === "concerns") && !comment.trim()) {
    throw new DomainError(
      "conflict",
      "The community reviewer raised concerns about this text: say in your comment how they were addressed before approving.",
    );
  }
}

/** Changes a submitted draft only if it still holds the text that was reviewed; otherwise nothing changes. */
async function claimReviewed(tx: Tx, draft: Draft, data: Prisma.DraftUpdateManyMutationInput) {
  const { count } = await tx.draft.updateMany({
    where: { id: draft.id, status: "submitted", source: draft.source },
    data,
  });
  if (count !== 1)
    throw new DomainError("conflict", "This draft changed or was reviewed while you were reviewing it. Open it again.");
}

async function returnDraft(reviewer: SessionUser, draft: Draft, comment: string) {
  if (!comment.trim()) throw new DomainError("conflict", "Say what needs to change.");
  await prisma.$transaction(async (tx) => {
    const revision = await currentRevision(tx, draft);
    await claimReviewed(tx, draft, {
      status: "returned",
      reviewerId: reviewer.id,
      reviewComment: comment.trim(),
      reviewedAt: new Date(),
    });
    await recordAudit(tx, {
      actorId: reviewer.id,
      action: "studio.draft_returned",
      subjectId: draft.id,
      after: { draft: draft.title, revision, comment: comment.trim() },
    });
  });
  return { versionId: null, repeated: false, slug: draft.slug, kind: draft.kind as DraftKind };
}

/** A published version, as the approval records it. */
type PublishedVersion = { id: string; number: number; title: string; hash: string };

/**
 * What approving a draft of one kind needs: its slug, checked and compiled outside the transaction, and the
 * writes inside it (the version, and what else names it). `restores` names the first version with the same text.
 */
interface Publication {
  slug: string;
  publish(tx: Tx, authorId: string, reviewerId: string): Promise<PublishedVersion & { communityReviews: number }>;
  restores(tx: Tx, version: PublishedVersion): Promise<number | null>;
}

async function scenarioPublication(draft: Draft): Promise<Publication> {
  const { compiled, issues } = compileScenarioCached(DRAFT_FILE, draft.source);
  if (!compiled)
    throw new DomainError("conflict", `The draft no longer validates: ${issues.map(formatIssue).join("; ")}`);
  await ensureLibrary();
  const slug = compiled.scenario.slug;
  return {
    slug,
    async publish(tx, authorId, reviewerId) {
      const hash = scenarioHash(draft.source);
      const input = { slug, source: draft.source, hash, compiled, origin: "studio" as const };
      const version = await publishVersion({ ...input, authorId, reviewerId }, tx);
      // Who reviewed this text for the community is recorded on the version it became.
      const communityReviewed = await tx.communityReview.updateMany({
        where: { draftId: draft.id, sourceHash: draftSourceHash(draft.source) },
        data: { scenarioVersionId: version.id },
      });
      return { ...version, communityReviews: communityReviewed.count };
    },
    restores: async (tx, version) =>
      (
        await tx.scenarioVersion.findFirst({
          where: { scenarioSlug: slug, hash: version.hash, number: { lt: version.number } },
          orderBy: { number: "asc" },
          select: { number: true },
        })
      )?.number ?? null,
  };
}

/**
 * A module draft as the library will hold it: compiled under its library file name, so the library's rules
 * (sources required, question banks) hold for it as for content/modules. The text already passed the draft
 * checker's bounded check; the compile is cached by content hash, so the module page reads it without compiling.
 */
async function moduleLibraryCompile(slug: string, source: string) {
  const { compiled, issues } = await compileModuleCached(moduleFile(slug), source);
  const errors = issues.filter((i) => i.severity === "error");
  if (!compiled || errors.length)
    throw new DomainError(
      "conflict",
      `As a published module this text has ${errors.length} error(s): ${errors.map((i) => `line ${i.line}: ${i.message}`).join("; ")}`,
    );
  return compiled;
}

async function modulePublication(draft: Draft): Promise<Publication> {
  const compiled = await moduleLibraryCompile(draft.slug, draft.source);
  await ensureModuleLibrary();
  const slug = compiled.frontmatter.slug;
  return {
    slug,
    async publish(tx, authorId, reviewerId) {
      const input = { slug, source: draft.source, title: compiled.frontmatter.title, origin: "studio" as const };
      const version = await publishModuleVersion(tx, { ...input, authorId, reviewerId });
      return { ...version, communityReviews: 0 };
    },
    restores: async (tx, version) =>
      (
        await tx.moduleVersion.findFirst({
          where: { moduleSlug: slug, hash: moduleTextHash(draft.source), number: { lt: version.number } },
          orderBy: { number: "asc" },
          select: { number: true },
        })
      )?.number ?? null,
  };
}

async function approveDraft(reviewer: SessionUser, draft: Draft, comment: string) {
  const kind = draft.kind as DraftKind;
  const publication = kind === "scenario" ? await scenarioPublication(draft) : await modulePublication(draft);
  const { slug } = publication;
  const author = (await namesOf([draft.lastEditorId])).get(draft.lastEditorId) ?? "Unknown";
  const version = await prisma.$transaction(async (tx) => {
    // One publication of a scenario or module at a time, across processes: the next one then sees the version
    // this one published (and is refused as based on an older one) instead of taking the same number.
    await serializeOn(tx, `publish:${kind}:${slug}`);
    const revision = await currentRevision(tx, draft);
    // Claimed first: a second reviewer of this very draft is told it was reviewed meanwhile, not that its base is old.
    await claimReviewed(tx, draft, {
      status: "published",
      reviewerId: reviewer.id,
      reviewComment: comment.trim() || null,
      reviewedAt: new Date(),
    });
    // In the transaction that publishes: a version published meanwhile is seen here (and the claim rolled back).
    await requireCurrentBase(draft, tx);
    // The version's author is whoever last changed the text, never merely whoever opened the draft.
    const version = await publication.publish(tx, draft.lastEditorId, reviewer.id);
    await tx.draft.update({ where: { id: draft.id }, data: { publishedVersionId: version.id } });
    // A rollback (or any text identical to an earlier version's) names the first version that had it.
    const restores = await publication.restores(tx, version);
    await recordAudit(tx, {
      actorId: reviewer.id,
      action: "studio.draft_approved",
      subjectId: draft.id,
      after: {
        draft: draft.title,
        revision,
        comment: comment.trim() || null,
        version: version.number,
        ...(draft.communityReviewRequestedAt ? { communityReviews: version.communityReviews } : {}),
      },
    });
    await recordAudit(tx, {
      actorId: reviewer.id,
      action: "studio.version_published",
      subjectId: version.id,
      after: { [kind]: slug, version: version.number, title: version.title, author, restores },
    });
    return version;
  });
  return { versionId: version.id, repeated: false, slug, kind, number: version.number };
}
