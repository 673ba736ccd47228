// All attempts of the officers a supervisor may see (optionally one unit), officer by officer.
import type { SessionUser } from "../auth/roles";
import { prisma } from "../db/db.server";
import { supervisedUnitIds } from "../supervision/scope.server";

export const ATTEMPT_CSV_HEADER = ["attempt_id", "officer", "email", "unit", "scenario", "version", "status", "score", "passed", "critical_errors", "started_at", "finished_at"] as const;

export async function* attemptRows(supervisor: SessionUser, unitId?: string): AsyncGenerator<unknown[]> {
  let units = await supervisedUnitIds(supervisor);
  if (unitId) units = units.filter((u) => u === unitId);
  if (!units.length) return;
  const unitNames = new Map((await prisma.unit.findMany({ where: { id: { in: units } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const versions = new Map((await prisma.scenarioVersion.findMany({ select: { id: true, number: true } })).map((v) => [v.id, v.number]));
  let after = "";
  for (;;) {
    const officers = await prisma.user.findMany({
      where: { role: "officer", unitId: { in: units }, id: { gt: after } },
      orderBy: { id: "asc" },
      take: 100,
      select: { id: true, name: true, email: true, unitId: true },
    });
    if (!officers.length) return;
    const byId = new Map(officers.map((o) => [o.id, o]));
    const attempts = await prisma.attempt.findMany({
      where: { userId: { in: officers.map((o) => o.id) } },
      orderBy: [{ userId: "asc" }, { startedAt: "asc" }],
      select: { id: true, userId: true, scenarioSlug: true, scenarioVersionId: true, status: true, score: true, passed: true, criticalErrors: true, startedAt: true, finishedAt: true },
    });
    for (const a of attempts) {
      const o = byId.get(a.userId)!;
      yield [a.id, o.name, o.email, unitNames.get(o.unitId ?? "") ?? "", a.scenarioSlug, versions.get(a.scenarioVersionId) ?? "", a.status, a.score, a.passed, a.criticalErrors, a.startedAt, a.finishedAt];
    }
    after = officers[officers.length - 1]!.id;
  }
}
