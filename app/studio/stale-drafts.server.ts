// The author's two ways out of an outdated base (stale-base.server.ts): bring the published changes into the
// draft with a three-way merge, or confirm that approving this text is meant to undo them. Both are audited.
import { recordAudit } from "../audit/audit.server";
import type { SessionUser } from "../auth/roles";
import { prisma } from "../db/db.server";
import { DomainError } from "../errors";
import { mergeThreeWay } from "./diff";
import {
  checkBeforeStoring,
  currentRevision,
  draftSourceHash,
  findDraft,
  requireEditor,
  storeText,
  type DraftKind,
} from "./drafts.server";
import { outdatedBase } from "./stale-base.server";

const CHANGED = "This draft changed since you opened it: look at its current text and the published changes again.";

async function outdatedDraft(user: SessionUser, id: string, shownHash: string) {
  const draft = await findDraft(user, id);
  if (!draft) return null;
  requireEditor(draft, user);
  if (draft.status === "published")
    throw new DomainError("conflict", "This draft is published; copy the new version to keep editing.");
  if (draftSourceHash(draft.source) !== shownHash) throw new DomainError("conflict", CHANGED);
  const outdated = await outdatedBase(draft);
  if (!outdated) throw new DomainError("conflict", "This draft is already based on the latest published version.");
  return { draft, outdated };
}

/** Merges the changes published since the draft's base into it; with conflicts, refuses and changes nothing. */
export async function bringInPublished(user: SessionUser, id: string, shownHash: string) {
  const found = await outdatedDraft(user, id, shownHash);
  if (!found) return null;
  const {
    draft,
    outdated: { base, latest },
  } = found;
  const merged = mergeThreeWay(base.source, draft.source, latest.source);
  if (merged.conflicts.length) {
    const n = merged.conflicts.length;
    throw new DomainError(
      "conflict",
      `The published changes overlap your edits in ${n} place${n === 1 ? "" : "s"} (shown below): nothing was merged. Make those changes by hand, then confirm.`,
    );
  }
  const stored = await checkBeforeStoring(draft.kind as DraftKind, merged.text, draft);
  const result = await prisma.$transaction((tx) =>
    storeText(tx, user, draft, merged.text, stored, {
      action: "studio.draft_merged_published",
      // The draft is now based on the latest version: approving it undoes nothing.
      data: { basedOnVersionId: latest.id, undoConfirmedVersionId: null, undoConfirmedHash: null },
      auditAfter: {
        basedOn: `${latest.slug} v${latest.number}`,
        previousBase: `${base.slug} v${base.number}`,
      },
    }),
  );
  return { ...result, check: stored.check };
}

/** Records that the author has seen the published changes and means this text to replace them. */
export async function confirmUndo(user: SessionUser, id: string, shownHash: string) {
  const found = await outdatedDraft(user, id, shownHash);
  if (!found) return null;
  const {
    draft,
    outdated: { base, latest },
  } = found;
  await prisma.$transaction(async (tx) => {
    const revision = await currentRevision(tx, draft);
    const { count } = await tx.draft.updateMany({
      where: { id: draft.id, source: draft.source },
      data: { undoConfirmedVersionId: latest.id, undoConfirmedHash: shownHash },
    });
    if (count !== 1) throw new DomainError("conflict", CHANGED);
    await recordAudit(tx, {
      actorId: user.id,
      action: "studio.draft_undo_confirmed",
      subjectId: draft.id,
      after: {
        draft: draft.title,
        revision,
        basedOn: `${base.slug} v${base.number}`,
        undoes: `v${base.number + 1}–v${latest.number}`,
      },
    });
  });
  return { ok: true };
}
