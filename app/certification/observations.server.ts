// Observed assessment: an assessor records an observation of an officer against a rubric, a second assessor
// may add an independent scoring, the officer responds once. Every change is audited; nothing is deleted.
import { recordAudit } from "../audit/audit.server";
import type { SessionUser } from "../auth/roles";
import { prisma, type Tx } from "../db/db.server";
import { Prisma } from "../db/generated/client";
import { DomainError } from "../errors";
import { notify } from "../notifications/notify.server";
import { assessableOfficers, assessableOfficersWhere, findAssessableOfficer } from "../supervision/assessors.server";
import { findSupervisedOfficer } from "../supervision/scope.server";
import { namesOf } from "../users/names.server";
import { recordXapi } from "../xapi/outbox.server";
import { observationScored } from "./events.server";
import { recomputeStandings } from "./evidence.server";
import {
  observationAccess,
  compareScorings,
  ObservationHeader,
  parseScoring,
  type CriterionLevel,
  type Scoring,
} from "./observation";
import { isPracticumKind, PRACTICUM_KIND_LABELS, type PracticumKind } from "./practicum";
import { allRubrics, findRubric } from "./rubrics.server";

/** A refusal the person can act on (409): already scored, already responded, rubric changed. */

type Saved = { ok: true; id: string } | { ok: false; errors: Record<string, string> };

/** What the "record an observation" form offers this assessor. */
export async function observationFormOptions(assessor: SessionUser) {
  const officers = await assessableOfficers(assessor);
  return {
    officers: officers.map((o) => ({ id: o.id, name: o.name, unitName: o.unit?.name ?? null })),
    rubrics: allRubrics().map((r) => ({
      slug: r.slug,
      title: r.title,
      summary: r.summary,
      appliesTo: r.appliesTo,
      criteria: r.criteria,
    })),
  };
}

/** The posted form, checked: every problem at once; null when the officer named is not theirs to observe. */
async function readObservationForm(assessor: SessionUser, raw: Record<string, unknown>) {
  const header = ObservationHeader.safeParse(raw);
  const errors: Record<string, string> = {};
  if (!header.success) for (const issue of header.error.issues) errors[String(issue.path[0])] ??= issue.message;
  const officerId = typeof raw.officerId === "string" ? raw.officerId : "";
  const officer = officerId ? await findAssessableOfficer(assessor, officerId) : null;
  if (officerId && !officer) return null;
  const rubric = typeof raw.rubric === "string" ? findRubric(raw.rubric) : null;
  if (!rubric) errors.rubric = "Choose one of the rubrics offered.";
  else if (isPracticumKind(raw.processKind) && !rubric.appliesTo.includes(raw.processKind))
    errors.processKind = wrongKind(rubric.title, rubric.appliesTo);
  const scoring = rubric ? parseScoring(rubric.criteria, raw) : null;
  if (scoring && !scoring.ok) Object.assign(errors, scoring.errors);
  if (!header.success || !officer || !rubric || !scoring?.ok || Object.keys(errors).length)
    return { ok: false as const, errors };
  return { ok: true as const, input: header.data, officer, rubric, scoring: scoring.value };
}

/** Records an observation with the assessor's scoring; null when the officer is not theirs to observe (404). */
export async function recordObservation(assessor: SessionUser, raw: Record<string, unknown>): Promise<Saved | null> {
  const form = await readObservationForm(assessor, raw);
  if (!form?.ok) return form;
  const { input, officer, rubric, scoring } = form;
  const repeat = await prisma.observation.findUnique({
    where: { submissionKey: input.submissionKey },
    select: { id: true, recordedById: true },
  });
  if (repeat) {
    if (repeat.recordedById === assessor.id) return { ok: true, id: repeat.id };
    throw new DomainError("conflict", "This form was already used. Reload the page and record the observation again.");
  }
  const id = await prisma.$transaction(async (tx) => {
    const observation = await tx.observation.create({
      data: {
        agencyId: assessor.agencyId,
        officerId: officer.id,
        observedOn: new Date(`${input.observedOn}T00:00:00Z`),
        setting: input.setting,
        processKind: input.processKind,
        rubricSlug: rubric.slug,
        rubricTitle: rubric.title,
        rubricHash: rubric.hash,
        recordedById: assessor.id,
        submissionKey: input.submissionKey,
      },
      select: { id: true },
    });
    await saveScoring(tx, observation.id, 1, assessor.id, scoring);
    await recordAudit(tx, {
      actorId: assessor.id,
      action: "observation.recorded",
      subjectId: observation.id,
      officerId: officer.id,
      unitId: officer.unitId,
      after: {
        rubric: rubric.slug,
        setting: input.setting,
        processKind: input.processKind,
        observedOn: input.observedOn,
      },
    });
    await recomputeStandings(tx, officer.id);
    await observationScored.announce({ tx, officerId: officer.id, at: new Date() });
    await recordXapi(tx, officer.id, {
      kind: "observation_recorded",
      observationId: observation.id,
      rubricSlug: rubric.slug,
    });
    await notify(tx, [officer.id], {
      kind: "observation_to_respond",
      title: "An observation of you is waiting for your response",
      body: `${assessor.name} recorded an observation of your facilitation (${input.observedOn}). Read it and add your response.`,
      link: `/observations/${observation.id}`,
      dedupeKey: `observation:${observation.id}`,
    });
    return observation.id;
  });
  return { ok: true, id };
}

