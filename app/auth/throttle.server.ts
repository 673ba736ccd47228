// Throttling of password checks, per email address and per network address, that holds under concurrency.
// Before any password is checked, the attempt reserves a slot in ONE statement (an upsert that counts it and
// refuses it once the limit is reached), so however many guesses arrive at once, at most the limit are checked.
// A wrong password keeps its slot (it is a failure); a right one gives it back. Every email address is counted
// the same way, whether or not an account has it, so a lockout never tells which addresses have accounts.
import { prisma, type Tx } from "../db/db.server";
import { fromSqlTime } from "../db/sql-time";
import { sqlRun, sqlWriteReturning } from "../db/sql.server";
import { dummyPasswordHash, verifyPassword } from "./password.server";

export interface Limit {
  /** Failures allowed before the key is locked. */
  max: number;
  /** Failures older than this no longer count (null: they count until a success or a lockout ends). */
  windowMs: number | null;
  /** How long a key stays locked once it reaches max. */
  lockMs: number;
}

const MINUTE = 60 * 1000;
export const EMAIL_LIMIT: Limit = { max: 5, windowMs: null, lockMs: 15 * MINUTE };
export const ADDRESS_LIMIT: Limit = { max: 20, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function emailKey(email: string): string {
  return `email:${normaliseEmail(email)}`;
}

export function addressKey(clientAddress: string): string {
  return `address:${clientAddress}`;
}

export type Reservation = { reserved: true; lockedUntil: Date | null } | { reserved: false; until: Date };

// "restarts" is true when counting starts again: the lock has run out or the window has passed. Each time
// parameter is typed where it stands (PostgreSQL cannot infer a type for a parameter in a CASE branch).
const reserveSql = (time: string) => {
  const restarts = `"SignInThrottle"."lockedUntil" <= ${time} OR "SignInThrottle"."windowStart" <= ${time}`;
  return `
    INSERT INTO "SignInThrottle" ("key", "failures", "windowStart", "lockedUntil")
    VALUES (?, 1, ${time}, CASE WHEN 1 >= ? THEN ${time} ELSE NULL END)
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN ${restarts} THEN 1 ELSE "SignInThrottle"."failures" + 1 END,
      "windowStart" = CASE WHEN ${restarts} THEN ${time} ELSE "SignInThrottle"."windowStart" END,
      "lockedUntil" = CASE
        WHEN (CASE WHEN ${restarts} THEN 1 ELSE "SignInThrottle"."failures" + 1 END) >= ?
        THEN ${time} ELSE NULL END
    WHERE "SignInThrottle"."lockedUntil" IS NULL OR "SignInThrottle"."lockedUntil" <= ${time}
    RETURNING "lockedUntil"`;
};
const RESERVE = { sqlite: reserveSql("?"), postgres: reserveSql("CAST(? AS TIMESTAMP(3))") };

/**
 * Counts one attempt for the key, unless the key is locked: one statement, so concurrent attempts are
 * counted one after the other. Taking the last slot locks the key at once (a success gives it back).
 */
export async function reserveAttempt(key: string, limit: Limit, now = new Date()): Promise<Reservation> {
  const until = new Date(now.getTime() + limit.lockMs);
  const windowEdge = limit.windowMs === null ? new Date(0) : new Date(now.getTime() - limit.windowMs);
  const restarts = [now, windowEdge];
  const rows = await sqlWriteReturning<{ lockedUntil: string | Date | null }>(
    RESERVE,
    ...[key, now, limit.max, until],
    ...[...restarts, ...restarts, now, ...restarts, limit.max, until],
    now,
  );
  const row = rows[0];
  if (row) return { reserved: true, lockedUntil: row.lockedUntil === null ? null : fromSqlTime(row.lockedUntil) };
  return { reserved: false, until: (await lockedUntil(key)) ?? new Date(now.getTime() + limit.lockMs) };
}

const releaseSql = (larger: string) => `
    UPDATE "SignInThrottle" SET
      "failures" = ${larger}("failures" - 1, 0),
      "lockedUntil" = CASE WHEN "failures" - 1 >= ? THEN "lockedUntil" ELSE NULL END
    WHERE "key" = ?`;
const RELEASE = { sqlite: releaseSql("MAX"), postgres: releaseSql("GREATEST") };

/** Gives back a slot that turned out not to be a failure (the password was right, or it was never checked). */
export async function releaseAttempt(key: string, limit: Limit): Promise<void> {
  await sqlRun(RELEASE, limit.max, key);
}

/** Forgets every failure of the key (a right password, a password reset), inside the caller's transaction if given. */
export async function clearAttempts(key: string, db: Tx = prisma): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key } });
}

export async function lockedUntil(key: string, now = new Date()): Promise<Date | null> {
  const row = await prisma.signInThrottle.findUnique({ where: { key }, select: { lockedUntil: true } });
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

/** Which of these email addresses are locked now, and until when. */
export async function lockedEmails(emails: readonly string[], now = new Date()): Promise<Map<string, Date>> {
  const rows = await prisma.signInThrottle.findMany({
    where: { key: { in: emails.map(emailKey) }, lockedUntil: { gt: now } },
    select: { key: true, lockedUntil: true },
  });
  return new Map(rows.map((r) => [r.key.slice("email:".length), r.lockedUntil!]));
}

export type GuardedCheck<Account> =
  | { outcome: "throttled"; until: Date }
  | { outcome: "locked"; until: Date }
  | { outcome: "wrong"; lockedUntil: Date | null }
  | { outcome: "right"; account: Account };

/**
 * Checks a password for an email address within both limits: the network address's first, then the email
 * address's, each reserved before the check. The account is looked up only once both slots are held; when
 * there is none, a dummy hash is checked instead, so the work is the same either way.
 */
export async function guardedPasswordCheck<Account extends { passwordHash: string }>(
  email: string,
  clientAddress: string,
  password: string,
  findAccount: () => Promise<Account | null>,
): Promise<GuardedCheck<Account>> {
  const address = addressKey(clientAddress);
  const byAddress = await reserveAttempt(address, ADDRESS_LIMIT);
  if (!byAddress.reserved) return { outcome: "throttled", until: byAddress.until };
  const byEmail = await reserveAttempt(emailKey(email), EMAIL_LIMIT);
  if (!byEmail.reserved) {
    await releaseAttempt(address, ADDRESS_LIMIT); // nothing was checked
    return { outcome: "locked", until: byEmail.until };
  }
  const account = await findAccount();
  const right = await verifyPassword(account?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!right || !account) return { outcome: "wrong", lockedUntil: byEmail.lockedUntil };
  await releaseAttempt(address, ADDRESS_LIMIT);
  await clearAttempts(emailKey(email)); // the right password ends the email address's count of failures
  return { outcome: "right", account };
}
