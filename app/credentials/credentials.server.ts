// Issuing and revoking an officer's credentials: one Open Badges credential per certificate (sign-off), issued in
// the sign-off's transaction and marked revoked in the revocation's (subscriptions.server.ts), and what the
// officer's and supervisor's pages show of them.
import crypto from "node:crypto";
import { findProgram } from "../certification/programs.server";
import { prisma, type Tx } from "../db/db.server";
import { isDomainError } from "../errors";
import { allModules } from "../modules/catalog.server";
import { publicAddresses, signCredential, signingKey } from "./issuer.server";
import { criteriaNarrative, openBadgeCredential, VC_CONTEXT } from "./open-badges";
import { allocateStatusIndex, setRevokedBit } from "./status-list.server";

/** Module titles by slug, for the criteria narrative. */
export async function moduleTitles(): Promise<Map<string, string>> {
  return new Map((await allModules()).map((m) => [m.slug, m.compiled?.frontmatter.title ?? m.slug]));
}

/** Issues the credential of sign-off `signOffId` (once: a second call returns the first). */
export async function issueCredential(tx: Tx, signOffId: string, at: Date): Promise<void> {
  if (await tx.issuedCredential.findUnique({ where: { signOffId }, select: { id: true } })) return;
  await signingKey(tx); // first, so a deployment without CK_SECRETS_KEY fails before writing anything
  const signOff = await tx.signOff.findUniqueOrThrow({
    where: { id: signOffId },
    select: {
      programSlug: true,
      signedAt: true,
      validUntil: true,
      revokedAt: true,
      officer: { select: { id: true, name: true, agency: { select: { id: true, name: true } } } },
    },
  });
  const program = findProgram(signOff.programSlug);
  if (!program) throw new Error(`No program "${signOff.programSlug}" to issue a credential for`);
  const agency = signOff.officer.agency;
  const titles = await moduleTitles();
  const statusIndex = await allocateStatusIndex(tx, agency.id);
  const id = crypto.randomUUID();
  const credential = openBadgeCredential(publicAddresses(), {
    credentialId: id,
    agency,
    officerName: signOff.officer.name,
    program,
    criteria: criteriaNarrative(program, (slug) => titles.get(slug) ?? slug),
    validFrom: signOff.signedAt,
    validUntil: signOff.validUntil,
    statusIndex,
  });
  await tx.issuedCredential.create({
    data: {
      id,
      signOffId,
      officerId: signOff.officer.id,
      agencyId: agency.id,
      statusIndex,
      jwt: await signCredential(tx, credential, at),
      issuedAt: at,
      validUntil: signOff.validUntil,
    },
  });
  if (signOff.revokedAt) await revokeCredential(tx, signOffId, signOff.revokedAt);
}

/** Marks the sign-off's credential revoked and sets its bit in the agency's status list. */
export async function revokeCredential(tx: Tx, signOffId: string, at: Date): Promise<void> {
  const credential = await tx.issuedCredential.findUnique({ where: { signOffId } });
  if (!credential || credential.revokedAt) return;
  await tx.issuedCredential.update({ where: { signOffId }, data: { revokedAt: at } });
  await setRevokedBit(tx, credential.agencyId, credential.statusIndex);
}

/**
 * Issues a credential for every certificate that has none: the demo's seeded sign-offs, those signed before this
 * feature, and those signed while CK_SECRETS_KEY was missing. Returns how many were issued.
 */
export async function issueMissingCredentials(): Promise<number> {
  const missing = await prisma.signOff.findMany({ where: { credential: null }, select: { id: true } });
  try {
    for (const { id } of missing) await prisma.$transaction((tx) => issueCredential(tx, id, new Date()));
  } catch (error) {
    if (!isDomainError(error)) throw error;
    console.warn(`Credentials not issued for ${missing.length} certificate(s): ${error.message}`);
    return 0;
  }
  return missing.length;
}

/** As issueCredential, but a deployment that cannot sign yet (no CK_SECRETS_KEY) signs off without a credential. */
export async function issueCredentialIfPossible(tx: Tx, signOffId: string, at: Date): Promise<void> {
  try {
    await issueCredential(tx, signOffId, at);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    console.warn(`No credential issued for sign-off ${signOffId} (issued at the next start): ${error.message}`);
  }
}

export interface CredentialSummary {
  signOffId: string;
  issuedAt: Date;
  validUntil: Date;
  revokedAt: Date | null;
}

const summary = { signOffId: true, issuedAt: true, validUntil: true, revokedAt: true } as const;

export function credentialOfCertificate(signOffId: string): Promise<CredentialSummary | null> {
  return prisma.issuedCredential.findUnique({ where: { signOffId }, select: summary });
}

/** The officer's credentials by certificate (sign-off) id, for their record. */
export async function credentialsOfOfficer(officerId: string): Promise<Record<string, CredentialSummary>> {
  const rows = await prisma.issuedCredential.findMany({ where: { officerId }, select: summary });
  return Object.fromEntries(rows.map((row) => [row.signOffId, row]));
}

/** The signed credential of a certificate, as a compact VC-JWT. */
export async function credentialJwt(signOffId: string): Promise<string | null> {
  return (await prisma.issuedCredential.findUnique({ where: { signOffId }, select: { jwt: true } }))?.jwt ?? null;
}

/** The VC data model 2.0 JSON form of a JWT-secured credential: the JWT inside an EnvelopedVerifiableCredential. */
export function envelopedCredential(jwt: string) {
  return { "@context": [VC_CONTEXT], id: `data:application/vc+jwt,${jwt}`, type: "EnvelopedVerifiableCredential" };
}
