// An officer's progress through modules: opened, where they left off, passed. Check attempts are in
// check-attempts.server.ts.
import { prisma } from "../db/db.server";

export type ModuleStatus = "not_started" | "in_progress" | "passed";

export async function progressByModule(userId: string) {
  const rows = await prisma.moduleProgress.findMany({ where: { userId }, select: { moduleSlug: true, status: true, bestScore: true, lastAnchor: true, passedAt: true } });
  return new Map(rows.map((r) => [r.moduleSlug, r]));
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
