// An officer's standing in a program, computed from evidence and never typed in. One function serves every
// page, export and test, and it explains itself: each requirement, whether it is met, and by what.
import type { Competency } from "../scenarios/format";
import type { Program, ScenarioRequirement } from "./format";

export const STATUSES = ["not_started", "in_progress", "ready_for_sign_off", "certified", "expiring_soon", "expired", "revoked"] as const;
export type CertificationStatus = (typeof STATUSES)[number];

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
  /** completed attempts only */
  attempts: { id: string; scenarioSlug: string; score: number; passed: boolean; competencyScores: Partial<Record<Competency, number>>; finishedAt: Date }[];
  practicumConfirmed: { id: string; date: Date; confirmedAt: Date }[];
  signOffs: { id: string; signedAt: Date; validUntil: Date; revokedAt: Date | null; revokeReason: string | null }[];
  /** the officer's current status in each prerequisite program */
  programStatus: Record<string, CertificationStatus>;
}

export type Requirement =
  | { kind: "program"; slug: string; met: boolean }
  | { kind: "module"; slug: string; met: boolean; passedAt: Date | null }
  | { kind: "scenario"; slug: string; minScore: number; competencyMinimums: ScenarioRequirement["competencyMinimums"]; met: boolean; attemptId: string | null; score: number | null; at: Date | null }
  | { kind: "practicum"; required: number; confirmed: number; met: boolean; entryIds: string[] }
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
  nextStep: string;
}

const DAY = 24 * 60 * 60 * 1000;

export function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

function scenarioEvidence(req: ScenarioRequirement, attempts: Evidence["attempts"], since: Date | null) {
  const qualifying = attempts
    .filter((a) => a.scenarioSlug === req.slug && a.passed && a.score >= req.minScore && (!since || a.finishedAt >= since))
    .filter((a) => Object.entries(req.competencyMinimums).every(([c, min]) => (a.competencyScores[c as Competency] ?? 0) >= (min ?? 0)))
    .sort((a, b) => b.score - a.score || b.finishedAt.getTime() - a.finishedAt.getTime());
  return qualifying[0] ?? null;
}

function evaluate(program: Program, evidence: Evidence, part: { modules: string[]; scenarios: ScenarioRequirement[] }, since: Date | null): Requirement[] {
  const passed = new Map(evidence.modulesPassed.map((m) => [m.slug, m.passedAt]));
  const reqs: Requirement[] = [];
  for (const slug of part.modules) {
    const at = passed.get(slug) ?? null;
    const ok = at !== null && (!since || at >= since);
    reqs.push({ kind: "module", slug, met: ok, passedAt: ok ? at : null });
  }
  for (const req of part.scenarios) {
    const best = scenarioEvidence(req, evidence.attempts, since);
    reqs.push({ kind: "scenario", slug: req.slug, minScore: req.minScore, competencyMinimums: req.competencyMinimums, met: !!best, attemptId: best?.id ?? null, score: best?.score ?? null, at: best?.finishedAt ?? null });
  }
  return reqs;
}

function describeNext(reqs: Requirement[]): string | null {
  const missing = reqs.find((r) => !r.met);
  if (!missing) return null;
  switch (missing.kind) {
    case "program": return `Hold the ${missing.slug} certification first.`;
    case "module": return `Pass the knowledge check of the module "${missing.slug}".`;
    case "scenario": return `Pass the role-play "${missing.slug}" with at least ${missing.minScore}%.`;
    case "practicum": return `Log practicum: ${missing.confirmed} of ${missing.required} confirmed so far.`;
    case "sign_off": return "Ask your supervisor for sign-off.";
  }
}

