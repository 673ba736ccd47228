// An officer's standing in a program, computed from evidence and never typed in. One function serves every
// page, export and test, and it explains itself: each requirement, whether it is met, and by what.
import { assessPool, type AttemptEvidence, type PoolAssessment, type RetakeAuthorizationEvidence } from "./assessment";
import { FORMAL_PROCESS_KINDS, type ObservationRequirement, type Program, type ScenarioRequirement } from "./format";
import { observationMeets, type ObservationEvidence } from "./observation";
import { countPracticum, type PracticumEvidence, type PracticumFilter } from "./practicum";
import { levelRank, type Level } from "./rubric-format";
import { heldStatus, renewalOpensAt, validityPhase, type CertificationStatus } from "./validity";

export { STATUSES, statusFromSummary, type CertificationStatus } from "./validity";

export const STATUS_LABELS: Record<CertificationStatus, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  ready_for_sign_off: "Ready for sign-off",
  certified: "Certified",
  expiring_soon: "Expiring soon",
  expired: "Expired",
  revoked: "Revoked",
};

export interface Evidence {
  modulesPassed: { slug: string; passedAt: Date }[];
  /** every attempt, in any mode and status: whether one was a first play depends on all of them */
  attempts: AttemptEvidence[];
  retakeAuthorizations: RetakeAuthorizationEvidence[];
  /** confirmed practicum entries only */
  practicum: PracticumEvidence[];
  observations: ObservationEvidence[];
  /** confirmed continuing-professional-development activities only */
  cpd: { id: string; date: Date; hours: number }[];
  /** accepted case studies only */
  caseStudies: { id: string; title: string; acceptedAt: Date }[];
  signOffs: { id: string; signedAt: Date; validUntil: Date; revokedAt: Date | null; revokeReason: string | null }[];
  /** the officer's current status in each prerequisite program */
  programStatus: Record<string, CertificationStatus>;
  /** since when the officer has held each program they hold (its earliest sign-off not revoked); absent if not held */
  programHeldSince: Record<string, Date>;
}

export type Requirement =
  | { kind: "program"; slug: string; met: boolean }
  | {
      kind: "module";
      slug: string;
      met: boolean;
      passedAt: Date | null;
      /** passes count from here (renewal: the window's start); null: any pass */
      since: Date | null;
    }
  | {
      kind: "scenario";
      skill: string;
      pool: string[];
      minScore: number;
      competencyMinimums: ScenarioRequirement["competencyMinimums"];
      met: boolean;
      attemptId: string | null;
      slug: string | null;
      score: number | null;
      at: Date | null;
      /** attempts count from here (renewal: the window's start); null: all time */
      since: Date | null;
      /** whether it is asked for now (initial: until a valid sign-off; renewal: once the window is open) */
      inForce: boolean;
      assessment: PoolAssessment;
    }
  | {
      kind: "held_program";
      slug: string;
      months: number;
      heldSince: Date | null;
      countsFrom: Date | null;
      met: boolean;
    }
  | {
      kind: "observation";
      description: string;
      rubric: string;
      minLevel: Level;
      met: boolean;
      observationId: string | null;
      observedOn: Date | null;
      /** when not met: the officer's closest observation with this rubric and the criteria it settled below minLevel */
      closest: { id: string; observedOn: Date; below: string[]; scoringCount: number } | null;
    }
  | {
      kind: "practicum";
      description: string;
      filter: PracticumFilter;
      required: number;
      confirmed: number;
      met: boolean;
      entryIds: string[];
    }
  | { kind: "formal_processes"; required: number; confirmed: number; since: Date; met: boolean; entryIds: string[] }
  | {
      kind: "case_studies";
      description: string;
      required: number;
      accepted: number;
      met: boolean;
      caseStudyIds: string[];
    }
  | { kind: "cpd"; requiredHours: number; hours: number; since: Date; met: boolean; entryIds: string[] }
  | { kind: "sign_off"; met: boolean };

