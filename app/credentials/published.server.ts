// What anyone may fetch to check a credential without asking us: the DID document and JWKS with the signing
// keys, each agency's issuer Profile and each program's Achievement (the credential's ids point at them).
import { findProgram } from "../certification/programs.server";
import { prisma } from "../db/db.server";
import { moduleTitles } from "./credentials.server";
import { publicAddresses, publishedKeys } from "./issuer.server";
import { achievement, criteriaNarrative, didDocument, issuerProfile, OB_CONTEXT, VC_CONTEXT } from "./open-badges";

export async function publishedDidDocument() {
  return didDocument(
    publicAddresses(),
    (await publishedKeys()).map(({ kid, publicJwk }) => ({ kid, publicJwk })),
  );
}

/** The agency's issuer Profile, or null for an agency that does not exist. */
export async function agencyProfile(agencyId: string) {
  const agency = await prisma.agency.findUnique({ where: { id: agencyId }, select: { id: true, name: true } });
  return agency ? { "@context": [VC_CONTEXT, OB_CONTEXT], ...issuerProfile(publicAddresses(), agency) } : null;
}

/** The program's Achievement, or null for a program that does not exist. */
export async function programAchievement(programSlug: string) {
  const program = findProgram(programSlug);
  if (!program) return null;
  const titles = await moduleTitles();
  const narrative = criteriaNarrative(program, (slug) => titles.get(slug) ?? slug);
  return { "@context": [VC_CONTEXT, OB_CONTEXT], ...achievement(publicAddresses(), program, narrative) };
}