export function computeStanding(program: Program, evidence: Evidence, now: Date): ProgramStanding {
  const requirements: Requirement[] = [
    ...program.prerequisitePrograms.map((slug): Requirement => {
      const s = evidence.programStatus[slug];
      return { kind: "program", slug, met: s === "certified" || s === "expiring_soon" };
    }),
    ...evaluate(program, evidence, program.requirements, null),
  ];
  const practicum = evidence.practicumConfirmed;
  requirements.push({
    kind: "practicum",
    required: program.requirements.practicum.count,
    confirmed: practicum.length,
    met: practicum.length >= program.requirements.practicum.count,
    entryIds: practicum.map((p) => p.id),
  });
  const latest = [...evidence.signOffs].sort((a, b) => b.signedAt.getTime() - a.signedAt.getTime())[0] ?? null;
  const allButSignOff = requirements.every((r) => r.met);
  requirements.push({ kind: "sign_off", met: latest !== null && latest.revokedAt === null });
  const metCount = requirements.filter((r) => r.met).length;
  const base = { requirements, metCount, requiredCount: requirements.length };

  if (!latest) {
    const any = requirements.some((r) => r.met) || evidence.attempts.length > 0 || evidence.modulesPassed.length > 0;
    const status: CertificationStatus = allButSignOff ? "ready_for_sign_off" : any ? "in_progress" : "not_started";
    return { ...base, status, renewal: null, validUntil: null, signOffId: null, revokeReason: null, nextStep: describeNext(requirements) ?? "" };
  }
  if (latest.revokedAt) {
    return { ...base, status: "revoked", renewal: null, validUntil: latest.validUntil, signOffId: latest.id, revokeReason: latest.revokeReason, nextStep: "Your certification was revoked. Speak with your supervisor about what is needed." };
  }
  const opensAt = new Date(latest.validUntil.getTime() - program.renewal.windowDays * DAY);
  const renewalReqs = evaluate(program, evidence, program.renewal, opensAt);
  const renewalMet = renewalReqs.every((r) => r.met);
  const renewal = { opensAt, requirements: renewalReqs, met: renewalMet };
  const common = { ...base, renewal, validUntil: latest.validUntil, signOffId: latest.id, revokeReason: null };
  if (now >= latest.validUntil) {
    return renewalMet
      ? { ...common, status: "ready_for_sign_off", nextStep: "Renewal requirements are met: ask your supervisor for sign-off." }
      : { ...common, status: "expired", nextStep: describeNext(renewalReqs) ?? "Complete the renewal requirements." };
  }
  if (now.getTime() >= latest.validUntil.getTime() - program.expiringWindowDays * DAY) {
    return { ...common, status: "expiring_soon", nextStep: renewalMet ? "Renewal requirements are met: ask your supervisor for sign-off." : describeNext(renewalReqs) ?? "" };
  }
  return { ...common, status: "certified", nextStep: now >= opensAt && !renewalMet ? describeNext(renewalReqs) ?? "" : "Nothing to do until the renewal window opens." };
}

/** Whether a supervisor may sign off now: every requirement but the sign-off met (first time), or renewal met. */
export function canSignOff(standing: ProgramStanding, now: Date): boolean {
  if (standing.status === "ready_for_sign_off") return true;
  if (standing.status === "revoked") return standing.requirements.filter((r) => r.kind !== "sign_off").every((r) => r.met);
  return (standing.status === "expiring_soon" || standing.status === "certified") && !!standing.renewal?.met && now >= standing.renewal.opensAt;
}

/** What the roster summary stores: time-dependent statuses are folded into "certified" plus dates. */
export function summaryOf(standing: ProgramStanding): { status: CertificationStatus; validUntil: Date | null; renewalReady: boolean } {
  const time = standing.status === "certified" || standing.status === "expiring_soon" || standing.status === "expired" ||
    (standing.status === "ready_for_sign_off" && standing.renewal !== null);
  return {
    status: time ? "certified" : standing.status,
    validUntil: standing.validUntil,
    renewalReady: standing.renewal?.met ?? false,
  };
}

/** The status a summary row stands for at `now`: the same answer computeStanding gives. */
export function statusFromSummary(row: { status: string; validUntil: Date | null; renewalReady: boolean; expiringDays: number } | null, now: Date): CertificationStatus {
  if (!row) return "not_started";
  if (row.status !== "certified" || !row.validUntil) return (STATUSES as readonly string[]).includes(row.status) ? (row.status as CertificationStatus) : "not_started";
  if (now >= row.validUntil) return row.renewalReady ? "ready_for_sign_off" : "expired";
  if (now.getTime() >= row.validUntil.getTime() - row.expiringDays * DAY) return "expiring_soon";
  return "certified";
}

/** An officer's evidence for every program (sign-offs tagged with their program). */
export type AllEvidence = Omit<Evidence, "signOffs" | "programStatus"> & { signOffs: (Evidence["signOffs"][number] & { programSlug: string })[] };

/** Standings for every program, in level order (a program's prerequisites are computed before it). */
export function standingsFrom(evidence: AllEvidence, programs: Program[], now: Date): Map<string, ProgramStanding> {
  const result = new Map<string, ProgramStanding>();
  const programStatus: Record<string, CertificationStatus> = {};
  for (const program of programs) {
    const standing = computeStanding(program, { ...evidence, signOffs: evidence.signOffs.filter((s) => s.programSlug === program.slug), programStatus }, now);
    programStatus[program.slug] = standing.status;
    result.set(program.slug, standing);
  }
  return result;
}
