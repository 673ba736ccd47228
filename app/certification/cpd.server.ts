// The CPD log: officers record development activities; a supervisor of their unit confirms or returns them,
// as with practicum. Confirmed hours count for renewal within the renewal window (status.ts).
import { recordAudit } from "../audit/audit.server";
import type { SessionUser } from "../auth/roles";
import { prisma } from "../db/db.server";
import { Prisma } from "../db/generated/client";
import { DomainError } from "../errors";
import { findSupervisedOfficer } from "../supervision/scope.server";
import type { CpdInput } from "./cpd";
import { recomputeStandings } from "./evidence.server";

/** A refusal the person can act on (409). */

/** Logs an activity (audited); a resent form (same key) is recorded once. */
export async function submitCpd(officer: SessionUser, input: CpdInput) {
  const repeat = await prisma.cpdActivity.findUnique({
    where: { submissionKey: input.submissionKey },
    select: { id: true, officerId: true },
  });
  if (repeat) {
    if (repeat.officerId === officer.id) return { id: repeat.id };
    throw new DomainError("conflict", "This form was already used. Reload the page and log the activity again.");
  }
  try {
    return await prisma.$transaction(async (tx) => {
      const row = await tx.cpdActivity.create({
        data: {
          officerId: officer.id,
          date: new Date(`${input.date}T00:00:00Z`),
          hours: input.hours,
          activity: input.activity,
          evidence: input.evidence,
          submissionKey: input.submissionKey,
        },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: officer.id,
        action: "cpd.logged",
        subjectId: row.id,
        officerId: officer.id,
        unitId: officer.unitId ?? null,
        after: { date: input.date, hours: input.hours, activity: input.activity },
      });
      return row;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new DomainError("conflict", "This form was already used. Reload the page and log the activity again.");
    throw error;
  }
}

export function cpdOf(officerId: string) {
  return prisma.cpdActivity.findMany({
    where: { officerId },
    orderBy: { date: "desc" },
    select: {
      id: true,
      date: true,
      hours: true,
      activity: true,
      evidence: true,
      status: true,
      reviewComment: true,
      reviewedAt: true,
    },
  });
}

/** A supervisor of the officer's unit confirms or returns an activity; null when it is not theirs to review (404). */
export async function reviewCpd(
  reviewer: SessionUser,
  activityId: string,
  decision: "confirm" | "return",
  comment: string,
) {
  const row = await prisma.cpdActivity.findUnique({
    where: { id: activityId },
    select: { id: true, officerId: true, status: true },
  });
  if (!row) return null;
  const officer = await findSupervisedOfficer(reviewer, row.officerId);
  if (!officer) return null;
  if (row.officerId === reviewer.id) throw new DomainError("conflict", "You cannot review your own development log.");
  if (decision === "return" && !comment.trim())
    throw new DomainError("conflict", "Say why you are returning the activity, so the officer can fix it.");
  const status = decision === "confirm" ? "confirmed" : "returned";
  if (row.status === status) return { status };
  const now = new Date();
  await prisma.$transaction(async (tx) => {
    await tx.cpdActivity.update({
      where: { id: activityId },
      data: { status, reviewerId: reviewer.id, reviewComment: comment.trim() || null, reviewedAt: now },
    });
    await recordAudit(tx, {
      actorId: reviewer.id,
      action: decision === "confirm" ? "cpd.confirmed" : "cpd.returned",
      subjectId: activityId,
      officerId: row.officerId,
      unitId: officer.unitId,
      before: { status: row.status },
      after: { status, comment: comment.trim() || null },
    });
    await recomputeStandings(tx, row.officerId, now);
  });
  return { status };
}
