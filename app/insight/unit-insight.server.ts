// What a supervisor's Insight page shows for their units: the spread of certification status, certifications
// ending in the next 90 days, competency profiles and role-play results over time. Scoped by the units the
// person supervises (admins: their agency); statuses come from the certification rule itself (statusFromSummary).
import type { SessionUser } from "../auth/roles";
import { allPrograms } from "../certification/programs.server";
import { STATUS_LABELS, STATUSES, statusFromSummary, type CertificationStatus } from "../certification/status";
import { DAY_MS, validityPhase } from "../certification/validity";
import { prisma } from "../db/db.server";
import { DomainError } from "../errors";
import { COMPETENCIES } from "../scenarios/format";
import { scenarioTitles } from "../scenarios/library.server";
import { supervisedUnitIds } from "../supervision/scope.server";
import type { ChartData } from "./charts";
import { competencyPoints, groupSummary, officerSummary } from "./competency-summary.server";
import {
  COMPETENCY_LABELS,
  lastMonths,
  monthIndex,
  monthLabel,
  profileOverTime,
  roundOrNull,
  EXPIRY_HORIZON_DAYS,
} from "./profiles";

const WEEKS = Math.ceil(EXPIRY_HORIZON_DAYS / 7);
const SCENARIO_MONTHS = 6;
const TOP_SCENARIOS = 4;

export interface InsightQuery {
  unit?: string;
  program?: string;
}

