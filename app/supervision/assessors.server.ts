// Which officers an assessor may observe: a supervisor who holds the grant, the officers of the units they
// supervise; a trainer who holds it, the officers of their agency. Nobody else, and never themselves.
import { holds, type SessionUser } from "../auth/roles";
import { prisma } from "../db/db.server";
import type { Prisma } from "../db/generated/client";
import { supervisedUnitIds } from "./scope.server";

/** The officers this user may observe, as a query; null when they may observe nobody. */
export async function assessableOfficersWhere(user: SessionUser): Promise<Prisma.UserWhereInput | null> {
  if (!holds(user, "observations:record")) return null;
  if (user.role === "trainer") return { role: "officer", agencyId: user.agencyId };
  if (user.role === "supervisor") {
    const units = await supervisedUnitIds(user);
    return units.length ? { role: "officer", agencyId: user.agencyId, unitId: { in: units } } : null;
  }
  return null;
}

export async function assessableOfficers(user: SessionUser) {
  const where = await assessableOfficersWhere(user);
  if (!where) return [];
  return prisma.user.findMany({
    where,
    orderBy: { name: "asc" },
    select: { id: true, name: true, unit: { select: { name: true } } },
  });
}

/** The officer, if this user may observe them; null otherwise (callers answer 404, revealing nothing). */
export async function findAssessableOfficer(user: SessionUser, officerId: string) {
  const where = await assessableOfficersWhere(user);
  if (!where) return null;
  return prisma.user.findFirst({
    where: { AND: [where, { id: officerId }] },
    select: { id: true, name: true, unitId: true },
  });
}