function wrongKind(title: string, kinds: readonly PracticumKind[]): string {
  const names = kinds.map((k) => PRACTICUM_KIND_LABELS[k].replace(/ \(.*\)$/, "").toLowerCase());
  return `“${title}” is for ${names.join(" or ")}; choose another kind of process or another rubric.`;
}

async function saveScoring(tx: Tx, observationId: string, position: number, assessorId: string, scoring: Scoring) {
  await tx.observationScoring.create({
    data: {
      observationId,
      position,
      assessorId,
      overall: scoring.overall,
      comment: scoring.comment,
      criteria: {
        create: scoring.levels.map((c, position) => ({
          criterionId: c.criterionId,
          position,
          criterionTitle: c.criterionTitle,
          competency: c.competency,
          level: c.level,
          evidence: c.evidence,
        })),
      },
    },
  });
}

/** A second assessor's independent scoring; null when the observation is not theirs to score. */
export async function addSecondScoring(
  assessor: SessionUser,
  observationId: string,
  raw: Record<string, unknown>,
): Promise<Saved | null> {
  const observation = await prisma.observation.findFirst({
    where: { id: observationId, agencyId: assessor.agencyId },
    select: {
      id: true,
      officerId: true,
      rubricSlug: true,
      rubricHash: true,
      scorings: { select: { assessorId: true } },
    },
  });
  if (!observation) return null;
  const officer = await findAssessableOfficer(assessor, observation.officerId);
  if (!officer) return null;
  if (observation.scorings.some((s) => s.assessorId === assessor.id))
    throw new DomainError("conflict", "You have already scored this observation.");
  if (observation.scorings.length >= 2)
    throw new DomainError("conflict", "This observation already has two independent scorings.");
  const rubric = findRubric(observation.rubricSlug);
  if (!rubric || rubric.hash !== observation.rubricHash) {
    throw new DomainError(
      "conflict",
      "The rubric has changed since this observation was recorded, so a second scoring would not be comparable.",
    );
  }
  const scoring = parseScoring(rubric.criteria, raw);
  if (!scoring.ok) return scoring;
  try {
    await prisma.$transaction(async (tx) => {
      await saveScoring(tx, observation.id, observation.scorings.length + 1, assessor.id, scoring.value);
      await recordAudit(tx, {
        actorId: assessor.id,
        action: "observation.scored",
        subjectId: observation.id,
        officerId: officer.id,
        unitId: officer.unitId,
        after: { position: observation.scorings.length + 1 },
      });
      await recomputeStandings(tx, officer.id);
      await observationScored.announce({ tx, officerId: officer.id, at: new Date() });
    });
  } catch (error) {
    // Two assessors saving at once: the unique position lets one in.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new DomainError("conflict", "Another assessor has just scored this observation; reload to see it.");
    throw error;
  }
  return { ok: true, id: observation.id };
}

/** The officer's one response; null when the observation is not theirs. */
export async function respondToObservation(officer: SessionUser, observationId: string, response: string) {
  const observation = await prisma.observation.findFirst({
    where: { id: observationId, officerId: officer.id },
    select: { id: true },
  });
  if (!observation) return null;
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.observation.updateMany({
      where: { id: observationId, officerId: officer.id, officerResponse: null },
      data: { officerResponse: response, respondedAt: new Date() },
    });
    if (!count)
      throw new DomainError(
        "conflict",
        "You have already responded to this observation; a response cannot be changed.",
      );
    await recordAudit(tx, {
      actorId: officer.id,
      action: "observation.responded",
      subjectId: observationId,
      officerId: officer.id,
      unitId: officer.unitId,
      after: { responded: true },
    });
  });
  return { ok: true as const };
}

const SCORING_SELECT = {
  position: true,
  assessorId: true,
  overall: true,
  comment: true,
  createdAt: true,
  criteria: {
    orderBy: { position: "asc" },
    select: { criterionId: true, criterionTitle: true, competency: true, level: true, evidence: true },
  },
} as const;

