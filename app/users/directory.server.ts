// The admin users list: one agency's people, searched, filtered and paged by keyset (name, then id), so a page
// stays right while people are added or renamed and no query skips rows by offset.
import { z } from "zod";
import { ROLES } from "../auth/roles";
import { lockedEmails } from "../auth/throttle.server";
import { containsIgnoringCase, prisma } from "../db/db.server";
import type { Prisma } from "../db/generated/client";
import { DomainError, isDomainError } from "../errors";
import { ACTIVE_WITHIN_DAYS, USER_STATUSES, USERS_PAGE_SIZE, type UserCursor, type UserQuery } from "./user-query";

const DAY_MS = 24 * 60 * 60 * 1000;

function encodeCursor(cursor: UserCursor): string {
  return Buffer.from(JSON.stringify([cursor.name, cursor.id]), "utf8").toString("base64url");
}

function decodeCursor(value: string): UserCursor | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((p) => typeof p === "string" && p.length <= 254)) {
      return { name: parsed[0], id: parsed[1] };
    }
  } catch {
    // not base64url JSON: answered below as a bad link
  }
  return null;
}

const cursor = z
  .string()
  .max(1000, "That page link is not valid; go back to the first page.")
  .transform(
    (value, ctx) =>
      decodeCursor(value) ??
      (ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: "That page link is not valid; go back to the first page.",
      }),
      z.NEVER),
  )
  .optional();

const emptyAsNull = (v: unknown) => (v === "" ? undefined : v);

const QuerySchema = z
  .object({
    q: z.string().trim().max(120, "Search for at most 120 characters.").default(""),
    role: z.preprocess(
      emptyAsNull,
      z.enum(ROLES, { errorMap: () => ({ message: "Choose a role from the list." }) }).optional(),
    ),
    unit: z.preprocess(emptyAsNull, z.string().max(64, "Choose a unit from the list.").optional()),
    status: z.preprocess(
      emptyAsNull,
      z.enum(USER_STATUSES, { errorMap: () => ({ message: "Choose a status from the list." }) }).optional(),
    ),
    after: z.preprocess(emptyAsNull, cursor),
    before: z.preprocess(emptyAsNull, cursor),
  })
  .refine((v) => !(v.after && v.before), {
    path: ["after"],
    message: "That page link is not valid; go back to the first page.",
  });

export type ReadQuery = { ok: true; query: UserQuery } | { ok: false; errors: Record<string, string> };

