// A supervisor's worklist on the home page: what waits for them in the units they supervise, each item linking to
// where it is done. Any supervisor of the unit sees the same items (nothing is assigned to one person).
import { holds, type SessionUser } from "../auth/roles";
import { assessorOverview } from "../certification/observations.server";
import { PRACTICUM_KIND_LABELS } from "../certification/practicum";
import { allPrograms } from "../certification/programs.server";
import { expiringWithinSql, statusConditionSql } from "../certification/validity-sql.server";
import { prisma } from "../db/db.server";
import { Prisma } from "../db/generated/client";
import { supervisedUnitIds } from "../supervision/scope.server";

export interface WorkItem {
  text: string;
  to: string;
}
export interface WorkGroup {
  id: string;
  title: string;
  items: WorkItem[];
  more: number;
}

const SHOWN = 10;
const EXPIRING_DAYS = 60;
const day = (d: Date) => d.toISOString().slice(0, 10);
const officerPage = (id: string, anchor: string) => `/supervisor/officers/${id}#${anchor}`;

function group(id: string, title: string, items: WorkItem[]): WorkGroup {
  return { id, title, items: items.slice(0, SHOWN), more: Math.max(0, items.length - SHOWN) };
}

async function toConfirm(units: string[]): Promise<WorkItem[]> {
  const officer = { unitId: { in: units }, role: "officer" };
  const [practicum, cpd] = await Promise.all([
    prisma.practicumEntry.findMany({
      where: { status: "submitted", officer },
      orderBy: { createdAt: "asc" },
      take: 50,
      select: { id: true, date: true, kind: true, officer: { select: { id: true, name: true } } },
    }),
    prisma.cpdActivity.findMany({
      where: { status: "submitted", officer },
      orderBy: { createdAt: "asc" },
      take: 50,
      select: { id: true, date: true, hours: true, officer: { select: { id: true, name: true } } },
    }),
  ]);
  return [
    ...practicum.map((e) => ({
      text: `${e.officer.name}: ${(PRACTICUM_KIND_LABELS as Record<string, string>)[e.kind] ?? e.kind} of ${day(e.date)}`,
      to: officerPage(e.officer.id, "practicum-h"),
    })),
    ...cpd.map((c) => ({
      text: `${c.officer.name}: ${c.hours} development hours of ${day(c.date)}`,
      to: officerPage(c.officer.id, "cpd-h"),
    })),
  ];
}

interface StandingRow {
  officerId: string;
  officerName: string;
  programSlug: string;
  validUntil: string | Date | null;
}

async function standings(units: string[], condition: (windowDays: number) => Prisma.Sql): Promise<StandingRow[]> {
  const rows: StandingRow[] = [];
  for (const program of allPrograms()) {
    rows.push(
      ...(await prisma.$queryRaw<StandingRow[]>`
      SELECT s."officerId" AS "officerId", s."officerName" AS "officerName", s."programSlug" AS "programSlug", s."validUntil" AS "validUntil" FROM "OfficerStanding" s
      WHERE s."programSlug" = ${program.slug} AND s."unitId" IN (${Prisma.join(units)}) AND ${condition(program.expiringWindowDays)}
      ORDER BY s."validUntil" IS NULL, s."validUntil", s."officerName" LIMIT 50`),
    );
  }
  return rows;
}

async function observations(user: SessionUser, units: string[]): Promise<WorkItem[]> {
  const [awaiting, assessor] = await Promise.all([
    prisma.observation.findMany({
      where: { agencyId: user.agencyId, officerResponse: null, officer: { unitId: { in: units }, role: "officer" } },
      orderBy: { observedOn: "asc" },
      take: 50,
      select: { id: true, observedOn: true, officer: { select: { name: true } } },
    }),
    holds(user, "observations:record") ? assessorOverview(user) : Promise.resolve({ waiting: [] }),
  ]);
  return [
    ...assessor.waiting.map((o) => ({
      text: `Score blind: ${o.officerName}, observed ${day(o.observedOn)}`,
      to: `/observations/${o.id}`,
    })),
    ...awaiting.map((o) => ({
      text: `Awaiting ${o.officer.name}'s response: observation of ${day(o.observedOn)}`,
      to: `/observations/${o.id}`,
    })),
  ];
}

/** The groups with something in them, in the order a supervisor acts on them; null for non-supervisors. */
export async function supervisorWorklist(user: SessionUser, now = new Date()): Promise<WorkGroup[] | null> {
  if (!holds(user, "officers:supervise")) return null;
  const units = await supervisedUnitIds(user);
  if (!units.length) return [];
  const title = new Map(allPrograms().map((p) => [p.slug, p.title]));
  const [confirm, ready, expiring, observed] = await Promise.all([
    toConfirm(units),
    standings(units, (windowDays) => statusConditionSql("ready_for_sign_off", now, windowDays)),
    standings(units, () => expiringWithinSql(now, EXPIRING_DAYS)),
    observations(user, units),
  ]);
  return [
    group("confirm", "Practicum and development to confirm", confirm),
    group(
      "sign-off",
      "Ready for sign-off",
      ready.map((r) => ({
        text: `${r.officerName}: ${title.get(r.programSlug) ?? r.programSlug}`,
        to: officerPage(r.officerId, `p-${r.programSlug}`),
      })),
    ),
    group(
      "expiring",
      `Certifications expiring in the next ${EXPIRING_DAYS} days`,
      expiring.map((r) => ({
        text: `${r.officerName}: ${title.get(r.programSlug) ?? r.programSlug}, valid until ${r.validUntil ? day(new Date(r.validUntil)) : "—"}`,
        to: officerPage(r.officerId, `p-${r.programSlug}`),
      })),
    ),
    group("observations", "Observations to score or awaiting a response", observed),
  ].filter((g) => g.items.length);
}