export interface ProgramStanding {
  status: CertificationStatus;
  requirements: Requirement[];
  /** requirements for renewal, counted from the start of the renewal window; null until a first sign-off */
  renewal: { opensAt: Date; requirements: Requirement[]; met: boolean } | null;
  validUntil: Date | null;
  signOffId: string | null;
  revokeReason: string | null;
  metCount: number;
  requiredCount: number;
  /** when only time stands between the officer and "ready for sign-off" (a program held long enough), the moment it passes */
  readyAt: Date | null;
  /** role-play requirements in force whose assessment failed and that wait for a retake authorization */
  awaitingRetake: number;
  nextStep: string;
}

/** How the next step names what it asks for: titles on pages (views.server.ts), slugs by default. */
export interface StandingNames {
  module(slug: string): string;
  scenario(slug: string): string;
  program(slug: string): string;
  rubric(slug: string): string;
}
const SLUG_NAMES: StandingNames = { module: (s) => s, scenario: (s) => s, program: (s) => s, rubric: (s) => s };
const day = (d: Date) => d.toISOString().slice(0, 10);

export function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

function evaluate(
  program: Program,
  evidence: Evidence,
  part: { modules: string[]; scenarios: ScenarioRequirement[] },
  since: Date | null,
  inForce: boolean,
): Requirement[] {
  const passed = new Map(evidence.modulesPassed.map((m) => [m.slug, m.passedAt]));
  const reqs: Requirement[] = [];
  for (const slug of part.modules) {
    const at = passed.get(slug) ?? null;
    const ok = at !== null && (!since || at >= since);
    reqs.push({ kind: "module", slug, met: ok, passedAt: ok ? at : null, since });
  }
  for (const req of part.scenarios) {
    const assessment = assessPool(req, evidence.attempts, evidence.retakeAuthorizations, since);
    const best = assessment.best;
    reqs.push({
      kind: "scenario",
      skill: req.skill,
      pool: req.pool,
      minScore: req.minScore,
      competencyMinimums: req.competencyMinimums,
      met: !!best,
      attemptId: best?.id ?? null,
      slug: best?.scenarioSlug ?? null,
      score: best?.score ?? null,
      at: best?.finishedAt ?? null,
      since,
      inForce,
      assessment,
    });
  }
  return reqs;
}

function observationRequirement(
  req: ObservationRequirement,
  all: readonly ObservationEvidence[],
  heldSince: Record<string, Date>,
): Requirement {
  const since = req.observedSinceProgram ? (heldSince[req.observedSinceProgram] ?? null) : null;
  const observations = req.observedSinceProgram ? all.filter((o) => since && o.observedOn >= since) : all;
  const standard = {
    minLevel: req.minLevel,
    rubricSlug: req.rubric,
    processKinds: req.processKinds,
    setting: req.setting,
  };
  const meeting =
    observations
      .filter((o) => observationMeets(o, standard))
      .sort((a, b) => b.observedOn.getTime() - a.observedOn.getTime())[0] ?? null;
  const below = (o: ObservationEvidence) =>
    Object.entries(o.settledLevels)
      .filter(([, l]) => levelRank(l) < levelRank(req.minLevel))
      .map(([c]) => c);
  const candidates = observations
    .filter((o) => o.rubricSlug === req.rubric)
    .sort((a, b) => below(a).length - below(b).length || b.observedOn.getTime() - a.observedOn.getTime());
  const closest =
    !meeting && candidates[0]
      ? {
          id: candidates[0].id,
          observedOn: candidates[0].observedOn,
          below: below(candidates[0]),
          scoringCount: candidates[0].scoringCount,
        }
      : null;
  return {
    kind: "observation",
    description: req.description,
    rubric: req.rubric,
    minLevel: req.minLevel,
    met: !!meeting,
    observationId: meeting?.id ?? null,
    observedOn: meeting?.observedOn ?? null,
    closest,
  };
}

