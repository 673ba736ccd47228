// Passkeys (WebAuthn) as a phishing-resistant second factor. Challenges are kept on the server, tied to who
// asked (a signed-in person registering, or a pending sign-in), expire in five minutes and are used once.
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { recordAudit } from "../audit/audit.server";
import { prisma } from "../db/db.server";
import { publicOrigin } from "./public-origin.server";
import type { SessionUser } from "./roles";
import { SignInSetupError } from "./sign-in-policy.server";

const CHALLENGE_TTL_MS = 5 * 60 * 1000;
const RP_NAME = "Circlekeeper";

/** The site passkeys belong to. */
function relyingParty(request: Request): { origin: string; rpID: string } {
  const origin = publicOrigin(request);
  return { origin, rpID: new URL(origin).hostname };
}

async function storeChallenge(ownerKey: string, challenge: string): Promise<void> {
  const data = { challenge, expiresAt: new Date(Date.now() + CHALLENGE_TTL_MS) };
  await prisma.webAuthnChallenge.upsert({ where: { ownerKey }, create: { ownerKey, ...data }, update: data });
}

/** The challenge, once: deleting it is what proves this request is the first to use it. */
async function takeChallenge(ownerKey: string): Promise<string | null> {
  const row = await prisma.webAuthnChallenge.findUnique({ where: { ownerKey } });
  if (!row) return null;
  const { count } = await prisma.webAuthnChallenge.deleteMany({ where: { ownerKey, challenge: row.challenge } });
  return count === 1 && row.expiresAt.getTime() > Date.now() ? row.challenge : null;
}

function transportsOf(stored: string): AuthenticatorTransportFuture[] {
  return stored ? (stored.split(" ") as AuthenticatorTransportFuture[]) : [];
}

export async function registrationOptions(user: SessionUser, request: Request) {
  const { rpID } = relyingParty(request);
  const existing = await prisma.passkey.findMany({
    where: { userId: user.id },
    select: { id: true, transports: true },
  });
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID,
    userName: user.email,
    userDisplayName: user.name,
    userID: new TextEncoder().encode(user.id),
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: transportsOf(p.transports) })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  await storeChallenge(`register:${user.id}`, options.challenge);
  return options;
}

export async function registerPasskey(
  user: SessionUser,
  request: Request,
  response: RegistrationResponseJSON,
  name: string,
): Promise<void> {
  const expectedChallenge = await takeChallenge(`register:${user.id}`);
  if (!expectedChallenge) throw new SignInSetupError("passkey", "The passkey request expired. Try again.");
  const { origin, rpID } = relyingParty(request);
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response,
      expectedChallenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: false,
    });
  } catch (error) {
    throw new SignInSetupError("passkey", `The passkey could not be checked: ${(error as Error).message}`);
  }
  if (!verification.verified) throw new SignInSetupError("passkey", "The passkey could not be verified.");
  const { credential } = verification.registrationInfo;
  await prisma.$transaction(async (tx) => {
    await tx.passkey.create({
      data: {
        id: credential.id,
        userId: user.id,
        publicKey: Buffer.from(credential.publicKey),
        counter: credential.counter,
        transports: (credential.transports ?? []).join(" "),
        name: name.trim() || "Passkey",
      },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.passkey_added",
      subjectId: user.id,
      unitId: user.unitId,
      after: { name: name.trim() || "Passkey" },
    });
  });
}

export async function removePasskey(user: SessionUser, passkeyId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.passkey.deleteMany({ where: { id: passkeyId, userId: user.id } });
    if (count === 0) throw new SignInSetupError("passkeyId", "That passkey is not yours or no longer exists.");
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.mfa_removed",
      subjectId: user.id,
      unitId: user.unitId,
      before: { factor: "passkey" },
    });
  });
}

export async function authenticationOptions(pendingId: string, userId: string, request: Request) {
  const { rpID } = relyingParty(request);
  const passkeys = await prisma.passkey.findMany({ where: { userId }, select: { id: true, transports: true } });
  const options = await generateAuthenticationOptions({
    rpID,
    allowCredentials: passkeys.map((p) => ({ id: p.id, transports: transportsOf(p.transports) })),
    userVerification: "preferred",
  });
  await storeChallenge(`pending:${pendingId}`, options.challenge);
  return options;
}

/** Whether the response proves possession of one of this person's passkeys, for this pending sign-in's challenge. */
export async function verifyPasskey(
  pendingId: string,
  userId: string,
  request: Request,
  response: AuthenticationResponseJSON,
): Promise<boolean> {
  const expectedChallenge = await takeChallenge(`pending:${pendingId}`);
  if (!expectedChallenge) return false;
  const passkey = await prisma.passkey.findFirst({ where: { id: response.id, userId } });
  if (!passkey) return false;
  const { origin, rpID } = relyingParty(request);
  try {
    const { verified, authenticationInfo } = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      credential: {
        id: passkey.id,
        publicKey: new Uint8Array(passkey.publicKey),
        counter: passkey.counter,
        transports: transportsOf(passkey.transports),
      },
      requireUserVerification: false,
    });
    if (!verified) return false;
    await prisma.passkey.update({
      where: { id: passkey.id },
      data: { counter: authenticationInfo.newCounter, lastUsedAt: new Date() },
    });
    return true;
  } catch {
    return false;
  }
}
