// Each agency's sign-in policy: which roles need a second factor, whether SSO is required (with one
// break-glass admin who may still use a password), and whether SSO users also need a local second factor.
import { recordAudit } from "../audit/audit.server";
import { prisma } from "../db/db.server";
import { DomainError } from "../errors";
import { isRole, type Role, type SessionUser } from "./roles";

export const DEFAULT_MFA_ROLES: readonly Role[] = ["admin", "supervisor", "trainer"];

export interface SignInPolicy {
  mfaRoles: Role[];
  requireSso: boolean;
  breakGlassUserId: string | null;
  ssoLocalMfa: boolean;
}

/** A sign-in setting or enrolment refused, named by its form field: a DomainError ("invalid", 400). */
export class SignInSetupError extends DomainError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super("invalid", message, { field });
  }
}

export async function policyFor(agencyId: string): Promise<SignInPolicy> {
  const row = await prisma.signInPolicy.findUnique({ where: { agencyId } });
  if (!row) return { mfaRoles: [...DEFAULT_MFA_ROLES], requireSso: false, breakGlassUserId: null, ssoLocalMfa: false };
  return {
    mfaRoles: row.mfaRoles.split(" ").filter(isRole),
    requireSso: row.requireSso,
    breakGlassUserId: row.breakGlassUserId,
    ssoLocalMfa: row.ssoLocalMfa,
  };
}

/** Whether this person must use a second factor after the first step (a password, or the provider). */
export function secondFactorRequired(policy: SignInPolicy, role: Role, via: "password" | "sso"): boolean {
  if (via === "sso" && !policy.ssoLocalMfa) return false;
  return policy.mfaRoles.includes(role);
}

/** Local passwords are refused when the agency requires SSO, except for its break-glass admin. */
export function passwordAllowed(policy: SignInPolicy, userId: string): boolean {
  return !policy.requireSso || policy.breakGlassUserId === userId;
}

export async function updatePolicy(actor: SessionUser, next: SignInPolicy): Promise<void> {
  if (next.requireSso) {
    if (!next.breakGlassUserId)
      throw new SignInSetupError("breakGlassUserId", "Choose a break-glass admin before requiring single sign-on.");
    const connection = await prisma.oidcConnection.findUnique({
      where: { agencyId: actor.agencyId },
      select: { enabled: true },
    });
    if (!connection?.enabled)
      throw new SignInSetupError("requireSso", "Connect an identity provider before requiring single sign-on.");
  }
  if (next.breakGlassUserId) {
    const admin = await prisma.user.findFirst({
      where: { id: next.breakGlassUserId, agencyId: actor.agencyId, role: "admin" },
      select: { id: true },
    });
    if (!admin)
      throw new SignInSetupError("breakGlassUserId", "The break-glass account must be an admin of your agency.");
  }
  const before = await policyFor(actor.agencyId);
  const data = {
    mfaRoles: next.mfaRoles.join(" "),
    requireSso: next.requireSso,
    breakGlassUserId: next.breakGlassUserId,
    ssoLocalMfa: next.ssoLocalMfa,
    updatedAt: new Date(),
  };
  await prisma.$transaction(async (tx) => {
    await tx.signInPolicy.upsert({
      where: { agencyId: actor.agencyId },
      create: { agencyId: actor.agencyId, ...data },
      update: data,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "agency.sign_in_policy_changed",
      subjectId: actor.agencyId,
      before,
      after: next,
    });
  });
}
