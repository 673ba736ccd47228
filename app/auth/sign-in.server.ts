// Email + password sign-in, throttled per email address (lockout) and per network address (see throttle.server).
import { prisma } from "../db/db.server";
import { createSession } from "./session.server";
import { ADDRESS_LIMIT, EMAIL_LIMIT, guardedPasswordCheck, normaliseEmail } from "./throttle.server";

export const ACCOUNT_MAX_FAILURES = EMAIL_LIMIT.max;
export const ACCOUNT_LOCK_MS = EMAIL_LIMIT.lockMs;
export const ADDRESS_MAX_FAILURES = ADDRESS_LIMIT.max;
export const ADDRESS_WINDOW_MS = ADDRESS_LIMIT.windowMs!;

export type SignInResult =
  | { ok: true; sessionId: string; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked" | "throttled"; until: Date };

export async function signIn(emailInput: string, password: string, clientAddress: string): Promise<SignInResult> {
  const email = normaliseEmail(emailInput);
  const check = await guardedPasswordCheck(email, clientAddress, password, () =>
    prisma.user.findUnique({ where: { email }, select: { id: true, passwordHash: true } }),
  );
  switch (check.outcome) {
    case "throttled":
    case "locked":
      return { ok: false, reason: check.outcome, until: check.until };
    case "wrong":
      return check.lockedUntil ? { ok: false, reason: "locked", until: check.lockedUntil } : { ok: false, reason: "invalid" };
    case "right":
      return { ok: true, sessionId: await createSession(check.account.id), userId: check.account.id };
  }
}
