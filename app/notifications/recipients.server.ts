// Who is told about what: the supervisors of an officer's unit, the trainers who may review a draft.
import type { Tx } from "../db/db.server";

/** Supervisors who supervise the officer's unit (and not the officer themselves). */
export async function supervisorsOfOfficer(tx: Tx, officerId: string): Promise<string[]> {
  const officer = await tx.user.findUnique({ where: { id: officerId }, select: { unitId: true } });
  if (!officer?.unitId) return [];
  const rows = await tx.supervisedUnit.findMany({
    where: { unitId: officer.unitId, supervisorId: { not: officerId } },
    select: { supervisorId: true },
  });
  return rows.map((row) => row.supervisorId);
}

/** Trainers and admins of the agency other than the author: the people who may review a submitted draft. */
export async function reviewersOfDraft(tx: Tx, agencyId: string, authorId: string): Promise<string[]> {
  const rows = await tx.user.findMany({
    where: { agencyId, role: { in: ["trainer", "admin"] }, id: { not: authorId } },
    select: { id: true },
  });
  return rows.map((row) => row.id);
}
