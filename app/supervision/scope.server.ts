// Which officers a supervisor may see: only those in units they supervise (admins: their whole agency).
import type { SessionUser } from "../auth/roles";
import { prisma } from "../db/db.server";

export async function supervisedUnitIds(user: SessionUser): Promise<string[]> {
  if (user.role === "admin") {
    return (await prisma.unit.findMany({ where: { agencyId: user.agencyId }, select: { id: true } })).map((u) => u.id);
  }
  if (user.role !== "supervisor") return [];
  return (await prisma.supervisedUnit.findMany({ where: { supervisorId: user.id }, select: { unitId: true } })).map(
    (s) => s.unitId,
  );
}

/** The officer, if this user may supervise them; null otherwise (callers answer 404, revealing nothing). */
export async function findSupervisedOfficer(user: SessionUser, officerId: string) {
  const units = await supervisedUnitIds(user);
  if (!units.length) return null;
  return prisma.user.findFirst({
    where: { id: officerId, role: "officer", unitId: { in: units } },
    select: { id: true, name: true, email: true, unitId: true, unit: { select: { name: true } } },
  });
}