/** The initial-only requirements beyond modules and role-plays: held programs, observed assessments, practicum. */
function evaluateInitial(program: Program, evidence: Evidence, now: Date): Requirement[] {
  const reqs: Requirement[] = program.requirements.heldPrograms.map((h) => {
    const heldSince = evidence.programHeldSince[h.program] ?? null;
    const countsFrom = heldSince && addMonths(heldSince, h.months);
    return {
      kind: "held_program",
      slug: h.program,
      months: h.months,
      heldSince,
      countsFrom,
      met: !!countsFrom && now >= countsFrom,
    };
  });
  for (const req of program.requirements.observations)
    reqs.push(observationRequirement(req, evidence.observations, evidence.programHeldSince));
  for (const req of program.requirements.practicum) {
    const filter: PracticumFilter = { kinds: req.kinds, roles: req.roles, withReflectiveLog: req.withReflectiveLog };
    const matching = evidence.practicum.filter((e) => countPracticum([e], filter) === 1);
    reqs.push({
      kind: "practicum",
      description: req.description,
      filter,
      required: req.count,
      confirmed: matching.length,
      met: matching.length >= req.count,
      entryIds: matching.map((e) => e.id),
    });
  }
  const cases = program.requirements.caseStudies;
  if (cases) {
    const accepted = evidence.caseStudies;
    reqs.push({
      kind: "case_studies",
      description: cases.description,
      required: cases.count,
      accepted: accepted.length,
      met: accepted.length >= cases.count,
      caseStudyIds: accepted.map((c) => c.id),
    });
  }
  return reqs;
}

/** Renewal's practice and development: formal processes in the year before valid-until, CPD hours in the window. */
function evaluateRenewalPractice(program: Program, evidence: Evidence, validUntil: Date, opensAt: Date): Requirement[] {
  const reqs: Requirement[] = [];
  const { formalProcessesPerYear, cpdHours } = program.renewal;
  if (formalProcessesPerYear > 0) {
    const since = addMonths(validUntil, -12);
    const formal = evidence.practicum.filter(
      (e) => e.date >= since && (FORMAL_PROCESS_KINDS as readonly string[]).includes(e.kind),
    );
    reqs.push({
      kind: "formal_processes",
      required: formalProcessesPerYear,
      confirmed: formal.length,
      since,
      met: formal.length >= formalProcessesPerYear,
      entryIds: formal.map((e) => e.id),
    });
  }
  if (cpdHours > 0) {
    const counted = evidence.cpd.filter((c) => c.date >= opensAt);
    const hours = counted.reduce((sum, c) => sum + c.hours, 0);
    reqs.push({
      kind: "cpd",
      requiredHours: cpdHours,
      hours,
      since: opensAt,
      met: hours >= cpdHours,
      entryIds: counted.map((c) => c.id),
    });
  }
  return reqs;
}

function describeAssessment(req: Extract<Requirement, { kind: "scenario" }>, names: StandingNames): string {
  const { state, open, eligible, lastFailure } = req.assessment;
  switch (state) {
    case "in_progress":
      return `Finish your assessed role-play "${names.scenario(open!.slug)}".`;
    case "awaiting_retake":
      return `Your assessed role-play "${names.scenario(lastFailure!.slug)}" was not passed: a trainer or your supervisor can authorize one more assessed attempt.`;
    case "closed":
      return `No role-play of the pool for "${req.skill}" can count any more, because each was practiced before an assessment: speak with a trainer.`;
    default:
      return `Take an assessed role-play for "${req.skill}" (${eligible.map((e) => names.scenario(e.slug)).join(" or ")}) and pass it with at least ${req.minScore}%.`;
  }
}

/** Role-play requirements in force that wait for a trainer's or supervisor's retake decision. */
function awaitingRetake(reqs: Requirement[]): number {
  return reqs.filter((r) => r.kind === "scenario" && r.inForce && r.assessment.state === "awaiting_retake").length;
}

