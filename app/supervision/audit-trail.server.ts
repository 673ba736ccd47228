// Reading the audit trail: supervisors see entries about officers in their units; admins, their agency (studio
// content included: those entries have no unit and are their actor's agency's).
import type { SessionUser } from "../auth/roles";
import { prisma } from "../db/db.server";
import { supervisedUnitIds } from "./scope.server";
import { namesOf } from "../users/names.server";
import { auditActionLabel } from "../audit/format";

export const AUDIT_PAGE = 100;

export async function auditTrail(viewer: SessionUser, page: number) {
  const units = await supervisedUnitIds(viewer);
  const agencyPeople = async () => (await prisma.user.findMany({ where: { agencyId: viewer.agencyId }, select: { id: true } })).map((u) => u.id);
  // Entries with no unit (about accounts without one) belong to the agency of whoever made them, not to every admin.
  const where = viewer.role === "admin"
    ? { OR: [{ unitId: { in: units } }, { unitId: null, actorId: { in: await agencyPeople() } }] }
    : { officerId: { in: (await prisma.user.findMany({ where: { unitId: { in: units }, role: "officer" }, select: { id: true } })).map((u) => u.id) } };
  const [total, entries] = await Promise.all([
    prisma.auditEntry.count({ where }),
    prisma.auditEntry.findMany({ where, orderBy: { at: "desc" }, skip: (page - 1) * AUDIT_PAGE, take: AUDIT_PAGE }),
  ]);
  const names = await namesOf(entries.flatMap((e) => [e.actorId, e.officerId]));
  return {
    total,
    page,
    pages: Math.max(1, Math.ceil(total / AUDIT_PAGE)),
    entries: entries.map((e) => ({ ...e, label: auditActionLabel(e.action), actorName: e.actorId ? names.get(e.actorId) ?? "Unknown" : "System", officerName: e.officerId ? names.get(e.officerId) ?? null : null })),
  };
}
