// The role-aware home page: for each role, the few things worth doing next.
import type { SessionUser } from "../auth/roles";
import { can } from "../auth/roles";
import { standingsOf } from "../certification/evidence.server";
import { observationsAwaitingResponse } from "../certification/observations.server";
import { allPrograms } from "../certification/programs.server";
import { STATUS_LABELS } from "../certification/status";
import { expiringWithinSql, readyForSignOffSql } from "../certification/validity-sql.server";
import { prisma } from "../db/db.server";
import { Prisma } from "../db/generated/client";
import { moduleCatalogue } from "../modules/views.server";
import { failedAssessmentCount } from "../certification/assessments.server";
import { listDraftsForCommunityReview } from "../studio/community-review.server";
import { countDraftsToReview } from "../studio/drafts.server";
import { supervisedUnitIds } from "../supervision/scope.server";

/** The supervisor's "expiring within" line counts this many days, the same as the roster filter it links to. */
const EXPIRING_LINK_DAYS = 60;

export async function homeSummary(user: SessionUser, now = new Date()) {
  const lines: { text: string; to: string }[] = [];
  if (can(user.role, "certification:own")) {
    const [catalogue, open, standings] = await Promise.all([
      moduleCatalogue(user),
      prisma.attempt.findMany({ where: { userId: user.id, status: "in_progress" }, select: { id: true, scenarioSlug: true, scenarioVersion: { select: { title: true } } }, take: 3 }),
      standingsOf(user.id, now),
    ]);
    const next = catalogue.items.find((i) => i.slug === catalogue.next);
    if (next) lines.push({ text: `Next module: ${next.title}`, to: `/modules/${next.slug}` });
    for (const a of open) lines.push({ text: `Resume the role-play: ${a.scenarioVersion.title}`, to: `/scenarios/${a.scenarioSlug}/attempts/${a.id}` });
    for (const program of allPrograms()) {
      const s = standings.get(program.slug);
      if (s && s.status !== "not_started") lines.push({ text: `${program.title}: ${STATUS_LABELS[s.status]}${s.nextStep ? `. ${s.nextStep}` : ""}`, to: "/certification" });
    }
    const toAnswer = await observationsAwaitingResponse(user.id);
    if (toAnswer) lines.push({ text: `${toAnswer} observation(s) of your facilitation waiting for your response`, to: "/certification" });
  }
  if (can(user.role, "officers:supervise")) {
    const units = await supervisedUnitIds(user);
    if (units.length) {
      const [waiting] = await prisma.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM PracticumEntry p JOIN User u ON u.id = p.officerId WHERE p.status = 'submitted' AND u.unitId IN (${Prisma.join(units)})`;
      const [ready] = await prisma.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM OfficerStanding s WHERE s.unitId IN (${Prisma.join(units)}) AND ${readyForSignOffSql(now)}`;
      const [expiring] = await prisma.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM OfficerStanding s WHERE s.unitId IN (${Prisma.join(units)}) AND ${expiringWithinSql(now, EXPIRING_LINK_DAYS)}`;
      if (Number(ready?.n)) lines.push({ text: `${ready!.n} certification(s) ready for your sign-off`, to: "/supervisor?status=ready_for_sign_off" });
      if (Number(waiting?.n)) lines.push({ text: `${waiting!.n} practicum entr${Number(waiting!.n) === 1 ? "y" : "ies"} waiting for confirmation`, to: "/supervisor" });
      if (Number(expiring?.n)) lines.push({ text: `${expiring!.n} certification(s) expiring within ${EXPIRING_LINK_DAYS} days`, to: `/supervisor?expiringWithin=${EXPIRING_LINK_DAYS}` });
    }
  }
  if (can(user.role, "assessments:authorize")) {
    const waiting = await failedAssessmentCount(user);
    if (waiting) lines.push({ text: `${waiting} officer(s) with a failed assessment waiting for a retake decision`, to: "/assessments" });
  }
  if (can(user.role, "studio:use")) {
    const review = await countDraftsToReview(user);
    if (review) lines.push({ text: `${review} draft(s) waiting for your review`, to: "/studio" });
  }
  if (can(user.role, "studio:community-review")) {
    const { waiting } = await listDraftsForCommunityReview(user);
    if (waiting.length) lines.push({ text: `${waiting.length} draft(s) waiting for your community review`, to: "/studio/community" });
  }
  return lines;
}