/** The list's query from the address; a value out of range is a clear error, never a silent default. */
export function readUserQuery(params: URLSearchParams): ReadQuery {
  const raw: Record<string, string> = {};
  for (const key of ["q", "role", "unit", "status", "after", "before"]) {
    const value = params.get(key);
    if (value !== null) raw[key] = value;
  }
  const result = QuerySchema.safeParse(raw);
  if (!result.success) {
    const errors: Record<string, string> = {};
    for (const issue of result.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
    return { ok: false, errors };
  }
  const v = result.data;
  return {
    ok: true,
    query: {
      q: v.q,
      role: v.role ?? null,
      unit: v.unit ?? null,
      status: v.status ?? null,
      after: v.after ?? null,
      before: v.before ?? null,
    },
  };
}

/** Which people the search and filters select (the cursor aside); every query is inside the admin's agency. */
async function matching(agencyId: string, query: UserQuery, now: Date): Promise<Prisma.UserWhereInput> {
  const where: Prisma.UserWhereInput[] = [{ agencyId }];
  // Case never matters: "rivera" finds "Alex Rivera" on either engine.
  if (query.q)
    where.push({
      OR: [{ name: containsIgnoringCase(query.q) }, { email: containsIgnoringCase(query.q.toLowerCase()) }],
    });
  if (query.role) where.push({ role: query.role });
  if (query.unit) where.push({ unitId: query.unit === "none" ? null : query.unit });
  const activeSince = new Date(now.getTime() - ACTIVE_WITHIN_DAYS * DAY_MS);
  switch (query.status) {
    case "active":
      where.push({ lastSignedInAt: { gte: activeSince } });
      break;
    case "inactive":
      where.push({ OR: [{ lastSignedInAt: null }, { lastSignedInAt: { lt: activeSince } }] });
      break;
    case "must-change-password":
      where.push({ mustChangePassword: true });
      break;
    case "locked": {
      const rows = await prisma.signInThrottle.findMany({
        where: { key: { startsWith: "email:" }, lockedUntil: { gt: now } },
        select: { key: true },
      });
      where.push({ email: { in: rows.map((r) => r.key.slice("email:".length)) } });
      break;
    }
  }
  return { AND: where };
}

function afterCursor(c: UserCursor): Prisma.UserWhereInput {
  return { OR: [{ name: { gt: c.name } }, { name: c.name, id: { gt: c.id } }] };
}

function beforeCursor(c: UserCursor): Prisma.UserWhereInput {
  return { OR: [{ name: { lt: c.name } }, { name: c.name, id: { lt: c.id } }] };
}

const ROW = {
  id: true,
  name: true,
  email: true,
  role: true,
  unitId: true,
  lastSignedInAt: true,
  mustChangePassword: true,
  supervises: { select: { unitId: true } },
  grants: { select: { permission: true } },
} as const;

/**
 * One page of the agency's people for the search and filters: at most USERS_PAGE_SIZE rows in name order, and the
 * cursors of the pages before and after it (null at either end).
 */
export async function listUsersPage(agencyId: string, query: UserQuery, now = new Date()) {
  if (
    query.unit &&
    query.unit !== "none" &&
    !(await prisma.unit.findFirst({ where: { id: query.unit, agencyId }, select: { id: true } }))
  ) {
    throw new DomainError("invalid", "Choose a unit of your agency from the list.", { field: "unit" });
  }
  const where = await matching(agencyId, query, now);
  const backwards = query.before !== null;
  const cursor = query.before ?? query.after;
  const rows = await prisma.user.findMany({
    where: cursor ? { AND: [where, backwards ? beforeCursor(cursor) : afterCursor(cursor)] } : where,
    orderBy: backwards ? [{ name: "desc" }, { id: "desc" }] : [{ name: "asc" }, { id: "asc" }],
    take: USERS_PAGE_SIZE + 1,
    select: ROW,
  });
  const more = rows.length > USERS_PAGE_SIZE;
  const page = rows.slice(0, USERS_PAGE_SIZE);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  // Going forward, a page before exists when we came by a cursor; going back, one after always does. The other
  // side is what the extra row told us.
  const hasPrevious = backwards
    ? more
    : query.after !== null &&
      !!first &&
      !!(await prisma.user.findFirst({ where: { AND: [where, beforeCursor(first)] }, select: { id: true } }));
  const hasNext = backwards ? !!last : more;
  const [units, total, locked] = await Promise.all([
    prisma.unit.findMany({ where: { agencyId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    prisma.user.count({ where }),
    lockedEmails(page.map((u) => u.email)),
  ]);
  return {
    units,
    total,
    previous: hasPrevious && first ? encodeCursor(first) : null,
    next: hasNext && last ? encodeCursor(last) : null,
    users: page.map(({ supervises, grants, ...u }) => ({
      ...u,
      lockedUntil: locked.get(u.email) ?? null,
      supervisedUnitIds: supervises.map((s) => s.unitId),
      grants: grants.map((g) => g.permission),
    })),
  };
}

const FIRST_PAGE: UserQuery = { q: "", role: null, unit: null, status: null, after: null, before: null };

/**
 * The list for an address's search parameters. A search, filter or page link that cannot be used gives the
 * first page of everyone with the reasons (`queryErrors`), for the page to show under a 400.
 */
export async function usersListFor(agencyId: string, params: URLSearchParams) {
  const read = readUserQuery(params);
  if (read.ok) {
    try {
      return { ...(await listUsersPage(agencyId, read.query)), query: read.query, queryErrors: null };
    } catch (error) {
      if (!isDomainError(error, "invalid")) throw error;
      return {
        ...(await listUsersPage(agencyId, FIRST_PAGE)),
        query: FIRST_PAGE,
        queryErrors: { [error.detail.field ?? "form"]: error.message },
      };
    }
  }
  return { ...(await listUsersPage(agencyId, FIRST_PAGE)), query: FIRST_PAGE, queryErrors: read.errors };
}
