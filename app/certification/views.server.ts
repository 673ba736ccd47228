// Page data for certification: the officer's own view and a supervisor's view of one officer.
import { auditEntryLabel, describeAuditValue, formatTimestamp } from "../audit/format";
import type { SessionUser } from "../auth/roles";
import { prisma } from "../db/db.server";
import { publishedModules } from "../modules/catalog.server";
import { latestVersions } from "../scenarios/library.server";
import { attemptsPage, competencyProfile, type AttemptCursor } from "../supervision/attempts.server";
import { findSupervisedOfficer } from "../supervision/scope.server";
import { namesOf } from "../users/names.server";
import { certificationAuditNames } from "./audit-names.server";
import { standingsOf } from "./evidence.server";
import { practicumOf } from "./practicum.server";
import { renewalRules, statusLine } from "./presentation";
import { allPrograms } from "./programs.server";
import { findRubric } from "./rubrics.server";
import { canSignOff, type Requirement, type StandingNames } from "./status";

async function titles() {
  const [modules, scenarios] = await Promise.all([publishedModules(), latestVersions()]);
  return {
    module: new Map(modules.map((m) => [m.slug, m.compiled.frontmatter.title])),
    scenario: new Map(scenarios.map((s) => [s.scenarioSlug, s.title])),
  };
}

/** Titles for everything a next step can name, so no page shows a slug. */
export async function certificationNames(): Promise<StandingNames> {
  const t = await titles();
  return namesFrom(t);
}

function namesFrom(t: Awaited<ReturnType<typeof titles>>): StandingNames {
  const programTitle = new Map(allPrograms().map((p) => [p.slug, p.title]));
  return {
    module: (slug) => t.module.get(slug) ?? slug,
    scenario: (slug) => t.scenario.get(slug) ?? slug,
    program: (slug) => programTitle.get(slug) ?? slug,
    rubric: (slug) => findRubric(slug)?.title ?? slug,
  };
}

/** A requirement with the titles to show: its own, and for a role-play requirement each pool scenario's. */
export type RequirementView = Requirement & { title: string; scenarioTitles: Record<string, string> };

async function programViews(officerId: string, now: Date, t: Awaited<ReturnType<typeof titles>>) {
  const [standings, signOffs] = await Promise.all([
    standingsOf(officerId, now, namesFrom(t)),
    prisma.signOff.findMany({
      where: { officerId },
      orderBy: { signedAt: "desc" },
      select: {
        id: true,
        programSlug: true,
        signedAt: true,
        validUntil: true,
        revokedAt: true,
        revokeReason: true,
        kind: true,
        comment: true,
        verificationCode: true,
      },
    }),
  ]);
  const programs = allPrograms();
  const programTitle = new Map(programs.map((p) => [p.slug, p.title]));
  const titled = (r: Requirement): RequirementView => ({
    ...r,
    title:
      r.kind === "module"
        ? (t.module.get(r.slug) ?? r.slug)
        : r.kind === "scenario"
          ? r.skill
          : r.kind === "program"
            ? (programTitle.get(r.slug) ?? r.slug)
            : r.kind === "held_program"
              ? (programTitle.get(r.slug) ?? r.slug)
              : r.kind === "observation"
                ? r.description
                : r.kind === "practicum"
                  ? r.description
                  : r.kind === "case_studies"
                    ? r.description
                    : r.kind === "formal_processes"
                      ? "Formal restorative processes this year"
                      : r.kind === "cpd"
                        ? "Continuing professional development"
                        : "Supervisor sign-off",
    scenarioTitles:
      r.kind === "scenario" ? Object.fromEntries(r.pool.map((slug) => [slug, t.scenario.get(slug) ?? slug])) : {},
  });
  return programs.map((program) => {
    const s = standings.get(program.slug)!;
    const requirements = s.requirements.map(titled);
    const line = statusLine(s.status, requirements);
    return {
      slug: program.slug,
      title: program.title,
      summary: program.summary,
      status: line.status,
      statusLabel: line.label,
      validUntil: s.validUntil,
      nextStep: s.nextStep,
      revokeReason: s.revokeReason,
      requirements,
      renewal: s.renewal && {
        opensAt: s.renewal.opensAt,
        dueBy: s.validUntil,
        met: s.renewal.met,
        requirements: s.renewal.requirements.map(titled),
        rules: renewalRules(program, (slug) => t.module.get(slug) ?? slug),
      },
      canSignOff: canSignOff(s, now),
      signOffs: signOffs.filter((o) => o.programSlug === program.slug),
    };
  });
}

export async function officerCertification(officer: SessionUser, now = new Date()) {
  const [programs, practicum] = await Promise.all([
    titles().then((t) => programViews(officer.id, now, t)),
    practicumOf(officer.id),
  ]);
  return { programs, practicum };
}

/** Everything a supervisor sees of one officer; null when the officer is not in their units. */
export async function supervisedOfficerRecord(
  supervisor: SessionUser,
  officerId: string,
  attemptCursor: AttemptCursor | null = null,
  now = new Date(),
) {
  const officer = await findSupervisedOfficer(supervisor, officerId);
  if (!officer) return null;
  const t = await titles();
  const [programs, practicum, modules, audit] = await Promise.all([
    programViews(officerId, now, t),
    practicumOf(officerId),
    prisma.moduleProgress.findMany({
      where: { userId: officerId, status: "passed" },
      orderBy: { passedAt: "asc" },
      select: { moduleSlug: true, passedAt: true, bestScore: true },
    }),
    prisma.auditEntry.findMany({ where: { officerId }, orderBy: { at: "desc" }, take: 100 }),
  ]);
  const actors = await namesOf(audit.map((a) => a.actorId));
  const auditNames = certificationAuditNames();
  return {
    officer: { id: officer.id, name: officer.name, email: officer.email, unitName: officer.unit?.name ?? null },
    programs,
    practicum,
    attempts: await attemptsPage(officerId, attemptCursor),
    modules: modules.map((m) => ({ ...m, title: t.module.get(m.moduleSlug) ?? m.moduleSlug })),
    competencyProfile: await competencyProfile(officerId),
    audit: audit.map((a) => ({
      ...a,
      label: auditEntryLabel(a.action, a.after, auditNames),
      when: formatTimestamp(a.at),
      afterText: describeAuditValue(a.after, auditNames),
      actorName: a.actorId ? (actors.get(a.actorId) ?? "Unknown") : "System",
    })),
  };
}

/**
 * What the module page says about renewal: for each program the officer holds whose renewal asks for this
 * module's check, when a pass counts from and whether the officer has one.
 */
export async function moduleRenewalNotes(officerId: string, moduleSlug: string, now = new Date()) {
  const programs = allPrograms().filter((p) => p.renewal.modules.includes(moduleSlug));
  if (!programs.length) return [];
  const standings = await standingsOf(officerId, now);
  return programs.flatMap((program) => {
    const s = standings.get(program.slug);
    const held = s?.renewal && s.validUntil && s.status !== "revoked";
    if (!held) return [];
    const req = s.renewal!.requirements.find((r) => r.kind === "module" && r.slug === moduleSlug);
    const passedAt = req?.kind === "module" ? req.passedAt : null;
    return [
      {
        programTitle: program.title,
        opensAt: s.renewal!.opensAt,
        dueBy: s.validUntil!,
        open: now >= s.renewal!.opensAt,
        counted: passedAt,
      },
    ];
  });
}
