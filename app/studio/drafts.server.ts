// Drafts: a trainer's copy of a scenario or module, validated on every save, reviewed by a second trainer.
// Publishing a scenario draft creates the next immutable, numbered version; officers then play that one.
import type { SessionUser } from "../auth/roles";
import { compileScenarioCached, scenarioHash } from "../content/compiled.server";
import { formatIssue, type ContentIssue } from "../content/issues";
import { prisma } from "../db/db.server";
import { compileModule } from "../modules/compile.server";
import { ensureLibrary, latestVersionOf, publishVersion } from "../scenarios/library.server";
import { validateScenario, type ValidatedScenario } from "../scenarios/validate";

export type DraftKind = "scenario" | "module";
export const DRAFT_FILE = "<draft>";
export const MAX_DRAFT_BYTES = 400_000;

export class DraftError extends Error {}

export interface DraftCheck {
  issues: ContentIssue[];
  ok: boolean;
  title: string | null;
  slug: string | null;
  /** for a scenario draft: the whole validation (analysis and strategy report), so a preview need not redo it */
  validated?: ValidatedScenario;
}

/** Validates a draft's text. Module drafts with code in them are refused before anything is compiled or run. */
export async function checkDraft(kind: DraftKind, source: string): Promise<DraftCheck> {
  if (Buffer.byteLength(source) > MAX_DRAFT_BYTES) {
    return { ok: false, title: null, slug: null, issues: [{ severity: "error", file: DRAFT_FILE, line: 1, message: `the draft is larger than ${MAX_DRAFT_BYTES / 1000} kB` }] };
  }
  if (kind === "scenario") {
    // Missed strategy thresholds are warnings in drafts: authors can work, and a draft can still be published.
    const result = validateScenario(DRAFT_FILE, source, "warning");
    return { issues: result.issues, ok: !result.issues.some((i) => i.severity === "error"), title: result.scenario?.title ?? null, slug: result.scenario?.slug ?? null, validated: result };
  }
  const result = await compileModule(DRAFT_FILE, source);
  return { issues: result.issues, ok: !result.issues.some((i) => i.severity === "error"), title: result.compiled?.frontmatter.title ?? null, slug: result.compiled?.frontmatter.slug ?? null };
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
  const check = await checkDraft(kind, source);
  return prisma.draft.create({
    data: { kind, slug: check.slug ?? "untitled", title: check.title ?? "Untitled draft", source, authorId: author.id, basedOnVersionId },
    select: { id: true },
  });
}

function requireAuthorOf(draft: { authorId: string }, user: SessionUser) {
  if (draft.authorId !== user.id && user.role !== "admin") throw new DraftError("Only the author can change this draft.");
}

export async function saveDraft(user: SessionUser, id: string, source: string): Promise<DraftCheck | null> {
  const draft = await findDraft(id);
  if (!draft) return null;
  requireAuthorOf(draft, user);
  if (draft.status === "published") throw new DraftError("This draft is published; copy the new version to keep editing.");
  const check = await checkDraft(draft.kind as DraftKind, source);
  await prisma.draft.update({
    where: { id },
    data: { source, slug: check.slug ?? draft.slug, title: check.title ?? draft.title, status: draft.status === "submitted" ? "draft" : draft.status, updatedAt: new Date() },
  });
  return check;
}

export async function submitDraft(user: SessionUser, id: string) {
  const draft = await findDraft(id);
  if (!draft) return null;
  requireAuthorOf(draft, user);
  if (draft.kind !== "scenario") throw new DraftError("Module drafts are previewed here; publish modules through the content repository.");
  const check = await checkDraft("scenario", draft.source);
  if (!check.ok) throw new DraftError(`Fix the ${check.issues.filter((i) => i.severity === "error").length} error(s) before submitting.`);
  await prisma.draft.update({ where: { id }, data: { status: "submitted", submittedAt: new Date(), reviewComment: null } });
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
