// Reading the audit trail: supervisors see entries about officers in their units; admins, their agency (studio
// content included: those entries have no unit and are their actor's agency's).
import { auditEntryLabel, describeAuditValue, formatTimestamp, type AuditNames } from "../audit/format";
import type { SessionUser } from "../auth/roles";
import { prisma } from "../db/db.server";
import { namesOf } from "../users/names.server";
import { supervisedUnitIds } from "./scope.server";

export const AUDIT_PAGE = 100;

/** `codes` turns the codes in entries into words (certification/audit-names.server.ts). */
export async function auditTrail(viewer: SessionUser, page: number, codes?: AuditNames) {
  const units = await supervisedUnitIds(viewer);
  const agencyPeople = async () =>
    (await prisma.user.findMany({ where: { agencyId: viewer.agencyId }, select: { id: true } })).map((u) => u.id);
  // Entries with no unit (about accounts without one) belong to the agency of whoever made them, not to every admin.
  const where =
    viewer.role === "admin"
      ? { OR: [{ unitId: { in: units } }, { unitId: null, actorId: { in: await agencyPeople() } }] }
      : {
          officerId: {
            in: (
              await prisma.user.findMany({ where: { unitId: { in: units }, role: "officer" }, select: { id: true } })
            ).map((u) => u.id),
          },
        };
  const [total, entries] = await Promise.all([
    prisma.auditEntry.count({ where }),
    prisma.auditEntry.findMany({ where, orderBy: { at: "desc" }, skip: (page - 1) * AUDIT_PAGE, take: AUDIT_PAGE }),
  ]);
  const names = await namesOf(entries.flatMap((e) => [e.actorId, e.officerId]));
  return {
    total,
    page,
    pages: Math.max(1, Math.ceil(total / AUDIT_PAGE)),
    entries: entries.map((e) => ({
      ...e,
      label: auditEntryLabel(e.action, e.after, codes),
      when: formatTimestamp(e.at),
      beforeText: describeAuditValue(e.before, codes),
      afterText: describeAuditValue(e.after, codes),
      actorName: e.actorId ? (names.get(e.actorId) ?? "Unknown") : "System",
      officerName: e.officerId ? (names.get(e.officerId) ?? null) : null,
    })),
  };
}
