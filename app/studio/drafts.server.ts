// Drafts: a trainer's copy of a scenario or module, validated on every save, reviewed by a second trainer.
// Publishing a scenario draft creates the next immutable, numbered version; officers then play that one.
// Checking happens in the draft checker's worker (draft-checks.server.ts), and its result is stored with the
// draft: a save checks the new text, and viewing reuses what was stored.
import type { SessionUser } from "../auth/roles";
import { compileScenarioCached, scenarioHash } from "../content/compiled.server";
import { formatIssue } from "../content/issues";
import { prisma } from "../db/db.server";
import { ensureLibrary, latestVersionOf, publishVersion } from "../scenarios/library.server";
import { DRAFT_FILE, type DraftCheckResult, type DraftKind } from "./draft-check.server";
import { checkFor, DraftCheckerBusy, storedCheckOf, type StoredCheck } from "./draft-checks.server";

export { DRAFT_FILE, type DraftKind };

export class DraftError extends Error {}

/** A check for text about to be stored, or none when the checker is busy (the draft page checks it later). */
async function checkBeforeStoring(kind: DraftKind, source: string, stored: StoredCheck | null): Promise<{ check: DraftCheckResult | null; fields: StoredCheck }> {
  try {
    const { result } = await checkFor(kind, source, stored, { retryGaveUp: true });
    return { check: result, fields: storedCheckOf(kind, source, result) };
  } catch (error) {
    if (error instanceof DraftCheckerBusy) return { check: null, fields: { checkHash: null, checkResult: null } };
    throw error;
  }
}

export async function listDrafts() {
  return prisma.draft.findMany({
    orderBy: { updatedAt: "desc" },
    select: { id: true, kind: true, slug: true, title: true, status: true, authorId: true, reviewerId: true, updatedAt: true, submittedAt: true },
  });
}

export async function findDraft(id: string) {
  return prisma.draft.findUnique({ where: { id } });
}

/** A new draft: a copy of a published scenario version, or a starting template. */
export async function createDraft(author: SessionUser, kind: DraftKind, from: { versionId?: string; source?: string }) {
  let source = from.source ?? "";
  let basedOnVersionId: string | null = null;
  if (from.versionId) {
    const version = await prisma.scenarioVersion.findUnique({ where: { id: from.versionId }, select: { id: true, source: true } });
    if (!version) throw new DraftError("That version does not exist.");
    source = version.source;
    basedOnVersionId = version.id;
  }
  const { check, fields } = await checkBeforeStoring(kind, source, null);
  return prisma.draft.create({
    data: { kind, slug: check?.slug ?? "untitled", title: check?.title ?? "Untitled draft", source, authorId: author.id, basedOnVersionId, ...fields },
    select: { id: true },
  });
}

function requireAuthorOf(draft: { authorId: string }, user: SessionUser) {
  if (draft.authorId !== user.id && user.role !== "admin") throw new DraftError("Only the author can change this draft.");
}

/** Saves the text even when the checker is busy (check: null), so that no work is lost. */
export async function saveDraft(user: SessionUser, id: string, source: string): Promise<{ check: DraftCheckResult | null } | null> {
  const draft = await findDraft(id);
  if (!draft) return null;
  requireAuthorOf(draft, user);
  if (draft.status === "published") throw new DraftError("This draft is published; copy the new version to keep editing.");
  const { check, fields } = await checkBeforeStoring(draft.kind as DraftKind, source, draft);
  await prisma.draft.update({
    where: { id },
    data: { source, slug: check?.slug ?? draft.slug, title: check?.title ?? draft.title, status: draft.status === "submitted" ? "draft" : draft.status, updatedAt: new Date(), ...fields },
  });
  return { check };
}

export async function submitDraft(user: SessionUser, id: string) {
  const draft = await findDraft(id);
  if (!draft) return null;
  requireAuthorOf(draft, user);
  if (draft.kind !== "scenario") throw new DraftError("Module drafts are previewed here; publish modules through the content repository.");
  // Submitting needs a check of this very text: DraftCheckerBusy reaches the caller ("try again").
  const { result: check, fresh } = await checkFor("scenario", draft.source, draft, { retryGaveUp: true });
  if (!check.ok) throw new DraftError(`Fix the ${check.issues.filter((i) => i.severity === "error").length} error(s) before submitting.`);
  await prisma.draft.update({ where: { id }, data: { status: "submitted", submittedAt: new Date(), reviewComment: null, ...(fresh ? storedCheckOf("scenario", draft.source, check) : {}) } });
  return { ok: true };
}

/** A second trainer approves (publishing the next version) or returns the draft with a comment. */
export async function reviewDraft(reviewer: SessionUser, id: string, decision: "approve" | "return", comment: string) {
  const draft = await findDraft(id);
  if (!draft) return null;
  if (draft.authorId === reviewer.id) throw new DraftError("A draft must be reviewed by a trainer other than its author.");
  if (draft.status === "published" && decision === "approve") return { versionId: draft.publishedVersionId, repeated: true };
  if (draft.status !== "submitted") throw new DraftError("Only a submitted draft can be reviewed.");
  if (decision === "return") {
    if (!comment.trim()) throw new DraftError("Say what needs to change.");
    await prisma.draft.update({ where: { id }, data: { status: "returned", reviewerId: reviewer.id, reviewComment: comment.trim(), reviewedAt: new Date() } });
    return { versionId: null, repeated: false };
  }
  const compiled = compileScenarioCached(DRAFT_FILE, draft.source);
  if (!compiled.compiled) throw new DraftError(`The draft no longer validates: ${compiled.issues.map(formatIssue).join("; ")}`);
  await ensureLibrary();
  const latest = await latestVersionOf(compiled.compiled.scenario.slug);
  const hash = scenarioHash(draft.source);
  const version = await publishVersion({
    slug: compiled.compiled.scenario.slug, source: draft.source, hash, compiled: compiled.compiled, origin: "studio",
    authorId: draft.authorId, reviewerId: reviewer.id,
  });
  await prisma.draft.update({
    where: { id },
    data: { status: "published", reviewerId: reviewer.id, reviewComment: comment.trim() || null, reviewedAt: new Date(), publishedVersionId: version.id },
  });
  return { versionId: version.id, repeated: false, previous: latest?.number ?? null, number: version.number };
}
