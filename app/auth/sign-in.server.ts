// Email + password sign-in with throttling per account (lockout) and per network address.
import { prisma } from "../db/db.server";
import { dummyPasswordHash, verifyPassword } from "./password.server";
import { createSession } from "./session.server";

export const ACCOUNT_MAX_FAILURES = 5;
export const ACCOUNT_LOCK_MS = 15 * 60 * 1000;
export const ADDRESS_MAX_FAILURES = 20;
export const ADDRESS_WINDOW_MS = 15 * 60 * 1000;

export type SignInResult =
  | { ok: true; sessionId: string; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked" | "throttled"; until: Date };

export async function signIn(emailInput: string, password: string, clientAddress: string): Promise<SignInResult> {
  const email = emailInput.trim().toLowerCase();
  const now = new Date();
  const addressKey = `address:${clientAddress}`;

  const throttle = await prisma.signInThrottle.findUnique({ where: { key: addressKey } });
  if (throttle?.lockedUntil && throttle.lockedUntil > now) return { ok: false, reason: "throttled", until: throttle.lockedUntil };

  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, failedSignIns: true, lockedUntil: true },
  });
  if (user?.lockedUntil && user.lockedUntil > now) return { ok: false, reason: "locked", until: user.lockedUntil };

  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !valid) {
    await recordFailure(addressKey, user ? { id: user.id, failures: user.failedSignIns } : null, now);
    const locked = user && user.failedSignIns + 1 >= ACCOUNT_MAX_FAILURES;
    return locked ? { ok: false, reason: "locked", until: new Date(now.getTime() + ACCOUNT_LOCK_MS) } : { ok: false, reason: "invalid" };
  }
  if (user.failedSignIns > 0 || user.lockedUntil) {
    await prisma.user.update({ where: { id: user.id }, data: { failedSignIns: 0, lockedUntil: null } });
  }
  return { ok: true, sessionId: await createSession(user.id), userId: user.id };
}

async function recordFailure(addressKey: string, user: { id: string; failures: number } | null, now: Date): Promise<void> {
  await prisma.$transaction(async (tx) => {
    if (user) {
      const failures = user.failures + 1;
      await tx.user.update({
        where: { id: user.id },
        data: failures >= ACCOUNT_MAX_FAILURES
          ? { failedSignIns: 0, lockedUntil: new Date(now.getTime() + ACCOUNT_LOCK_MS) }
          : { failedSignIns: failures },
      });
    }
    const current = await tx.signInThrottle.findUnique({ where: { key: addressKey } });
    const fresh = !current || now.getTime() - current.windowStart.getTime() > ADDRESS_WINDOW_MS;
    const failures = fresh ? 1 : current.failures + 1;
    const lockedUntil = failures >= ADDRESS_MAX_FAILURES ? new Date(now.getTime() + ADDRESS_WINDOW_MS) : null;
    await tx.signInThrottle.upsert({
      where: { key: addressKey },
      create: { key: addressKey, failures, windowStart: now, lockedUntil },
      update: { failures, windowStart: fresh ? now : current!.windowStart, lockedUntil },
    });
  });
}