/** The units in view: the one asked for (refused unless the person supervises it), otherwise all of theirs. */
export async function unitsInView(user: SessionUser, unit?: string) {
  const all = await supervisedUnitIds(user);
  const units = await prisma.unit.findMany({
    where: { id: { in: all } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  const chosen = unit ? units.filter((u) => u.id === unit) : units;
  if (unit && !chosen.length)
    throw new DomainError("invalid", "There is no unit of yours with that id.", { field: "unit" });
  return { units, chosen };
}

export async function unitInsight(user: SessionUser, query: InsightQuery, now = new Date()) {
  const programs = allPrograms();
  const program = query.program ? programs.find((p) => p.slug === query.program) : programs[0];
  if (query.program && !program)
    throw new DomainError("invalid", "There is no certification program with that name.", { field: "program" });
  const { units, chosen } = await unitsInView(user, query.unit);
  const unitIds = chosen.map((u) => u.id);
  const officers = await prisma.user.findMany({
    where: { role: "officer", unitId: { in: unitIds } },
    select: { id: true, unitId: true },
  });
  const officerIds = officers.map((o) => o.id);
  const [standing, profiles, scenarios] = await Promise.all([
    program && chosen.length ? statusCharts(officers, chosen, program.slug, program.expiringWindowDays, now) : null,
    competencyComparison(user.agencyId, unitIds),
    scenarioResults(officerIds, now),
  ]);
  return {
    programs: programs.map((p) => ({ slug: p.slug, title: p.title })),
    program: program ? { slug: program.slug, title: program.title } : null,
    units,
    unitId: query.unit && chosen.length === 1 ? chosen[0]!.id : null,
    scopeName: chosen.length === 1 ? chosen[0]!.name : "all your units",
    officerCount: officers.length,
    standing,
    profiles,
    scenarios,
  };
}

async function statusCharts(
  officers: { id: string; unitId: string | null }[],
  units: { id: string; name: string }[],
  programSlug: string,
  expiringDays: number,
  now: Date,
) {
  const rows = await prisma.officerStanding.findMany({
    where: { programSlug, officerId: { in: officers.map((o) => o.id) } },
    select: { officerId: true, status: true, validUntil: true, renewalReady: true, readyAt: true, expiringDays: true },
  });
  const byOfficer = new Map(rows.map((r) => [r.officerId, r]));
  // An officer with no summary row yet has no evidence: "not started", as the rule itself says of a missing row.
  const statusOf = (id: string) => statusFromSummary(byOfficer.get(id) ?? null, now);
  const spread: ChartData = {
    categories: units.map((u) => u.name),
    series: STATUSES.map((s) => ({
      name: STATUS_LABELS[s],
      values: units.map((u) => officers.filter((o) => o.unitId === u.id && statusOf(o.id) === s).length),
    })),
  };
  spread.series = spread.series.filter((s) => s.values.some((v) => v));
  const totals = countStatuses(officers.map((o) => statusOf(o.id)));
  return { spread, totals, expiry: expiryTimeline(rows, now, expiringDays) };
}

function countStatuses(statuses: CertificationStatus[]) {
  return STATUSES.map((s) => ({ status: s, label: STATUS_LABELS[s], count: statuses.filter((x) => x === s).length }));
}

/** Held, unrevoked certifications ending in each of the next weeks (the same validity rule as every status). */
function expiryTimeline(
  rows: { status: string; validUntil: Date | null }[],
  now: Date,
  expiringDays: number,
): { data: ChartData; total: number; withinWindow: number } {
  const weeks = Array.from({ length: WEEKS }, () => 0);
  let withinWindow = 0;
  for (const r of rows) {
    if (r.status !== "certified" || !r.validUntil) continue;
    if (validityPhase(r.validUntil, now, EXPIRY_HORIZON_DAYS) !== "expiring_soon") continue;
    const week = Math.min(WEEKS - 1, Math.floor((r.validUntil.getTime() - now.getTime()) / (7 * DAY_MS)));
    weeks[week]! += 1;
    if (validityPhase(r.validUntil, now, expiringDays) === "expiring_soon") withinWindow += 1;
  }
  const categories = weeks.map((_, i) => `Week ${i + 1}`);
  return {
    data: { categories, series: [{ name: "Certifications ending", values: weeks }] },
    total: weeks.reduce((a, b) => a + b, 0),
    withinWindow,
  };
}

/**
 * The units in view (or, with an officer, their unit) against the agency, per competency; with an officer, the
 * officer first. Read from the competency summary: a few rows, whatever the size of the agency.
 */
async function competencyComparison(
  agencyId: string,
  unitIds: string[],
  officer?: { id: string; name: string; unitId: string | null },
) {
  const [units, agency, own] = await Promise.all([
    groupSummary("unit", unitIds),
    groupSummary("agency", [agencyId]),
    officer ? officerSummary(officer.id) : null,
  ]);
  // An officer without a unit is compared as a unit of one.
  const unitProfile = officer && !officer.unitId ? own!.profile : units.profile;
  const series = [
    { name: "Unit", values: COMPETENCIES.map((c) => unitProfile[c]) },
    { name: "Agency", values: COMPETENCIES.map((c) => agency.profile[c]) },
  ];
  if (officer) series.unshift({ name: officer.name, values: COMPETENCIES.map((c) => own!.profile[c]) });
  const data: ChartData = { categories: COMPETENCIES.map((c) => COMPETENCY_LABELS[c]), series };
  return { data, assessedOfficers: units.officersWithEvidence, weakest: weakest(unitProfile) };
}

function weakest(profile: Record<string, number | null>): string | null {
  const known = COMPETENCIES.filter((c) => profile[c] !== null);
  if (!known.length) return null;
  const low = known.reduce((a, b) => (profile[a]! <= profile[b]! ? a : b));
  return COMPETENCY_LABELS[low];
}

/** Pass rate and mean score by month for the most-played scenarios of these officers (completed attempts). */
async function scenarioResults(officerIds: string[], now: Date) {
  const months = lastMonths(now, SCENARIO_MONTHS);
  const attempts = officerIds.length
    ? await prisma.attempt.findMany({
        where: { userId: { in: officerIds }, status: "completed", finishedAt: { gte: months[0] } },
        select: { scenarioSlug: true, passed: true, score: true, finishedAt: true },
      })
    : [];
  const counts = new Map<string, number>();
  for (const a of attempts) counts.set(a.scenarioSlug, (counts.get(a.scenarioSlug) ?? 0) + 1);
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, TOP_SCENARIOS);
  const title = await scenarioTitles();
  const categories = months.map(monthLabel);
  const monthly = (slug: string, value: (list: typeof attempts) => number | null) =>
    months.map((_, mi) => {
      const list = attempts.filter((a) => a.scenarioSlug === slug && monthIndex(months, a.finishedAt!) === mi);
      return list.length ? roundOrNull(value(list)) : null;
    });
  const passRate: ChartData = {
    categories,
    series: top.map(([slug]) => ({
      name: title(slug),
      values: monthly(slug, (l) => (100 * l.filter((a) => a.passed).length) / l.length),
    })),
  };
  const meanScore: ChartData = {
    categories,
    series: top.map(([slug]) => ({
      name: title(slug),
      values: monthly(slug, (l) => l.reduce((s, a) => s + (a.score ?? 0), 0) / l.length),
    })),
  };
  return { passRate, meanScore, attempts: attempts.length, scenarios: top.length };
}

/** One officer's charts: their profile month by month, and against their unit and the agency. */
export async function officerInsight(officer: { id: string; name: string }, agencyId: string, now = new Date()) {
  const { unitId } = await prisma.user.findUniqueOrThrow({ where: { id: officer.id }, select: { unitId: true } });
  const [own, comparison] = await Promise.all([
    ownProfile(officer.id, now),
    competencyComparison(agencyId, unitId ? [unitId] : [], { ...officer, unitId }),
  ]);
  return { ...own, comparison: comparison.data };
}

/** An officer's own profile month by month (their certification page, and their supervisor's view of them). */
export async function ownProfile(officerId: string, now = new Date()) {
  const months = lastMonths(now, 6);
  // Only the months shown are read; the number of points over all time comes from the summary.
  const [points, summary] = await Promise.all([
    competencyPoints([officerId], prisma, months[0]),
    officerSummary(officerId),
  ]);
  const overTime = profileOverTime(points, months);
  const timeline: ChartData = {
    categories: months.map(monthLabel),
    series: COMPETENCIES.map((c) => ({ name: COMPETENCY_LABELS[c], values: overTime[c] })),
  };
  return { evidence: summary.points, timeline };
}
