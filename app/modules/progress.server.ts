// An officer's progress through modules: opened, where they left off, passed. Check attempts are in
// check-attempts.server.ts.
import { prisma } from "../db/db.server";
import { Prisma } from "../db/generated/client";
import { fromSqlTime } from "../db/sql-time";
import { sqlRows } from "../db/sql.server";
import { recordXapi } from "../xapi/outbox.server";

export type ModuleStatus = "not_started" | "in_progress" | "passed";

type ProgressRow = {
  moduleSlug: string;
  status: string;
  bestScore: number | null;
  lastAnchor: string | null;
  passedAt: Date | null;
};

/** The officer's progress per module: a raw read (app/db/sql.server.ts), as every module page asks. */
export async function progressByModule(userId: string): Promise<Map<string, ProgressRow>> {
  const rows = await sqlRows<Omit<ProgressRow, "passedAt"> & { passedAt: string | Date | null }>(
    `SELECT "moduleSlug", "status", "bestScore", "lastAnchor", "passedAt" FROM "ModuleProgress" WHERE "userId" = ?`,
    userId,
  );
  return new Map(
    rows.map((r) => [r.moduleSlug, { ...r, passedAt: r.passedAt === null ? null : fromSqlTime(r.passedAt) }]),
  );
}

/** The first opening of a module starts its progress (and tells the LRS); later ones change nothing. */
export async function markOpened(userId: string, slug: string) {
  try {
    await prisma.$transaction(async (tx) => {
      if (
        await tx.moduleProgress.findUnique({
          where: { userId_moduleSlug: { userId, moduleSlug: slug } },
          select: { status: true },
        })
      )
        return;
      await tx.moduleProgress.create({ data: { userId, moduleSlug: slug, status: "in_progress" } });
      await recordXapi(tx, userId, { kind: "module_opened", moduleSlug: slug });
    });
  } catch (error) {
    // Opened in two tabs at once: the other request recorded it.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
  }
}

export async function saveAnchor(userId: string, slug: string, anchor: string) {
  await prisma.moduleProgress.updateMany({ where: { userId, moduleSlug: slug }, data: { lastAnchor: anchor } });
}

export function statusOf(row: { status: string } | undefined): ModuleStatus {
  if (!row) return "not_started";
  return row.status === "passed" ? "passed" : "in_progress";
}
