// Managing people: creating accounts, resetting passwords, roles, units and supervised units.
// Every change runs in a transaction with its audit entry.
import { recordAudit } from "../audit/audit.server";
import { hashPassword, passwordProblem } from "../auth/password.server";
import {
  GRANTABLE_LABELS,
  isRole,
  mayHoldGrant,
  type GrantablePermission,
  type Role,
  type SessionUser,
} from "../auth/roles";
import { createSession } from "../auth/session.server";
import { clearAttempts, emailKey, guardedPasswordCheck } from "../auth/throttle.server";
import { prisma } from "../db/db.server";
import { DomainError } from "../errors";
import { userPlacementChanged } from "./events.server";

async function requireUnitInAgency(agencyId: string, unitId: string | null) {
  if (unitId === null) return;
  const unit = await prisma.unit.findFirst({ where: { id: unitId, agencyId }, select: { id: true } });
  if (!unit) throw new DomainError("invalid", "Choose a unit of your agency.", { field: "unitId" });
}

async function requireUserInAgency(agencyId: string, userId: string) {
  const user = await prisma.user.findFirst({
    where: { id: userId, agencyId },
    select: { id: true, role: true, unitId: true },
  });
  if (!user) throw new DomainError("invalid", "That user does not exist in your agency.", { field: "userId" });
  return user;
}

export async function createUser(
  actor: SessionUser,
  input: {
    name: string;
    email: string;
    role: Role;
    unitId: string | null;
    password: string;
    mustChangePassword: boolean;
  },
) {
  await requireUnitInAgency(actor.agencyId, input.unitId);
  const email = input.email.trim().toLowerCase();
  if (await prisma.user.findUnique({ where: { email }, select: { id: true } })) {
    throw new DomainError("invalid", "An account with this email already exists.", { field: "email" });
  }
  const passwordHash = await hashPassword(input.password);
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        name: input.name,
        email,
        role: input.role,
        unitId: input.unitId,
        agencyId: actor.agencyId,
        passwordHash,
        mustChangePassword: input.mustChangePassword,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.created",
      subjectId: user.id,
      officerId: input.role === "officer" ? user.id : null,
      unitId: input.unitId,
      after: {
        name: input.name,
        email,
        role: input.role,
        unitId: input.unitId,
        mustChangePassword: input.mustChangePassword,
      },
    });
    await userPlacementChanged.announce({ tx, userId: user.id, role: input.role, at: new Date() });
    return user;
  });
}

/**
 * Sets a new password, clears any lockout, and signs the user out everywhere. With `mustChangePassword`, every page
 * sends the user to change it until they do (requireUser): a password another person knows is not theirs yet.
 */
export async function resetPassword(actor: SessionUser, userId: string, password: string, mustChangePassword: boolean) {
  const user = await requireUserInAgency(actor.agencyId, userId);
  const passwordHash = await hashPassword(password);
  await prisma.$transaction(async (tx) => {
    const { email } = await tx.user.update({
      where: { id: userId },
      data: { passwordHash, passwordChangedAt: new Date(), mustChangePassword },
      select: { email: true },
    });
    await clearAttempts(emailKey(email), tx);
    await tx.session.deleteMany({ where: { userId } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.password_reset",
      subjectId: userId,
      officerId: user.role === "officer" ? userId : null,
      unitId: user.unitId,
      after: { mustChangePassword },
    });
  });
}

export async function updateRoleAndUnit(actor: SessionUser, userId: string, role: Role, unitId: string | null) {
  const user = await requireUserInAgency(actor.agencyId, userId);
  await requireUnitInAgency(actor.agencyId, unitId);
  if (userId === actor.id && role !== actor.role) {
    throw new DomainError("invalid", "You cannot change your own role; ask another admin.", { field: "role" });
  }
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { role, unitId } });
    if (user.role !== role) {
      await recordAudit(tx, {
        actorId: actor.id,
        action: "user.role_changed",
        subjectId: userId,
        officerId: userId,
        unitId,
        before: { role: user.role },
        after: { role },
      });
    }
    if (user.unitId !== unitId) {
      await recordAudit(tx, {
        actorId: actor.id,
        action: "user.unit_changed",
        subjectId: userId,
        officerId: userId,
        unitId,
        before: { unitId: user.unitId },
        after: { unitId },
      });
    }
    await userPlacementChanged.announce({ tx, userId, role, at: new Date() });
  });
}