/** Everything the viewer may see of one observation; null when they may see none of it (404). */
export async function observationPage(viewer: SessionUser, observationId: string) {
  const o = await prisma.observation.findFirst({
    where: { id: observationId, agencyId: viewer.agencyId },
    include: {
      officer: { select: { name: true, unit: { select: { name: true } } } },
      scorings: { orderBy: { position: "asc" }, select: SCORING_SELECT },
    },
  });
  if (!o) return null;
  const isOfficer = viewer.id === o.officerId;
  const [mayAssess, mayRead] = isOfficer
    ? [false, false]
    : await Promise.all([
        findAssessableOfficer(viewer, o.officerId).then(Boolean),
        findSupervisedOfficer(viewer, o.officerId).then(Boolean),
      ]);
  const rubric = findRubric(o.rubricSlug);
  const access = observationAccess({
    isOfficer,
    mayAssess,
    mayRead,
    hasScored: o.scorings.some((s) => s.assessorId === viewer.id),
    scoringCount: o.scorings.length,
    rubricUnchanged: rubric?.hash === o.rubricHash,
    hasResponse: o.officerResponse !== null,
  });
  if (!access.visible) return null;
  const names = await namesOf([o.recordedById, ...o.scorings.map((s) => s.assessorId)]);
  const scorings = access.scoresShown
    ? o.scorings.map((s) => ({
        ...s,
        assessorName: names.get(s.assessorId) ?? "Unknown",
        criteria: s.criteria as CriterionLevel[],
      }))
    : [];
  return {
    observation: {
      id: o.id,
      officerId: o.officerId,
      officerName: o.officer.name,
      unitName: o.officer.unit?.name ?? null,
      observedOn: o.observedOn,
      setting: o.setting,
      processKind: o.processKind,
      rubricTitle: o.rubricTitle,
      recordedByName: names.get(o.recordedById) ?? "Unknown",
      createdAt: o.createdAt,
      scoringCount: o.scorings.length,
      response: access.scoresShown ? o.officerResponse : null,
      respondedAt: access.scoresShown ? o.respondedAt : null,
    },
    access,
    scorings,
    comparison: scorings.length === 2 ? compareScorings(scorings[0]!.criteria, scorings[1]!.criteria) : [],
    /** the rubric to score against, only for the assessor who may add the second scoring */
    rubric:
      access.canScore && rubric ? { title: rubric.title, summary: rubric.summary, criteria: rubric.criteria } : null,
  };
}

/** An officer's observations, newest first, without levels: the list is also shown to possible second assessors. */
export async function observationsOf(officerId: string) {
  const rows = await prisma.observation.findMany({
    where: { officerId },
    orderBy: { observedOn: "desc" },
    select: {
      id: true,
      observedOn: true,
      setting: true,
      processKind: true,
      rubricTitle: true,
      respondedAt: true,
      _count: { select: { scorings: true } },
    },
  });
  return rows.map(({ _count, ...o }) => ({ ...o, scoringCount: _count.scorings }));
}

/** An assessor's page: observations waiting for their independent scoring, and those they recorded or scored. */
export async function assessorOverview(assessor: SessionUser) {
  const where = await assessableOfficersWhere(assessor);
  if (!where) return { waiting: [], mine: [] };
  const select = {
    id: true,
    observedOn: true,
    setting: true,
    processKind: true,
    rubricTitle: true,
    rubricSlug: true,
    rubricHash: true,
    recordedById: true,
    officer: { select: { name: true } },
    _count: { select: { scorings: true } },
  } as const;
  const [candidates, mine] = await Promise.all([
    prisma.observation.findMany({
      where: { agencyId: assessor.agencyId, officer: where, scorings: { none: { assessorId: assessor.id } } },
      orderBy: { observedOn: "desc" },
      take: 200,
      select,
    }),
    prisma.observation.findMany({
      where: { agencyId: assessor.agencyId, scorings: { some: { assessorId: assessor.id } } },
      orderBy: { observedOn: "desc" },
      take: 100,
      select,
    }),
  ]);
  const current = new Map(allRubrics().map((r) => [r.slug, r.hash]));
  const names = await namesOf(candidates.map((c) => c.recordedById));
  const row = (o: (typeof mine)[number]) => ({
    id: o.id,
    observedOn: o.observedOn,
    setting: o.setting,
    processKind: o.processKind,
    rubricTitle: o.rubricTitle,
    officerName: o.officer.name,
    scoringCount: o._count.scorings,
  });
  return {
    waiting: candidates
      .filter((o) => o._count.scorings === 1 && current.get(o.rubricSlug) === o.rubricHash)
      .map((o) => ({ ...row(o), recordedByName: names.get(o.recordedById) ?? "Unknown" })),
    mine: mine.map(row),
  };
}

/** How many of the officer's observations wait for their response (for the home page). */
export function observationsAwaitingResponse(officerId: string): Promise<number> {
  return prisma.observation.count({ where: { officerId, officerResponse: null } });
}

export { observationEvidence } from "./evidence-sources.server";
