// The certification rule of validity.ts as SQL conditions over the roster summary (OfficerStanding, aliased `s`),
// generated from the same spans and cases, so the SQL never holds its own copy of the rule.
import { Prisma } from "../db/generated/client";
import { sqlTime } from "../db/sql-time";
import {
  SUMMARY_CASES,
  readyAtPassedSpan,
  validUntilSpan,
  type CertificationStatus,
  type SummaryCase,
  type TimeSpan,
} from "./validity";

type SummaryColumn = 's."validUntil"' | 's."readyAt"';

/** inSpan as SQL, never NULL (so NOT works): a NULL date counts as "never", inside only a span unbounded above. */
function spanSql(column: SummaryColumn, span: TimeSpan): Prisma.Sql {
  const col = Prisma.raw(column);
  const bounds: Prisma.Sql[] = [];
  if (span.after) bounds.push(Prisma.sql`${col} > ${sqlTime(span.after)}`);
  if (span.upTo) bounds.push(Prisma.sql`${col} <= ${sqlTime(span.upTo)}`);
  if (span.upTo === null)
    return bounds.length ? Prisma.sql`(${col} IS NULL OR ${Prisma.join(bounds, " AND ")})` : Prisma.sql`1 = 1`;
  return Prisma.sql`(${col} IS NOT NULL AND ${Prisma.join(bounds, " AND ")})`;
}

function caseSql(c: SummaryCase, now: Date, expiringDays: number): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`s."status" = ${c.stored}`];
  if (c.phase) parts.push(spanSql('s."validUntil"', validUntilSpan(c.phase, now, expiringDays)));
  // TRUE and FALSE: literals both engines read (SQLite as 1 and 0).
  if (c.renewalReady !== undefined)
    parts.push(Prisma.sql`s."renewalReady" = ${Prisma.raw(c.renewalReady ? "TRUE" : "FALSE")}`);
  if (c.readyAtPassed !== undefined) {
    const passed = spanSql('s."readyAt"', readyAtPassedSpan(now));
    parts.push(c.readyAtPassed ? passed : Prisma.sql`NOT ${passed}`);
  }
  return Prisma.sql`(${Prisma.join(parts, " AND ")})`;
}

/** Summary rows that stand for `status` at `now`, for a program whose expiring-soon window is `expiringDays`. */
export function statusConditionSql(status: CertificationStatus, now: Date, expiringDays: number): Prisma.Sql {
  const cases = SUMMARY_CASES.filter((c) => c.status === status).map((c) => caseSql(c, now, expiringDays));
  return cases.length ? Prisma.sql`(${Prisma.join(cases, " OR ")})` : Prisma.sql`1 = 0`;
}

/** Held certifications ending within `days` from `now` (not yet lapsed). */
export function expiringWithinSql(now: Date, days: number): Prisma.Sql {
  return statusConditionSql("expiring_soon", now, days);
}

/** Rows ready for a supervisor's sign-off in any program (readiness does not depend on the expiring window). */
export function readyForSignOffSql(now: Date): Prisma.Sql {
  return statusConditionSql("ready_for_sign_off", now, 0);
}
