// An officer's progress through modules: opened, where they left off, passed. Check attempts are in
// check-attempts.server.ts.
import { prisma } from "../db/db.server";
import { prepared } from "../db/reader.server";
import { fromSqlTime } from "../db/sql-time";

export type ModuleStatus = "not_started" | "in_progress" | "passed";

type ProgressRow = { moduleSlug: string; status: string; bestScore: number | null; lastAnchor: string | null; passedAt: Date | null };

/** The officer's progress per module: a prepared read on the reader connection, as every module page asks. */
export function progressByModule(userId: string): Promise<Map<string, ProgressRow>> {
  const rows = prepared("SELECT moduleSlug, status, bestScore, lastAnchor, passedAt FROM ModuleProgress WHERE userId = ?").all(userId) as
    (Omit<ProgressRow, "passedAt"> & { passedAt: string | null })[];
  return Promise.resolve(new Map(rows.map((r) => [r.moduleSlug, { ...r, passedAt: r.passedAt === null ? null : fromSqlTime(r.passedAt) }])));
}

export async function markOpened(userId: string, slug: string) {
  await prisma.moduleProgress.upsert({
    where: { userId_moduleSlug: { userId, moduleSlug: slug } },
    create: { userId, moduleSlug: slug, status: "in_progress" },
    update: {},
  });
}

export async function saveAnchor(userId: string, slug: string, anchor: string) {
  await prisma.moduleProgress.updateMany({ where: { userId, moduleSlug: slug }, data: { lastAnchor: anchor } });
}

export function statusOf(row: { status: string } | undefined): ModuleStatus {
  if (!row) return "not_started";
  return row.status === "passed" ? "passed" : "in_progress";
}
