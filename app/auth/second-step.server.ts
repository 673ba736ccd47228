// The step between a passed first step (password or provider) and a session: a pending sign-in, held in its own
// short-lived cookie, that waits for a second factor or for the person to enrol one (docs/decisions/0250).
import { createCookie } from "@remix-run/node";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { prisma } from "../db/db.server";
import { factorsOf, hasSecondFactor, redeemRecoveryCode, verifyTotp } from "./mfa.server";
import { verifyPasskey } from "./passkeys.server";
import { isRole } from "./roles";
import { randomToken } from "./secrets.server";
import { createSession, type SignInMethod } from "./session.server";
import { policyFor, secondFactorRequired } from "./sign-in-policy.server";
import {
  addressKey,
  ADDRESS_LIMIT,
  clearAttempts,
  releaseAttempt,
  reserveAttempt,
  type Limit,
} from "./throttle.server";

export const PENDING_TTL_MS = 10 * 60 * 1000;
/** Five wrong codes lock the second step for the account, as five wrong passwords lock the first. */
export const FACTOR_LIMIT: Limit = { max: 5, windowMs: null, lockMs: 15 * 60 * 1000 };

export const pendingCookie = createCookie("ck_pending", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: process.env.NODE_ENV === "production" && process.env.SECURE_COOKIES !== "false",
  maxAge: PENDING_TTL_MS / 1000,
});

export type NextStep =
  { kind: "session"; sessionId: string } | { kind: "pending"; pendingId: string; purpose: "verify" | "enrol" };

/** After the first step: a session, or a pending sign-in that asks for a factor (or its enrolment). */
export async function afterFirstStep(userId: string, via: SignInMethod, redirectTo = "/"): Promise<NextStep> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { role: true, agencyId: true } });
  const policy = await policyFor(user.agencyId);
  const required = isRole(user.role) && secondFactorRequired(policy, user.role, via);
  // Local accounts with a factor always use it; SSO accounts only when the agency asks for a local one.
  const enrolled = hasSecondFactor(await factorsOf(userId));
  const askFactor = enrolled && (via === "password" || required);
  if (!askFactor && !required) return { kind: "session", sessionId: await createSession(userId, via) };
  const pendingId = randomToken();
  const purpose = askFactor ? "verify" : "enrol";
  await prisma.pendingSignIn.create({
    data: {
      id: pendingId,
      userId,
      purpose,
      redirectTo,
      signedInVia: via,
      expiresAt: new Date(Date.now() + PENDING_TTL_MS),
    },
  });
  return { kind: "pending", pendingId, purpose };
}

export interface PendingSignIn {
  id: string;
  purpose: "verify" | "enrol";
  redirectTo: string;
  via: SignInMethod;
  user: { id: string; email: string; name: string; unitId: string | null };
}

export async function pendingFrom(request: Request): Promise<PendingSignIn | null> {
  const id = await pendingCookie.parse(request.headers.get("Cookie"));
  if (typeof id !== "string" || id.length < 20) return null;
  const row = await prisma.pendingSignIn.findUnique({ where: { id } });
  if (!row || row.expiresAt.getTime() <= Date.now()) return null;
  const user = await prisma.user.findUnique({
    where: { id: row.userId },
    select: { id: true, email: true, name: true, unitId: true },
  });
  if (!user) return null;
  return {
    id: row.id,
    purpose: row.purpose === "enrol" ? "enrol" : "verify",
    redirectTo: row.redirectTo,
    via: row.signedInVia === "sso" ? "sso" : "password",
    user,
  };
}

/** Ends the pending sign-in (once: a second request with the same cookie finds nothing) and opens the session. */
export async function completePending(pending: PendingSignIn): Promise<string | null> {
  const { count } = await prisma.pendingSignIn.deleteMany({ where: { id: pending.id } });
  if (count !== 1) return null;
  return createSession(pending.user.id, pending.via);
}

export type SecondFactor =
  | { kind: "totp"; code: string; now?: number }
  | { kind: "recovery"; code: string }
  | { kind: "passkey"; request: Request; response: AuthenticationResponseJSON };

function proves(pending: PendingSignIn, factor: SecondFactor): Promise<boolean> {
  switch (factor.kind) {
    case "totp":
      return verifyTotp(pending.user.id, factor.code, factor.now);
    case "recovery":
      return redeemRecoveryCode(pending.user, factor.code);
    case "passkey":
      return verifyPasskey(pending.id, pending.user.id, factor.request, factor.response);
  }
}

export type FactorCheck =
  { ok: true; sessionId: string } | { ok: false; reason: "wrong" } | { ok: false; reason: "locked"; until: Date };

/**
 * Checks a TOTP or recovery code within the same kind of limits as a password: per account (five wrong codes
 * lock it) and per network address, each reserved before the check so parallel guesses cannot exceed them.
 */
export async function checkSecondFactor(
  pending: PendingSignIn,
  factor: SecondFactor,
  clientAddress: string,
): Promise<FactorCheck> {
  const address = addressKey(clientAddress);
  const account = `factor:${pending.user.id}`;
  const byAddress = await reserveAttempt(address, ADDRESS_LIMIT);
  if (!byAddress.reserved) return { ok: false, reason: "locked", until: byAddress.until };
  const byAccount = await reserveAttempt(account, FACTOR_LIMIT);
  if (!byAccount.reserved) {
    await releaseAttempt(address, ADDRESS_LIMIT);
    return { ok: false, reason: "locked", until: byAccount.until };
  }
  const right = await proves(pending, factor);
  if (!right)
    return byAccount.lockedUntil
      ? { ok: false, reason: "locked", until: byAccount.lockedUntil }
      : { ok: false, reason: "wrong" };
  await releaseAttempt(address, ADDRESS_LIMIT);
  await clearAttempts(account);
  const sessionId = await completePending(pending);
  return sessionId ? { ok: true, sessionId } : { ok: false, reason: "wrong" };
}

export function commitPendingCookie(pendingId: string): Promise<string> {
  return pendingCookie.serialize(pendingId);
}

export function clearPendingCookie(): Promise<string> {
  return pendingCookie.serialize("", { maxAge: 0 });
}
