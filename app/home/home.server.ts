// The role-aware home page: for each role, the few things worth doing next.
import type { SessionUser } from "../auth/roles";
import { can } from "../auth/roles";
import { failedAssessmentCount } from "../certification/assessments.server";
import { standingsOf } from "../certification/evidence.server";
import { observationsAwaitingResponse } from "../certification/observations.server";
import { statusLine } from "../certification/presentation";
import { allPrograms } from "../certification/programs.server";
import { certificationNames } from "../certification/views.server";
import { prisma } from "../db/db.server";
import { moduleCatalogue } from "../modules/views.server";
import { listDraftsForCommunityReview } from "../studio/community-review.server";
import { countDraftsToReview } from "../studio/drafts.server";

export async function homeSummary(user: SessionUser, now = new Date()) {
  const lines: { text: string; to: string }[] = [];
  if (can(user.role, "certification:own")) {
    const names = await certificationNames();
    const [catalogue, open, standings] = await Promise.all([
      moduleCatalogue(user),
      prisma.attempt.findMany({
        where: { userId: user.id, status: "in_progress" },
        select: { id: true, scenarioSlug: true, scenarioVersion: { select: { title: true } } },
        take: 3,
      }),
      standingsOf(user.id, now, names),
    ]);
    const next = catalogue.items.find((i) => i.slug === catalogue.next);
    if (next) lines.push({ text: `Next module: ${next.title}`, to: `/modules/${next.slug}` });
    for (const a of open)
      lines.push({
        text: `Resume the role-play: ${a.scenarioVersion.title}`,
        to: `/scenarios/${a.scenarioSlug}/attempts/${a.id}`,
      });
    for (const program of allPrograms()) {
      const s = standings.get(program.slug);
      if (!s) continue;
      const line = statusLine(
        s.status,
        s.requirements.map((r) => ({ ...r, title: r.kind === "program" ? names.program(r.slug) : "" })),
      );
      if (line.status === "not_started") continue;
      // Renewal under way: say so, and link to what it needs.
      const renewing = s.renewal && now >= s.renewal.opensAt && !s.renewal.met && s.status !== "revoked";
      lines.push({
        text: `${program.title}: ${line.label}${renewing && s.validUntil ? `, renewal due by ${s.validUntil.toISOString().slice(0, 10)}` : ""}${s.nextStep ? `. ${s.nextStep}` : ""}`,
        to: renewing ? `/certification#renewal-${program.slug}` : `/certification#program-${program.slug}`,
      });
    }
    const toAnswer = await observationsAwaitingResponse(user.id);
    if (toAnswer)
      lines.push({
        text: `${toAnswer} observation(s) of your facilitation waiting for your response`,
        to: "/certification",
      });
  }
  if (can(user.role, "assessments:authorize")) {
    const waiting = await failedAssessmentCount(user);
    if (waiting)
      lines.push({
        text: `${waiting} officer(s) with a failed assessment waiting for a retake decision`,
        to: "/assessments",
      });
  }
  if (can(user.role, "studio:use")) {
    const review = await countDraftsToReview(user);
    if (review) lines.push({ text: `${review} draft(s) waiting for your review`, to: "/studio" });
  }
  if (can(user.role, "studio:community-review")) {
    const { waiting } = await listDraftsForCommunityReview(user);
    if (waiting.length)
      lines.push({ text: `${waiting.length} draft(s) waiting for your community review`, to: "/studio/community" });
  }
  return lines;
}
