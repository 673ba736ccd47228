// The evidence rows a program requirement reads, loaded apart from the modules that write them so that
// evidence.server.ts (which those modules call to recompute standings) imports no module that imports it.
import type { prisma, Tx } from "../db/db.server";
import { settledLevels, type ObservationEvidence, type ObservationSetting } from "./observation";
import { hasReflectiveLog, type PracticumEvidence, type PracticumKind, type PracticumRole } from "./practicum";
import type { Level } from "./rubric-format";

/** The officer's confirmed entries with what a program requirement counts by: kind, role, and whether a log is written. */
export async function confirmedPracticumEvidence(
  db: Tx | typeof prisma,
  officerId: string,
): Promise<PracticumEvidence[]> {
  const rows = await db.practicumEntry.findMany({
    where: { officerId, status: "confirmed" },
    select: {
      id: true,
      date: true,
      reviewedAt: true,
      kind: true,
      role: true,
      logWhatHappened: true,
      logWentWell: true,
      logWouldChange: true,
      logSupportNeeded: true,
    },
  });
  return rows.map((r) => ({
    id: r.id,
    date: r.date,
    confirmedAt: r.reviewedAt ?? r.date,
    kind: r.kind as PracticumKind,
    role: r.role as PracticumRole,
    hasReflectiveLog: hasReflectiveLog(r),
  }));
}

/** The officer's observations as a program requirement reads them (see observationMeets). */
export async function observationEvidence(db: Tx | typeof prisma, officerId: string): Promise<ObservationEvidence[]> {
  const rows = await db.observation.findMany({
    where: { officerId },
    select: {
      id: true,
      observedOn: true,
      setting: true,
      processKind: true,
      rubricSlug: true,
      respondedAt: true,
      scorings: { select: { criteria: { select: { criterionId: true, level: true } } } },
    },
  });
  return rows.map((o) => ({
    id: o.id,
    observedOn: o.observedOn,
    setting: o.setting as ObservationSetting,
    processKind: o.processKind as PracticumKind,
    rubricSlug: o.rubricSlug,
    settledLevels: settledLevels(
      o.scorings.map((s) => s.criteria.map((c) => ({ criterionId: c.criterionId, level: c.level as Level }))),
    ),
    scoringCount: o.scorings.length,
    respondedAt: o.respondedAt,
  }));
}
