// What the draft editor shows: the check result, the map of a scenario draft (with flagged nodes), or
// the safe preview of a module draft.
import { compileModule } from "../modules/compile.server";
import { layoutScenario, type ScenarioMap } from "../scenarios/graph";
import { validateScenario } from "../scenarios/validate";
import { checkDraft, DRAFT_FILE, MAX_DRAFT_BYTES, type DraftKind } from "./drafts.server";

export interface DraftPreview {
  issues: { severity: "error" | "warning"; line: number; message: string }[];
  ok: boolean;
  map: ScenarioMap | null;
  flagged: string[];
  scores: string | null;
  html: string | null;
}

export async function draftPreview(kind: DraftKind, source: string): Promise<DraftPreview> {
  const check = await checkDraft(kind, source);
  const issues = check.issues.map((i) => ({ severity: i.severity, line: i.line, message: i.message }));
  if (kind === "scenario" && Buffer.byteLength(source) <= MAX_DRAFT_BYTES) {
    const v = validateScenario(DRAFT_FILE, source);
    const flagged = [...new Set((v.analysis?.problems ?? []).filter((p) => p.path[0] === "nodes" && typeof p.path[1] === "string").map((p) => p.path[1] as string))];
    const a = v.analysis;
    return {
      issues, ok: check.ok, flagged,
      map: v.scenario ? layoutScenario(v.scenario) : null,
      scores: a && a.total.max > 0 ? `Score range ${a.total.min} to ${a.total.max}; ${Object.entries(a.byCompetency).map(([c, r]) => `${c} ${r!.min} to ${r!.max}`).join(", ")}; a path passes: ${a.canPass ? "yes" : "no"}; a path fails: ${a.canFail ? "yes" : "no"}.` : null,
      html: null,
    };
  }
  if (kind === "module" && check.ok) {
    const compiled = await compileModule(DRAFT_FILE, source);
    const html = compiled.compiled ? compiled.compiled.html.before + '<p class="muted">[Knowledge check appears here]</p>' + compiled.compiled.html.after : null;
    return { issues, ok: check.ok, map: null, flagged: [], scores: null, html };
  }
  return { issues, ok: check.ok, map: null, flagged: [], scores: null, html: null };
}