function describeNext(reqs: Requirement[], names: StandingNames): string | null {
  const missing = reqs.find((r) => !r.met);
  if (!missing) return null;
  switch (missing.kind) {
    case "program":
      return `Hold the ${names.program(missing.slug)} certification first.`;
    case "module":
      return missing.since
        ? // A renewal asks for a fresh pass: an earlier one still shows as passed on the module page.
          `Take the knowledge check of the module "${names.module(missing.slug)}" again: for renewal, only a pass since ${day(missing.since)} counts.`
        : `Pass the knowledge check of the module "${names.module(missing.slug)}".`;
    case "scenario":
      return describeAssessment(missing, names);
    case "held_program":
      return missing.countsFrom
        ? `Hold the ${names.program(missing.slug)} certification for ${missing.months} months: this counts from ${day(missing.countsFrom)}.`
        : `Hold the ${names.program(missing.slug)} certification for ${missing.months} months.`;
    case "observation":
      return missing.closest
        ? `Be observed again against the rubric "${names.rubric(missing.rubric)}": your observation of ${day(missing.closest.observedOn)} has ${missing.closest.below.join(", ")} below ${missing.minLevel}.`
        : `Be observed by an assessor against the rubric "${names.rubric(missing.rubric)}", at ${missing.minLevel} or better on every criterion.`;
    case "practicum":
      return `Log practicum (${missing.description.replace(/\.$/, "")}): ${missing.confirmed} of ${missing.required} confirmed so far.`;
    case "case_studies":
      return `Write case studies mapped to the competencies for an assessor to accept: ${missing.accepted} of ${missing.required} accepted so far.`;
    case "formal_processes":
      return `Take part in a formal restorative process (joint meeting, indirect dialogue or circle) since ${day(missing.since)}: ${missing.confirmed} of ${missing.required} confirmed.`;
    case "cpd":
      return `Log continuing professional development since ${day(missing.since)}: ${missing.hours} of ${missing.requiredHours} hours confirmed.`;
    case "sign_off":
      return "Ask your supervisor for sign-off.";
  }
}

export function computeStanding(
  program: Program,
  evidence: Evidence,
  now: Date,
  names: StandingNames = SLUG_NAMES,
): ProgramStanding {
  const latest = [...evidence.signOffs].sort((a, b) => b.signedAt.getTime() - a.signedAt.getTime())[0] ?? null;
  const requirements: Requirement[] = [
    ...program.prerequisitePrograms.map((slug): Requirement => {
      const s = evidence.programStatus[slug];
      return { kind: "program", slug, met: s === "certified" || s === "expiring_soon" };
    }),
    ...evaluate(program, evidence, program.requirements, null, !latest || latest.revokedAt !== null),
    ...evaluateInitial(program, evidence, now),
  ];
  const allButSignOff = requirements.every((r) => r.met);
  requirements.push({ kind: "sign_off", met: latest !== null && latest.revokedAt === null });
  const metCount = requirements.filter((r) => r.met).length;
  const base = {
    requirements,
    metCount,
    requiredCount: requirements.length,
    awaitingRetake: awaitingRetake(requirements),
    readyAt: null,
  };

  if (!latest) {
    const any =
      requirements.some((r) => r.met) ||
      evidence.attempts.some((a) => a.status === "completed") ||
      evidence.modulesPassed.length > 0;
    const status: CertificationStatus = allButSignOff ? "ready_for_sign_off" : any ? "in_progress" : "not_started";
    return {
      ...base,
      readyAt: status === "in_progress" ? onlyTimeMissing(requirements) : null,
      status,
      renewal: null,
      validUntil: null,
      signOffId: null,
      revokeReason: null,
      nextStep: describeNext(requirements, names) ?? "",
    };
  }
  if (latest.revokedAt) {
    return {
      ...base,
      status: "revoked",
      renewal: null,
      validUntil: latest.validUntil,
      signOffId: latest.id,
      revokeReason: latest.revokeReason,
      nextStep: "Your certification was revoked. Speak with your supervisor about what is needed.",
    };
  }
  const opensAt = renewalOpensAt(latest.validUntil, program.renewal.windowDays);
  const renewalReqs = [
    ...evaluate(program, evidence, program.renewal, opensAt, now >= opensAt),
    ...evaluateRenewalPractice(program, evidence, latest.validUntil, opensAt),
  ];
  const renewalMet = renewalReqs.every((r) => r.met);
  const renewal = { opensAt, requirements: renewalReqs, met: renewalMet };
  const common = {
    ...base,
    awaitingRetake: awaitingRetake(renewalReqs),
    renewal,
    validUntil: latest.validUntil,
    signOffId: latest.id,
    revokeReason: null,
  };
  const status = heldStatus(validityPhase(latest.validUntil, now, program.expiringWindowDays), renewalMet);
  return { ...common, status, nextStep: heldNextStep(status, renewalReqs, renewalMet, now >= opensAt, names) };
}

