// Second factors for local accounts: a TOTP authenticator (RFC 6238, 30-second steps, 6 digits) and ten
// single-use recovery codes. Secrets are encrypted at rest; recovery codes are stored only as hashes.
import crypto from "node:crypto";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { recordAudit } from "../audit/audit.server";
import { prisma } from "../db/db.server";
import type { SessionUser } from "./roles";
import { decryptSecret, encryptSecret, sha256 } from "./secrets.server";
import { SignInSetupError } from "./sign-in-policy.server";

const ISSUER = "Circlekeeper";
const PERIOD = 30;
export const RECOVERY_CODE_COUNT = 10;

function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secretBase32),
  });
}

export function stepAt(now: number): number {
  return TOTP.counter({ period: PERIOD, timestamp: now });
}

/** The code an authenticator shows at that moment (used by tests and nowhere else in the app). */
export function totpCode(secretBase32: string, now: number): string {
  return TOTP.generate({
    secret: Secret.fromBase32(secretBase32),
    algorithm: "SHA1",
    digits: 6,
    period: PERIOD,
    timestamp: now,
  });
}

/** The 30-second step a code belongs to (this one, the one before or the one after), or null. */
function matchingStep(secretBase32: string, code: string, now: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secretBase32, "").validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : stepAt(now) + delta;
}

export interface TotpEnrolment {
  secret: string;
  uri: string;
  qrSvgDataUri: string;
}

/** A new unconfirmed authenticator for this person (replacing an unconfirmed one); a confirmed one stays. */
export async function startTotpEnrolment(user: { id: string; email: string }): Promise<TotpEnrolment> {
  const existing = await prisma.totpFactor.findUnique({
    where: { userId: user.id },
    select: { confirmedAt: true, secret: true },
  });
  if (existing?.confirmedAt)
    throw new SignInSetupError("code", "An authenticator app is already set up; remove it first.");
  // Reloading the page keeps the same secret, so a code scanned a moment ago still confirms.
  const secret = existing ? decryptSecret(existing.secret) : new Secret({ size: 20 }).base32;
  if (!existing) await prisma.totpFactor.create({ data: { userId: user.id, secret: encryptSecret(secret) } });
  const uri = totpFor(secret, user.email).toString();
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return { secret, uri, qrSvgDataUri: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
}

/** Confirms the authenticator with a code it shows; returns the ten recovery codes, shown this once. */
export async function confirmTotpEnrolment(
  user: { id: string; unitId?: string | null },
  code: string,
  now = Date.now(),
): Promise<string[]> {
  const factor = await prisma.totpFactor.findUnique({ where: { userId: user.id } });
  if (!factor || factor.confirmedAt) throw new SignInSetupError("code", "Start setting up an authenticator app first.");
  const step = matchingStep(decryptSecret(factor.secret), code.trim(), now);
  if (step === null)
    throw new SignInSetupError(
      "code",
      "That code does not match. Check the app's clock and enter the current 6-digit code.",
    );
  const codes = newRecoveryCodes();
  await prisma.$transaction(async (tx) => {
    await tx.totpFactor.update({
      where: { userId: user.id },
      data: { confirmedAt: new Date(now), lastUsedStep: step },
    });
    await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId: user.id, codeHash: recoveryHash(c) })) });
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.mfa_enrolled",
      subjectId: user.id,
      unitId: user.unitId ?? null,
      after: { factor: "totp" },
    });
  });
  return codes;
}

/**
 * Checks a code from the person's confirmed authenticator. A code is accepted once: the step it belongs to must
 * be later than the last one accepted, and the update that records it is conditional, so two requests with the
 * same code cannot both pass.
 */
export async function verifyTotp(userId: string, code: string, now = Date.now()): Promise<boolean> {
  const factor = await prisma.totpFactor.findUnique({ where: { userId } });
  if (!factor?.confirmedAt) return false;
  const step = matchingStep(decryptSecret(factor.secret), code.trim(), now);
  if (step === null || step <= factor.lastUsedStep) return false;
  const { count } = await prisma.totpFactor.updateMany({
    where: { userId, lastUsedStep: { lt: step } },
    data: { lastUsedStep: step },
  });
  return count === 1;
}

function newRecoveryCodes(): string[] {
  // 10 characters from a 32-letter alphabet without look-alikes: 50 bits each, shown as xxxxx-xxxxx.
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from(crypto.randomBytes(10), (b) => alphabet[b % alphabet.length]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

function recoveryHash(code: string): string {
  return sha256(
    code
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9]/g, ""),
  );
}

/** Uses up one recovery code, if it is one of this person's and still unused. */
export async function redeemRecoveryCode(user: { id: string; unitId?: string | null }, code: string): Promise<boolean> {
  const { count } = await prisma.recoveryCode.updateMany({
    where: { userId: user.id, codeHash: recoveryHash(code), usedAt: null },
    data: { usedAt: new Date() },
  });
  if (count !== 1) return false;
  const left = await prisma.recoveryCode.count({ where: { userId: user.id, usedAt: null } });
  await recordAudit(prisma, {
    actorId: user.id,
    action: "user.recovery_code_used",
    subjectId: user.id,
    unitId: user.unitId ?? null,
    after: { left },
  });
  return true;
}

export interface FactorSummary {
  totp: boolean;
  passkeys: { id: string; name: string; createdAt: Date; lastUsedAt: Date | null }[];
  recoveryCodesLeft: number;
}

export async function factorsOf(userId: string): Promise<FactorSummary> {
  const [totp, passkeys, recoveryCodesLeft] = await Promise.all([
    prisma.totpFactor.findUnique({ where: { userId }, select: { confirmedAt: true } }),
    prisma.passkey.findMany({
      where: { userId },
      select: { id: true, name: true, createdAt: true, lastUsedAt: true },
      orderBy: { createdAt: "asc" },
    }),
    prisma.recoveryCode.count({ where: { userId, usedAt: null } }),
  ]);
  return { totp: Boolean(totp?.confirmedAt), passkeys, recoveryCodesLeft };
}

export function hasSecondFactor(factors: FactorSummary): boolean {
  return factors.totp || factors.passkeys.length > 0;
}

/** The person removes their own authenticator app (and its recovery codes, unless a passkey remains). */
export async function removeOwnTotp(user: SessionUser): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.totpFactor.deleteMany({ where: { userId: user.id } });
    if (count === 0) return;
    if ((await tx.passkey.count({ where: { userId: user.id } })) === 0)
      await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.mfa_removed",
      subjectId: user.id,
      unitId: user.unitId,
      before: { factor: "totp" },
    });
  });
}

/** An admin clears every second factor of someone in their agency, who enrols again at next sign-in. */
export async function resetFactors(actor: SessionUser, userId: string): Promise<void> {
  const target = await prisma.user.findFirst({
    where: { id: userId, agencyId: actor.agencyId },
    select: { id: true, role: true, unitId: true },
  });
  if (!target) throw new SignInSetupError("userId", "That user does not exist in your agency.");
  await prisma.$transaction(async (tx) => {
    const totp = await tx.totpFactor.deleteMany({ where: { userId } });
    const passkeys = await tx.passkey.deleteMany({ where: { userId } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.pendingSignIn.deleteMany({ where: { userId } });
    await tx.session.deleteMany({ where: { userId } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.mfa_reset",
      subjectId: userId,
      officerId: target.role === "officer" ? userId : null,
      unitId: target.unitId,
      before: { totp: totp.count > 0, passkeys: passkeys.count },
    });
  });
}
