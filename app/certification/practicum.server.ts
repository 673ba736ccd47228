// The practicum log: officers record real facilitations; supervisors confirm them or return them with a comment.
import { recordAudit } from "../audit/audit.server";
import type { SessionUser } from "../auth/roles";
import { prisma } from "../db/db.server";
import { Prisma } from "../db/generated/client";
import { DomainError } from "../errors";
import { notify } from "../notifications/notify.server";
import { supervisorsOfOfficer } from "../notifications/recipients.server";
import { findSupervisedOfficer } from "../supervision/scope.server";
import { recomputeStandings } from "./evidence.server";
import { followUpOpen, type FollowUpInput, outcomeColumns, type PracticumInput } from "./practicum";

export { PracticumInput, PRACTICUM_ROLES, PROCESS_TYPES } from "./practicum";

/** Logs an entry; a resent form (same key) is recorded once. */
export async function submitPracticum(officer: SessionUser, input: PracticumInput) {
  try {
    return await prisma.$transaction(async (tx) => {
      const entry = await tx.practicumEntry.create({
        data: {
          officerId: officer.id,
          date: new Date(`${input.date}T00:00:00Z`),
          kind: input.kind,
          processType: input.processType,
          role: input.role,
          participantCount: input.participantCount,
          outcome: input.outcome,
          submissionKey: input.submissionKey,
          // An empty part is stored as null, so "has a log" means the same for new and migrated entries.
          logWhatHappened: input.logWhatHappened || null,
          logWentWell: input.logWentWell || null,
          logWouldChange: input.logWouldChange || null,
          logSupportNeeded: input.logSupportNeeded || null,
          ...outcomeColumns(input),
        },
        select: { id: true },
      });
      await notify(tx, await supervisorsOfOfficer(tx, officer.id), {
        kind: "practicum_to_confirm",
        title: `${officer.name} logged practicum to confirm`,
        body: `${officer.name} logged a practicum entry (${input.date}). Confirm it, or return it with a comment.`,
        link: `/supervisor/officers/${officer.id}`,
        dedupeKey: `practicum:${entry.id}`,
      });
      return entry;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const existing = await prisma.practicumEntry.findUnique({
        where: { submissionKey: input.submissionKey },
        select: { id: true, officerId: true },
      });
      if (existing?.officerId === officer.id) return { id: existing.id };
      throw new DomainError("conflict", "This form was already used. Reload the page and log the entry again.");
    }
    throw error;
  }
}

export async function practicumOf(officerId: string, now = new Date()) {
  const entries = await prisma.practicumEntry.findMany({
    where: { officerId },
    orderBy: { date: "desc" },
    select: {
      id: true,
      date: true,
      kind: true,
      processType: true,
      role: true,
      participantCount: true,
      outcome: true,
      reflection: true,
      logWhatHappened: true,
      logWentWell: true,
      logWouldChange: true,
      logSupportNeeded: true,
      status: true,
      reviewComment: true,
      reviewedAt: true,
      agreementReached: true,
      agreementKept: true,
      harmedPartySatisfaction: true,
      responsiblePartySatisfaction: true,
      followUpOn: true,
    },
  });
  return entries.map((e) => ({ ...e, followUpOpen: followUpOpen(e, now) }));
}

/**
 * The officer records whether the agreement of one of their own entries was kept, on or after its follow-up date.
 * The same answer again changes nothing; another answer corrects it. Returns null when the entry is not theirs.
 */
export async function recordFollowUp(officer: SessionUser, input: FollowUpInput, now = new Date()) {
  const entry = await prisma.practicumEntry.findUnique({
    where: { id: input.entryId },
    select: { id: true, officerId: true, status: true, agreementReached: true, agreementKept: true, followUpOn: true },
  });
  if (!entry || entry.officerId !== officer.id) return null;
  if (entry.agreementReached !== true || !entry.followUpOn)
    throw new DomainError("conflict", "This entry has no agreement with a follow-up date to record.", {
      field: "agreementKept",
    });
  if (!followUpOpen(entry, now)) {
    const message =
      entry.status === "returned"
        ? "Your supervisor returned this entry: its follow-up is not recorded."
        : `The follow-up is due on ${entry.followUpOn.toISOString().slice(0, 10)}; record it on or after that date.`;
    throw new DomainError("conflict", message, { field: "agreementKept" });
  }
  const kept = input.agreementKept === "yes";
  if (entry.agreementKept === kept) return { changed: false as const };
  await prisma.$transaction(async (tx) => {
    // Conditional on the answer read above, so two tabs answering at once record (and audit) one change each.
    const { count } = await tx.practicumEntry.updateMany({
      where: { id: entry.id, agreementKept: entry.agreementKept },
      data: { agreementKept: kept },
    });
    if (count === 0) return;
    await recordAudit(tx, {
      actorId: officer.id,
      action: "practicum.follow_up_recorded",
      subjectId: entry.id,
      officerId: officer.id,
      unitId: officer.unitId,
      before: { agreementKept: entry.agreementKept },
      after: { agreementKept: kept },
    });
  });
  return { changed: true as const };
}

export { confirmedPracticumEvidence } from "./evidence-sources.server";

/** A supervisor confirms or returns an entry of an officer in a unit they supervise. */
export async function reviewPracticum(
  reviewer: SessionUser,
  entryId: string,
  decision: "confirm" | "return",
  comment: string,
) {
  const entry = await prisma.practicumEntry.findUnique({
    where: { id: entryId },
    select: { id: true, officerId: true, status: true },
  });
  if (!entry) return null;
  const officer = await findSupervisedOfficer(reviewer, entry.officerId);
  if (!officer) return null;
  if (entry.officerId === reviewer.id) throw new DomainError("conflict", "You cannot review your own practicum.");
  if (decision === "return" && !comment.trim())
    throw new DomainError("conflict", "Say why you are returning the entry, so the officer can fix it.");
  const status = decision === "confirm" ? "confirmed" : "returned";
  if (entry.status === status) return { status };
  const now = new Date();
  await prisma.$transaction(async (tx) => {
    await tx.practicumEntry.update({
      where: { id: entryId },
      data: { status, reviewerId: reviewer.id, reviewComment: comment.trim() || null, reviewedAt: now },
    });
    await recordAudit(tx, {
      actorId: reviewer.id,
      action: decision === "confirm" ? "practicum.confirmed" : "practicum.returned",
      subjectId: entryId,
      officerId: entry.officerId,
      unitId: officer.unitId,
      before: { status: entry.status },
      after: { status, comment: comment.trim() || null },
    });
    await recomputeStandings(tx, entry.officerId, now);
  });
  return { status };
}