function heldNextStep(
  status: CertificationStatus,
  renewalReqs: Requirement[],
  renewalMet: boolean,
  windowOpen: boolean,
  names: StandingNames,
): string {
  const signOff = "Renewal requirements are met: ask your supervisor for sign-off.";
  switch (status) {
    case "ready_for_sign_off":
      return signOff;
    case "expired":
      return describeNext(renewalReqs, names) ?? "Complete the renewal requirements.";
    case "expiring_soon":
      return renewalMet ? signOff : (describeNext(renewalReqs, names) ?? "");
    default:
      return windowOpen && !renewalMet
        ? (describeNext(renewalReqs, names) ?? "")
        : "Nothing to do until the renewal window opens.";
  }
}

/** When every unmet requirement but the sign-off is a program not yet held long enough: the moment the last one passes. */
function onlyTimeMissing(reqs: Requirement[]): Date | null {
  const unmet = reqs.filter((r) => !r.met && r.kind !== "sign_off");
  if (!unmet.length || !unmet.every((r) => r.kind === "held_program" && r.countsFrom)) return null;
  return new Date(Math.max(...unmet.map((r) => (r as { countsFrom: Date }).countsFrom.getTime())));
}

/** Whether a supervisor may sign off now: every requirement but the sign-off met (first time), or renewal met. */
export function canSignOff(standing: ProgramStanding, now: Date): boolean {
  if (standing.status === "ready_for_sign_off") return true;
  if (standing.status === "revoked")
    return standing.requirements.filter((r) => r.kind !== "sign_off").every((r) => r.met);
  return (
    (standing.status === "expiring_soon" || standing.status === "certified") &&
    !!standing.renewal?.met &&
    now >= standing.renewal.opensAt
  );
}

/** What the roster summary stores: time-dependent statuses are folded into "certified" plus dates. */
export function summaryOf(standing: ProgramStanding): {
  status: CertificationStatus;
  validUntil: Date | null;
  renewalReady: boolean;
  awaitingRetake: number;
  readyAt: Date | null;
} {
  const time =
    standing.status === "certified" ||
    standing.status === "expiring_soon" ||
    standing.status === "expired" ||
    (standing.status === "ready_for_sign_off" && standing.renewal !== null);
  return {
    status: time ? "certified" : standing.status,
    validUntil: standing.validUntil,
    renewalReady: standing.renewal?.met ?? false,
    awaitingRetake: standing.awaitingRetake,
    readyAt: standing.readyAt,
  };
}

/** An officer's evidence for every program (sign-offs tagged with their program). */
export type AllEvidence = Omit<Evidence, "signOffs" | "programStatus" | "programHeldSince"> & {
  signOffs: (Evidence["signOffs"][number] & { programSlug: string })[];
};

/** Standings for every program, in level order (a program's prerequisites are computed before it). */
export function standingsFrom(
  evidence: AllEvidence,
  programs: Program[],
  now: Date,
  names?: StandingNames,
): Map<string, ProgramStanding> {
  const result = new Map<string, ProgramStanding>();
  const programStatus: Record<string, CertificationStatus> = {};
  const programHeldSince: Record<string, Date> = {};
  for (const program of programs) {
    const signOffs = evidence.signOffs.filter((s) => s.programSlug === program.slug);
    const standing = computeStanding(program, { ...evidence, signOffs, programStatus, programHeldSince }, now, names);
    programStatus[program.slug] = standing.status;
    const held = signOffs.filter((s) => !s.revokedAt).sort((a, b) => a.signedAt.getTime() - b.signedAt.getTime())[0];
    if (held && (standing.status === "certified" || standing.status === "expiring_soon"))
      programHeldSince[program.slug] = held.signedAt;
    result.set(program.slug, standing);
  }
  return result;
}
