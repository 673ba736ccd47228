// What the draft editor shows: the check result, the map of a scenario draft (with flagged nodes), or
// the safe preview of a module draft.
import { compileModule } from "../modules/compile.server";
import { layoutScenario, type ScenarioMap } from "../scenarios/graph";
import { strategySummary, type StrategySummary } from "./strategy-view";
import type { SessionUser } from "../auth/roles";
import { prisma } from "../db/db.server";
import { namesOf } from "../users/names.server";
import { checkDraft, DRAFT_FILE, draftSourceHash, findDraft, MAX_DRAFT_BYTES, mayEdit, mayReview, type DraftKind } from "./drafts.server";

export interface DraftPreview {
  issues: { severity: "error" | "warning"; line: number; message: string }[];
  ok: boolean;
  map: ScenarioMap | null;
  flagged: string[];
  scores: string | null;
  /** the cue and strategy report of a scenario draft that validates */
  strategy: StrategySummary | null;
  html: string | null;
}

export async function draftPreview(kind: DraftKind, source: string): Promise<DraftPreview> {
  const check = await checkDraft(kind, source);
  const issues = check.issues.map((i) => ({ severity: i.severity, line: i.line, message: i.message }));
  if (kind === "scenario" && check.validated) {
    const v = check.validated;
    const flagged = [...new Set((v.analysis?.problems ?? []).filter((p) => p.path[0] === "nodes" && typeof p.path[1] === "string").map((p) => p.path[1] as string))];
    const a = v.analysis;
    return {
      issues, ok: check.ok, flagged,
      map: v.scenario ? layoutScenario(v.scenario) : null,
      scores: a && a.total.max > 0 ? `Score range ${a.total.min} to ${a.total.max}; ${Object.entries(a.byCompetency).map(([c, r]) => `${c} ${r!.min} to ${r!.max}`).join(", ")}; a path passes: ${a.canPass ? "yes" : "no"}; a path fails: ${a.canFail ? "yes" : "no"}.` : null,
      strategy: v.strategy ? strategySummary(v.strategy) : null,
      html: null,
    };
  }
  if (kind === "module" && check.ok) {
    const compiled = await compileModule(DRAFT_FILE, source);
    const html = compiled.compiled ? compiled.compiled.html.before + '<p class="muted">[Knowledge check appears here]</p>' + compiled.compiled.html.after : null;
    return { issues, ok: check.ok, map: null, flagged: [], scores: null, strategy: null, html };
  }
  return { issues, ok: check.ok, map: null, flagged: [], scores: null, strategy: null, html: null };
}

/** The draft editor page: the draft, who wrote, edited and reviewed it, what it became, and its check. */
export async function draftPage(user: SessionUser, id: string) {
  const draft = await findDraft(user, id);
  if (!draft) return null;
  const kind = draft.kind as DraftKind;
  const [people, published, preview, reviewable] = await Promise.all([
    namesOf([draft.authorId, draft.lastEditorId, draft.reviewerId]),
    draft.publishedVersionId ? prisma.scenarioVersion.findUnique({ where: { id: draft.publishedVersionId }, select: { number: true, scenarioSlug: true } }) : null,
    draftPreview(kind, draft.source),
    mayReview(user, draft.id),
  ]);
  return {
    // sourceHash: the review form sends it back, so a review applies to this text only.
    draft: { id: draft.id, kind, slug: draft.slug, title: draft.title, source: draft.source, sourceHash: draftSourceHash(draft.source), status: draft.status, reviewComment: draft.reviewComment },
    authorName: people.get(draft.authorId) ?? "Unknown",
    lastEditorName: draft.lastEditorId !== draft.authorId ? people.get(draft.lastEditorId) ?? "Unknown" : null,
    reviewerName: draft.reviewerId ? people.get(draft.reviewerId) ?? null : null,
    isAuthor: draft.authorId === user.id,
    canEdit: mayEdit(draft, user) && draft.status !== "published",
    canReview: draft.status === "submitted" && reviewable,
    published,
    preview,
  };
}
