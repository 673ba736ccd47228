// A draft's check is stored beside it with the hash of what it checked (kind, text, checker version): viewing a
// draft shows the stored result, and only changed text (or a new checker) is checked again. Checking itself
// happens in the draft checker's worker, never on this thread.
import { contentHash } from "../content/hash.server";
import { LIMITS_VERSION } from "../content/limits";
import { MODULE_COMPILER_VERSION } from "../modules/compile.server";
import { SCENARIO_COMPILER_VERSION } from "../scenarios/compile";
import type { DraftCheckResult, DraftKind } from "./draft-check.server";
import { draftChecker } from "./draft-checker.server";

export type { DraftCheckResult, DraftKind };

/** Bump when what a check shows changes without a compiler or limit version changing. */
// 3: map nodes named by title or narration (docs/decisions/0217); 4: image targets (docs/decisions/0401)
const CHECK_FORMAT_VERSION = "4";
export const DRAFT_CHECK_VERSION = [
  SCENARIO_COMPILER_VERSION,
  MODULE_COMPILER_VERSION,
  LIMITS_VERSION,
  CHECK_FORMAT_VERSION,
].join(".");

export function draftCheckHash(kind: DraftKind, source: string): string {
  return contentHash(kind, source, DRAFT_CHECK_VERSION);
}

/** Checks text that is not stored (live validation). May throw a "busy" DomainError. */
export function checkDraftText(kind: DraftKind, source: string): Promise<DraftCheckResult> {
  return draftChecker().check(kind, source);
}

export interface StoredCheck {
  checkHash: string | null;
  checkResult: string | null;
}

export function storedCheckOf(kind: DraftKind, source: string, result: DraftCheckResult): StoredCheck {
  return { checkHash: draftCheckHash(kind, source), checkResult: JSON.stringify(result) };
}

/** The stored result, when it describes exactly this text under this checker. */
export function reusableCheck(draft: { kind: string; source: string } & StoredCheck): DraftCheckResult | null {
  if (!draft.checkResult || draft.checkHash !== draftCheckHash(draft.kind as DraftKind, draft.source)) return null;
  return JSON.parse(draft.checkResult) as DraftCheckResult;
}

/**
 * The check of this text: the stored one if it still applies, else a fresh one. A stored "gave up" (time or
 * memory) is tried again only when `retryGaveUp` (a save or a submission: the author asked for a check).
 */
export async function checkFor(
  kind: DraftKind,
  source: string,
  stored: StoredCheck | null,
  options: { retryGaveUp: boolean },
): Promise<{ result: DraftCheckResult; fresh: boolean }> {
  // Only the two stored fields: a draft row passed in as `stored` also carries its old text.
  const reusable = stored
    ? reusableCheck({ kind, source, checkHash: stored.checkHash, checkResult: stored.checkResult })
    : null;
  if (reusable && !(reusable.gaveUp && options.retryGaveUp)) return { result: reusable, fresh: false };
  return { result: await draftChecker().check(kind, source, { keep: true }), fresh: true };
}

/** What the draft page shows when its text has not been checked and the checker is busy. */
export const NOT_CHECKED_YET: DraftCheckResult = {
  ok: false,
  title: null,
  slug: null,
  map: null,
  flagged: [],
  scores: null,
  html: null,
  strategy: null,
  issues: [
    {
      severity: "warning",
      line: 1,
      message: "not checked yet: the draft checker is busy with other drafts. Reload the page in a few seconds.",
    },
  ],
};
