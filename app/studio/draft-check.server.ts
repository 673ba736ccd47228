// What checking a draft produces: its issues (with lines), the map and score range of a scenario, or the safe
// preview of a module. Runs inside the draft checker's worker thread (draft-checker.server.ts), never on the
// thread that answers requests; the result is plain data, stored with the draft.
import { compileModule } from "../modules/compile.server";
import { compiledFrom } from "../scenarios/compile";
import { rememberCompiledScenario } from "../scenarios/compiled.server";
import { layoutScenario, type ScenarioMap } from "../scenarios/graph";
import { validateScenario } from "../scenarios/validate";
import { imageTargets, type ImageTarget } from "./image-targets";
import { strategySummary, type StrategySummary } from "./strategy-view";

export type DraftKind = "scenario" | "module";
export const DRAFT_FILE = "<draft>";

export interface DraftIssue {
  severity: "error" | "warning";
  line: number;
  message: string;
}

export interface DraftCheckResult {
  ok: boolean;
  title: string | null;
  slug: string | null;
  issues: DraftIssue[];
  map: ScenarioMap | null;
  /** nodes with a problem, marked on the map */
  flagged: string[];
  scores: string | null;
  /** a module draft's preview, rendered from Markdown and the allowed components only */
  html: string | null;
  /** a scenario draft's cue and strategy report (missed thresholds are warnings in a draft, and block submission) */
  strategy: StrategySummary | null;
  /** a scenario draft's places for images (and review comments on nodes); absent from a check that gave up */
  targets?: ImageTarget[] | null;
  /** set when the checker gave up on the draft (time or memory) rather than finding problems in it */
  gaveUp?: "time" | "memory" | "failure";
}

const issuesOf = (issues: readonly DraftIssue[]): DraftIssue[] =>
  issues.map(({ severity, line, message }) => ({ severity, line, message }));
const okOf = (issues: readonly DraftIssue[]) => !issues.some((i) => i.severity === "error");

/** @param keep a scenario that compiles goes to the content cache (for text being stored, not every keystroke) */
export async function checkDraftSource(kind: DraftKind, source: string, keep = false): Promise<DraftCheckResult> {
  return kind === "scenario" ? checkScenarioDraft(source, keep) : checkModuleDraft(source);
}

function checkScenarioDraft(source: string, keep: boolean): DraftCheckResult {
  const validated = validateScenario(DRAFT_FILE, source, "warning");
  const { scenario, analysis: a } = validated;
  const record = compiledFrom(validated);
  // Publishing reads the compiled form from the content cache instead of compiling on the request.
  if (keep && record.compiled) rememberCompiledScenario(source, record);
  const nodeProblems = (a?.problems ?? []).filter((p) => p.path[0] === "nodes" && typeof p.path[1] === "string");
  return {
    ok: okOf(validated.issues),
    title: scenario?.title ?? null,
    slug: scenario?.slug ?? null,
    issues: issuesOf(validated.issues),
    map: scenario ? layoutScenario(scenario) : null,
    flagged: [...new Set(nodeProblems.map((p) => p.path[1] as string))],
    scores:
      a && a.total.max > 0
        ? `Score range ${a.total.min} to ${a.total.max}; ${Object.entries(a.byCompetency)
            .map(([c, r]) => `${c} ${r!.min} to ${r!.max}`)
            .join(", ")}; a path passes: ${a.canPass ? "yes" : "no"}; a path fails: ${a.canFail ? "yes" : "no"}.`
        : null,
    html: null,
    strategy: validated.strategy ? strategySummary(validated.strategy) : null,
    targets: imageTargets(source),
  };
}

async function checkModuleDraft(source: string): Promise<DraftCheckResult> {
  const { compiled, issues } = await compileModule(DRAFT_FILE, source);
  const ok = okOf(issues);
  return {
    ok,
    title: compiled?.frontmatter.title ?? null,
    slug: compiled?.frontmatter.slug ?? null,
    issues: issuesOf(issues),
    map: null,
    flagged: [],
    scores: null,
    html:
      ok && compiled
        ? compiled.html.before + '<p class="muted">[Knowledge check appears here]</p>' + compiled.html.after
        : null,
    strategy: null,
    targets: null,
  };
}
