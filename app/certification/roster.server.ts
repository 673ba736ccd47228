// The supervisor's roster: officers of the supervised units with their standing per program, filtered,
// sorted and paginated in SQL over the summary table (never a scan of attempts).
import { z } from "zod";
import type { SessionUser } from "../auth/roles";
import { prisma } from "../db/db.server";
import { Prisma } from "../db/generated/client";
import { supervisedUnitIds } from "../supervision/scope.server";
import { allPrograms } from "./programs.server";
import { STATUSES, statusFromSummary } from "./validity";
import { expiringWithinSql, statusConditionSql } from "./validity-sql.server";

export const PAGE_SIZE = 50;

export const RosterQuery = z.object({
  program: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/)
    .optional(),
  unit: z.string().max(64).optional(),
  status: z.enum(STATUSES).optional(),
  expiringWithin: z.coerce.number().int().min(1).max(3650).optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(["name", "status", "validUntil", "unit"]).default("name"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type RosterQuery = z.infer<typeof RosterQuery>;

export function parseRosterQuery(params: URLSearchParams): RosterQuery {
  const raw = Object.fromEntries([...params.entries()].filter(([, v]) => v !== ""));
  const parsed = RosterQuery.safeParse(raw);
  return parsed.success ? parsed.data : RosterQuery.parse({});
}

interface RosterRow {
  id: string;
  name: string;
  email: string;
  unitName: string | null;
  status: string | null;
  validUntil: string | Date | null;
  renewalReady: number | bigint | boolean | null;
  readyAt: string | Date | null;
  expiringDays: number | bigint | null;
  metCount: number | bigint | null;
  requiredCount: number | bigint | null;
}

function whereClause(units: string[], query: RosterQuery, now: Date, windowDays: number): Prisma.Sql {
  // The summary's own unit and name columns, so its (programSlug, unitId, …) indexes do the work.
  const conditions: Prisma.Sql[] = [Prisma.sql`s."unitId" IN (${Prisma.join(units)})`];
  if (query.unit) conditions.push(Prisma.sql`s."unitId" = ${query.unit}`);
  if (query.q)
    conditions.push(
      Prisma.sql`LOWER(s."officerName") LIKE LOWER(${`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}) ESCAPE '\\'`,
    );
  if (query.status) conditions.push(statusConditionSql(query.status, now, windowDays));
  if (query.expiringWithin) conditions.push(expiringWithinSql(now, query.expiringWithin));
  return Prisma.join(conditions, " AND ");
}

function orderClause(query: RosterQuery): Prisma.Sql {
  const dir = query.dir === "desc" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  switch (query.sort) {
    case "status":
      return Prisma.sql`ORDER BY s."status" ${dir}, s."officerName" ASC, s."officerId" ASC`;
    case "validUntil":
      return Prisma.sql`ORDER BY s."validUntil" IS NULL, s."validUntil" ${dir}, s."officerName" ASC, s."officerId" ASC`;
    case "unit":
      return Prisma.sql`ORDER BY un."name" ${dir}, s."officerName" ASC, s."officerId" ASC`;
    default:
      return Prisma.sql`ORDER BY s."officerName" ${dir}, s."officerId" ASC`;
  }
}

const toDate = (v: string | Date | null) => (v ? new Date(v) : null);
const toReadyAt = toDate;

export async function roster(supervisor: SessionUser, query: RosterQuery, now = new Date()) {
  const programs = allPrograms();
  const program = programs.find((p) => p.slug === query.program) ?? programs[0];
  const units = await supervisedUnitIds(supervisor);
  const unitRows = units.length
    ? await prisma.unit.findMany({
        where: { id: { in: units } },
        select: { id: true, name: true },
        orderBy: { name: "asc" },
      })
    : [];
  if (!program || !units.length)
    return { program: program ?? null, programs, units: unitRows, rows: [], total: 0, page: 1, pages: 1 };
  const conditions = whereClause(units, query, now, program.expiringWindowDays);
  const join = Prisma.sql`FROM "OfficerStanding" s JOIN "User" u ON u."id" = s."officerId" LEFT JOIN "Unit" un ON un."id" = s."unitId"`;
  const where = Prisma.sql`s."programSlug" = ${program.slug} AND ${conditions}`;
  const [counted] = await prisma.$queryRaw<
    { total: number | bigint }[]
  >`SELECT count(*) AS "total" ${join} WHERE ${where}`;
  const count = Number(counted?.total ?? 0);
  const pages = Math.max(1, Math.ceil(count / PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const rows = await prisma.$queryRaw<RosterRow[]>`
    SELECT s."officerId" AS "id", s."officerName" AS "name", u."email" AS "email", un."name" AS "unitName", s."status" AS "status", s."validUntil" AS "validUntil",
           s."renewalReady" AS "renewalReady", s."readyAt" AS "readyAt", s."expiringDays" AS "expiringDays", s."metCount" AS "metCount", s."requiredCount" AS "requiredCount"
    ${join} WHERE ${where} ${orderClause(query)} LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}`;
  return {
    program,
    programs,
    units: unitRows,
    total: count,
    page,
    pages,
    rows: rows.map((r) => rowView(r, now)),
  };
}

function rowView(r: RosterRow, now: Date) {
  const validUntil = toDate(r.validUntil);
  const status = statusFromSummary(
    r.status
      ? {
          status: r.status,
          validUntil,
          renewalReady: Boolean(Number(r.renewalReady ?? 0)),
          readyAt: toReadyAt(r.readyAt),
          expiringDays: Number(r.expiringDays ?? 60),
        }
      : null,
    now,
  );
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    unitName: r.unitName,
    status,
    validUntil,
    metCount: Number(r.metCount ?? 0),
    requiredCount: Number(r.requiredCount ?? 0),
  };
}

/** Every matching roster row, in pages of 1,000, for the CSV export. */
export async function* rosterRows(supervisor: SessionUser, query: RosterQuery, now = new Date()) {
  const programs = allPrograms();
  const program = programs.find((p) => p.slug === query.program) ?? programs[0];
  const units = await supervisedUnitIds(supervisor);
  if (!program || !units.length) return;
  const where = Prisma.sql`s."programSlug" = ${program.slug} AND ${whereClause(units, query, now, program.expiringWindowDays)}`;
  const join = Prisma.sql`FROM "OfficerStanding" s JOIN "User" u ON u."id" = s."officerId" LEFT JOIN "Unit" un ON un."id" = s."unitId"`;
  let after = "";
  for (;;) {
    const rows = await prisma.$queryRaw<RosterRow[]>`
      SELECT s."officerId" AS "id", s."officerName" AS "name", u."email" AS "email", un."name" AS "unitName", s."status" AS "status", s."validUntil" AS "validUntil",
             s."renewalReady" AS "renewalReady", s."readyAt" AS "readyAt", s."expiringDays" AS "expiringDays", s."metCount" AS "metCount", s."requiredCount" AS "requiredCount"
      ${join} WHERE ${where} AND s."officerId" > ${after} ORDER BY s."officerId" LIMIT 1000`;
    if (!rows.length) return;
    for (const r of rows) yield { program: program.slug, programTitle: program.title, ...rowView(r, now) };
    after = rows[rows.length - 1]!.id;
  }
}
