// Sign-off and revocation: a supervisor's decisions, refused when the evidence does not support them,
// never taken by the officer themself, and always written with their audit entry.
import crypto from "node:crypto";
import { recordAudit } from "../audit/audit.server";
import type { SessionUser } from "../auth/roles";
import { prisma } from "../db/db.server";
import { serializeOn } from "../db/lock.server";
import { DomainError } from "../errors";
import { findSupervisedOfficer } from "../supervision/scope.server";
import { certificationRevoked, certificationSignedOff } from "./events.server";
import { loadEvidence, recomputeStandings, standingsFrom } from "./evidence.server";
import { allPrograms, findProgram } from "./programs.server";
import { addMonths, canSignOff } from "./status";

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export function newVerificationCode(): string {
  const bytes = crypto.randomBytes(10);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5, 10)}`;
}

export async function signOff(supervisor: SessionUser, officerId: string, programSlug: string, comment: string) {
  const officer = await findSupervisedOfficer(supervisor, officerId);
  const program = findProgram(programSlug);
  if (!officer || !program) return null;
  if (officerId === supervisor.id) throw new DomainError("conflict", "You cannot sign off your own certification.");
  if (comment.trim().length < 5)
    throw new DomainError("conflict", "Add a comment that records the basis for your decision.");
  const now = new Date();
  return prisma.$transaction(async (tx) => {
    // Two supervisors deciding at once: the second reads the first's sign-off (and acknowledges it) instead of
    // both reading "ready" and both signing off, whichever processes they are on.
    await serializeOn(tx, `officer-standing:${officerId}`);
    const evidence = await loadEvidence(tx, officerId);
    const standing = standingsFrom(evidence, allPrograms(), now).get(programSlug)!;
    if (!canSignOff(standing, now)) {
      // A resent form after a successful sign-off is acknowledged, not repeated.
      const recent = evidence.signOffs.filter(
        (s) => s.programSlug === programSlug && !s.revokedAt && now.getTime() - s.signedAt.getTime() < 10 * 60 * 1000,
      );
      if (recent.length && (standing.status === "certified" || standing.status === "expiring_soon"))
        return { signOffId: recent[0]!.id, repeated: true };
      const missing = standing.requirements.filter((r) => !r.met && r.kind !== "sign_off").length;
      throw new DomainError(
        "conflict",
        missing
          ? `Sign-off refused: ${missing} requirement(s) are not met yet.`
          : "Sign-off refused: the certification is current and its renewal window has not opened.",
      );
    }
    const created = await tx.signOff.create({
      data: {
        officerId,
        programSlug,
        supervisorId: supervisor.id,
        comment: comment.trim(),
        signedAt: now,
        validUntil: addMonths(now, program.validForMonths),
        kind: standing.renewal ? "renewal" : "initial",
        evidence: JSON.stringify(
          standing.status === "ready_for_sign_off" && !standing.renewal
            ? standing.requirements
            : (standing.renewal?.requirements ?? standing.requirements),
        ),
        verificationCode: newVerificationCode(),
      },
      select: { id: true, validUntil: true, kind: true },
    });
    await recordAudit(tx, {
      actorId: supervisor.id,
      action: "certification.signed_off",
      subjectId: created.id,
      officerId,
      unitId: officer.unitId,
      before: { status: standing.status },
      after: {
        program: programSlug,
        kind: created.kind,
        validUntil: created.validUntil.toISOString(),
        comment: comment.trim(),
      },
    });
    await recomputeStandings(tx, officerId, now);
    await certificationSignedOff.announce({ tx, signOffId: created.id, at: now });
    return { signOffId: created.id, repeated: false };
  });
}

export async function revoke(supervisor: SessionUser, signOffId: string, reason: string) {
  const target = await prisma.signOff.findUnique({
    where: { id: signOffId },
    select: { id: true, officerId: true, programSlug: true, revokedAt: true },
  });
  if (!target) return null;
  const officer = await findSupervisedOfficer(supervisor, target.officerId);
  if (!officer) return null;
  if (target.officerId === supervisor.id)
    throw new DomainError("conflict", "You cannot revoke your own certification.");
  if (reason.trim().length < 5)
    throw new DomainError("conflict", "Give the reason for revoking: it is kept in the audit trail.");
  if (target.revokedAt) return { repeated: true };
  const now = new Date();
  await prisma.$transaction(async (tx) => {
    await tx.signOff.update({
      where: { id: signOffId },
      data: { revokedAt: now, revokedById: supervisor.id, revokeReason: reason.trim() },
    });
    await recordAudit(tx, {
      actorId: supervisor.id,
      action: "certification.revoked",
      subjectId: signOffId,
      officerId: target.officerId,
      unitId: officer.unitId,
      before: { revoked: false },
      after: { revoked: true, program: target.programSlug, reason: reason.trim() },
    });
    await recomputeStandings(tx, target.officerId, now);
    await certificationRevoked.announce({ tx, signOffId, at: now });
  });
  return { repeated: false };
}
