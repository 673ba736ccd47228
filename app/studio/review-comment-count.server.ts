// The one count that approval waits on, apart from the comments' own module so drafts.server.ts can read it
// without importing it back.
import { prisma, type Tx } from "../db/db.server";

export function openCommentCount(draftId: string, db: Tx = prisma): Promise<number> {
  return db.reviewComment.count({ where: { draftId, resolvedAt: null } });
}