export async function setSupervisedUnits(actor: SessionUser, userId: string, unitIds: string[]) {
  const user = await requireUserInAgency(actor.agencyId, userId);
  for (const unitId of unitIds) await requireUnitInAgency(actor.agencyId, unitId);
  const before = (await prisma.supervisedUnit.findMany({ where: { supervisorId: userId }, select: { unitId: true } }))
    .map((s) => s.unitId)
    .sort();
  const after = [...new Set(unitIds)].sort();
  if (before.join() === after.join()) return;
  await prisma.$transaction(async (tx) => {
    await tx.supervisedUnit.deleteMany({ where: { supervisorId: userId } });
    if (after.length)
      await tx.supervisedUnit.createMany({ data: after.map((unitId) => ({ supervisorId: userId, unitId })) });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.supervised_units_changed",
      subjectId: userId,
      unitId: user.unitId,
      before: { unitIds: before },
      after: { unitIds: after },
    });
  });
}

/** Grants or withdraws a permission held by grant (e.g. assessor), for a person whose role may hold it. */
export async function setGrant(actor: SessionUser, userId: string, permission: GrantablePermission, granted: boolean) {
  const user = await requireUserInAgency(actor.agencyId, userId);
  if (granted && !(isRole(user.role) && mayHoldGrant(user.role, permission))) {
    throw new DomainError("invalid", `${GRANTABLE_LABELS[permission]}: only a supervisor or a trainer can hold this.`, {
      field: "permission",
    });
  }
  const held = await prisma.permissionGrant.findUnique({
    where: { userId_permission: { userId, permission } },
    select: { userId: true },
  });
  if (Boolean(held) === granted) return;
  await prisma.$transaction(async (tx) => {
    if (granted) await tx.permissionGrant.create({ data: { userId, permission, grantedById: actor.id } });
    else await tx.permissionGrant.delete({ where: { userId_permission: { userId, permission } } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: granted ? "user.permission_granted" : "user.permission_revoked",
      subjectId: userId,
      unitId: user.unitId,
      before: { permission, held: !granted },
      after: { permission, held: granted },
    });
  });
}

/**
 * A user changes their own password. The current password must be right, and checking it is throttled like
 * a sign-in (same email and network limits): a stolen session must not become a way to guess it. Every
 * session of the user ends; the caller continues on the new session returned.
 */
export async function changeOwnPassword(
  user: SessionUser,
  currentPassword: string,
  newPassword: string,
  clientAddress: string,
): Promise<{ sessionId: string }> {
  const check = await guardedPasswordCheck(user.email, clientAddress, currentPassword, () =>
    prisma.user.findUnique({ where: { id: user.id }, select: { passwordHash: true, role: true, unitId: true } }),
  );
  if (check.outcome === "throttled") {
    throw new DomainError(
      "invalid",
      "Too many wrong passwords from this network. Try again later, or ask an admin to reset your password.",
      { field: "currentPassword" },
    );
  }
  if (check.outcome === "locked") {
    throw new DomainError(
      "invalid",
      "This email address is locked after too many wrong passwords. Try again later, or ask an admin to reset your password.",
      { field: "currentPassword" },
    );
  }
  if (check.outcome === "wrong")
    throw new DomainError("invalid", "Your current password is not right.", { field: "currentPassword" });
  const problem = passwordProblem(newPassword);
  if (problem) throw new DomainError("invalid", problem, { field: "newPassword" });
  if (newPassword === currentPassword)
    throw new DomainError("invalid", "Choose a password different from your current one.", { field: "newPassword" });
  const passwordHash = await hashPassword(newPassword);
  const now = new Date();
  await prisma.$transaction(async (tx) => {
    const { mustChangePassword } = await tx.user.findUniqueOrThrow({
      where: { id: user.id },
      select: { mustChangePassword: true },
    });
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, passwordChangedAt: now, mustChangePassword: false },
    });
    const { count } = await tx.session.deleteMany({ where: { userId: user.id } });
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.password_changed",
      subjectId: user.id,
      officerId: check.account.role === "officer" ? user.id : null,
      unitId: check.account.unitId,
      after: mustChangePassword ? { sessionsEnded: count, requiredByAdmin: true } : { sessionsEnded: count },
    });
  });
  return { sessionId: await createSession(user.id) };
}
