// Email + password sign-in, throttled per email address (lockout) and per network address (see throttle.server).
import { prisma } from "../db/db.server";
import { afterFirstStep, type NextStep } from "./second-step.server";
import { passwordAllowed, policyFor } from "./sign-in-policy.server";
import { ADDRESS_LIMIT, EMAIL_LIMIT, guardedPasswordCheck, normaliseEmail } from "./throttle.server";

export const ACCOUNT_MAX_FAILURES = EMAIL_LIMIT.max;
export const ACCOUNT_LOCK_MS = EMAIL_LIMIT.lockMs;
export const ADDRESS_MAX_FAILURES = ADDRESS_LIMIT.max;
export const ADDRESS_WINDOW_MS = ADDRESS_LIMIT.windowMs!;

export type SignInResult =
  | { ok: true; next: NextStep; userId: string }
  | { ok: false; reason: "invalid" | "sso_required" }
  | { ok: false; reason: "locked" | "throttled"; until: Date };

export async function signIn(
  emailInput: string,
  password: string,
  clientAddress: string,
  redirectTo = "/",
): Promise<SignInResult> {
  const email = normaliseEmail(emailInput);
  const check = await guardedPasswordCheck(email, clientAddress, password, () =>
    prisma.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, agencyId: true } }),
  );
  switch (check.outcome) {
    case "throttled":
    case "locked":
      return { ok: false, reason: check.outcome, until: check.until };
    case "wrong":
      return check.lockedUntil
        ? { ok: false, reason: "locked", until: check.lockedUntil }
        : { ok: false, reason: "invalid" };
    case "right":
      // Told only after a right password, so the refusal says nothing about accounts to a guesser.
      if (!passwordAllowed(await policyFor(check.account.agencyId), check.account.id))
        return { ok: false, reason: "sso_required" };
      return {
        ok: true,
        next: await afterFirstStep(check.account.id, "password", redirectTo),
        userId: check.account.id,
      };
  }
}
