// A draft copied from version N of a scenario or module, approved after version N+1 was published, would publish N's text
// with the draft's edits and silently drop N+1's (a lost update). Such a draft is approved only once its author
// has brought in the published changes or confirmed, for this very text, that they mean to undo them
// (docs/decisions/0215-stale-drafts.md).
import { prisma, type Tx } from "../db/db.server";
import type { Draft } from "../db/generated/client";
import { DomainError } from "../errors";
import { diffHunks, diffLines, DiffTooLarge, mergeThreeWay, type DiffHunk, type MergeConflict } from "./diff";
import type { DraftKind } from "./draft-check.server";
import { draftSourceHash } from "./draft-text.server";
import { latestVersionText, versionText, type VersionText } from "./published-versions.server";

type DraftBase = Pick<
  Draft,
  "kind" | "basedOnVersionId" | "slug" | "source" | "undoConfirmedVersionId" | "undoConfirmedHash"
>;

export type OutdatedBase = { base: VersionText; latest: VersionText; confirmed: boolean };

/** The draft's base and the newer latest version of the same scenario or module, or null when the base is the latest. */
export async function outdatedBase(draft: DraftBase, db: Tx = prisma): Promise<OutdatedBase | null> {
  if (!draft.basedOnVersionId) return null;
  const kind = draft.kind as DraftKind;
  const base = await versionText(kind, draft.basedOnVersionId, db);
  // A draft renamed to another slug publishes another scenario or module: nothing of this one is undone.
  if (!base || base.slug !== draft.slug) return null;
  const latest = await latestVersionText(kind, base.slug, db);
  if (!latest || latest.number <= base.number) return null;
  const confirmed =
    draft.undoConfirmedVersionId === latest.id && draft.undoConfirmedHash === draftSourceHash(draft.source);
  return { base, latest, confirmed };
}

export function outdatedMessage({ base, latest }: OutdatedBase): string {
  const since =
    latest.number === base.number + 1
      ? `version ${latest.number} was`
      : `versions ${base.number + 1} to ${latest.number} were`;
  return `This draft was copied from version ${base.number}, and ${since} published since. Approving it as it is would undo the changes published after version ${base.number}. Its author must first bring in those changes or confirm they mean to undo them.`;
}

/** Refuses (409) to publish a draft whose base is outdated, unless its author confirmed undoing for this text. */
export async function requireCurrentBase(draft: DraftBase, db: Tx): Promise<void> {
  const outdated = await outdatedBase(draft, db);
  if (outdated && !outdated.confirmed) throw new DomainError("conflict", outdatedMessage(outdated));
}

/** What the author and the reviewer see: the published changes since the base, and whether they merge cleanly. */
export type OutdatedBaseView = {
  baseNumber: number;
  latestNumber: number;
  confirmed: boolean;
  message: string;
  publishedChanges: DiffHunk[] | null;
  conflicts: MergeConflict[] | null;
};

export async function outdatedBaseView(draft: DraftBase): Promise<OutdatedBaseView | null> {
  const outdated = await outdatedBase(draft);
  if (!outdated) return null;
  const { base, latest } = outdated;
  let publishedChanges: DiffHunk[] | null = null;
  let conflicts: MergeConflict[] | null = null;
  try {
    publishedChanges = diffHunks(diffLines(base.source, latest.source));
    conflicts = mergeThreeWay(base.source, draft.source, latest.source).conflicts;
  } catch (error) {
    if (!(error instanceof DiffTooLarge)) throw error;
  }
  return {
    baseNumber: base.number,
    latestNumber: latest.number,
    confirmed: outdated.confirmed,
    message: outdatedMessage(outdated),
    publishedChanges,
    conflicts,
  };
}
