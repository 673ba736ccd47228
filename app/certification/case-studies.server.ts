// Written case studies (Level 2): the officer writes and maps a case; an assessor (the `observations:record`
// grant, scoped as for observations) accepts it or returns it with a comment. Accepted, it is a record: no edits.
import { recordAudit } from "../audit/audit.server";
import type { SessionUser } from "../auth/roles";
import { prisma } from "../db/db.server";
import { Prisma } from "../db/generated/client";
import { DomainError } from "../errors";
import { assessableOfficersWhere, findAssessableOfficer } from "../supervision/assessors.server";
import { mappingOf, type CaseStudyInput, type CompetencyMapping } from "./case-study";
import { recomputeStandings } from "./evidence.server";

/** A refusal the person can act on (409). */

const REUSED_FORM = "This form was already used. Reload the page and submit the case study again.";

function fieldsOf(input: CaseStudyInput) {
  return {
    title: input.title,
    narrative: input.narrative,
    whatIDid: input.whatIDid,
    whatILearned: input.whatILearned,
    competencyMap: JSON.stringify(mappingOf(input)),
  };
}

/** Submits a new case study (audited); a resent form (same key) is recorded once. */
export async function submitCaseStudy(officer: SessionUser, input: CaseStudyInput) {
  const repeat = await prisma.caseStudy.findUnique({
    where: { submissionKey: input.submissionKey },
    select: { id: true, officerId: true },
  });
  if (repeat) {
    if (repeat.officerId === officer.id) return { id: repeat.id };
    throw new DomainError("conflict", REUSED_FORM);
  }
  try {
    return await prisma.$transaction(async (tx) => {
      const row = await tx.caseStudy.create({
        data: { officerId: officer.id, submissionKey: input.submissionKey, ...fieldsOf(input) },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: officer.id,
        action: "case_study.submitted",
        subjectId: row.id,
        officerId: officer.id,
        unitId: officer.unitId ?? null,
        after: {
          title: input.title,
          competencies: mappingOf(input)
            .map((m) => m.competency)
            .join(", "),
        },
      });
      return row;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new DomainError("conflict", REUSED_FORM);
    throw error;
  }
}

/** The officer rewrites a case study not yet accepted and submits it again; null when it is not theirs (404). */
export async function reviseCaseStudy(officer: SessionUser, caseStudyId: string, input: CaseStudyInput) {
  const row = await prisma.caseStudy.findFirst({
    where: { id: caseStudyId, officerId: officer.id },
    select: { id: true, status: true },
  });
  if (!row) return null;
  if (row.status === "accepted")
    throw new DomainError(
      "conflict",
      "This case study has been accepted and is now part of your record; it cannot be changed.",
    );
  await prisma.$transaction(async (tx) => {
    // The status condition closes the race with an assessor accepting it at the same moment.
    const { count } = await tx.caseStudy.updateMany({
      where: { id: caseStudyId, status: { not: "accepted" } },
      data: { ...fieldsOf(input), status: "submitted" },
    });
    if (!count) throw new DomainError("conflict", "This case study has just been accepted; it cannot be changed.");
    await recordAudit(tx, {
      actorId: officer.id,
      action: "case_study.revised",
      subjectId: caseStudyId,
      officerId: officer.id,
      unitId: officer.unitId ?? null,
      before: { status: row.status },
      after: { status: "submitted", title: input.title },
    });
  });
  return { id: caseStudyId };
}

const CASE_STUDY_SELECT = {
  id: true,
  title: true,
  narrative: true,
  whatIDid: true,
  whatILearned: true,
  competencyMap: true,
  status: true,
  reviewComment: true,
  reviewedAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

function withMapping<T extends { competencyMap: string }>({ competencyMap, ...row }: T) {
  return { ...row, competencies: JSON.parse(competencyMap) as CompetencyMapping[] };
}

/** An officer's case studies, newest first. */
export async function caseStudiesOf(officerId: string) {
  const rows = await prisma.caseStudy.findMany({
    where: { officerId },
    orderBy: { createdAt: "desc" },
    select: CASE_STUDY_SELECT,
  });
  return rows.map(withMapping);
}

/** Case studies waiting for this assessor's decision, from the officers they may assess. */
export async function caseStudiesToReview(assessor: SessionUser) {
  const where = await assessableOfficersWhere(assessor);
  if (!where) return [];
  const rows = await prisma.caseStudy.findMany({
    where: { status: "submitted", officer: where },
    orderBy: { updatedAt: "asc" },
    take: 200,
    select: { ...CASE_STUDY_SELECT, officer: { select: { id: true, name: true } } },
  });
  return rows.map(withMapping);
}

/** An assessor accepts or returns a submitted case study; null when it is not theirs to review (404). */
export async function reviewCaseStudy(
  assessor: SessionUser,
  caseStudyId: string,
  decision: "accept" | "return",
  comment: string,
) {
  const row = await prisma.caseStudy.findUnique({
    where: { id: caseStudyId },
    select: { id: true, officerId: true, status: true },
  });
  if (!row) return null;
  const officer = await findAssessableOfficer(assessor, row.officerId);
  if (!officer) return null;
  if (decision === "return" && !comment.trim())
    throw new DomainError("conflict", "Say why you are returning the case study, so the officer can revise it.");
  const status = decision === "accept" ? "accepted" : "returned";
  // The same decision again (a second click, a second assessor) changes nothing, as with CPD.
  if (row.status === status) return { status };
  if (row.status !== "submitted")
    throw new DomainError(
      "conflict",
      row.status === "accepted"
        ? "This case study has already been accepted; it cannot be returned."
        : "This case study was returned; it can be reviewed again once the officer resubmits it.",
    );
  const now = new Date();
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.caseStudy.updateMany({
      where: { id: caseStudyId, status: "submitted" },
      data: { status, reviewerId: assessor.id, reviewComment: comment.trim() || null, reviewedAt: now },
    });
    if (!count)
      throw new DomainError("conflict", "Another assessor has just reviewed this case study; reload to see it.");
    await recordAudit(tx, {
      actorId: assessor.id,
      action: decision === "accept" ? "case_study.accepted" : "case_study.returned",
      subjectId: caseStudyId,
      officerId: row.officerId,
      unitId: officer.unitId,
      before: { status: row.status },
      after: { status, comment: comment.trim() || null },
    });
    await recomputeStandings(tx, row.officerId, now);
  });
  return { status };
}
