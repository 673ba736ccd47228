// The shapes of what Circlekeeper publishes as Open Badges 3.0: the OpenBadgeCredential for a certificate, the
// agency's issuer Profile, the program's Achievement, the revocation status list credential and the DID document
// that names the signing key. Pure: the issuing code fills them in and signs them (issuer.server.ts).
import type { Program } from "../certification/format";
import { COMPETENCIES, type Competency } from "../scenarios/format";

export const VC_CONTEXT = "https://www.w3.org/ns/credentials/v2";
export const OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
/** The spec's minimum list size (16 KB of bits), so one credential cannot be told from the others by the list. */
export const STATUS_LIST_BITS = 131_072;

export interface PublicAddresses {
  /** the deployment's base URL, without a trailing slash */
  base: string;
}

export const issuerUrl = ({ base }: PublicAddresses, agencyId: string) => `${base}/credentials/issuers/${agencyId}`;
export const achievementUrl = ({ base }: PublicAddresses, programSlug: string) =>
  `${base}/credentials/achievements/${programSlug}`;
export const statusListUrl = ({ base }: PublicAddresses, agencyId: string) => `${base}/credentials/status/${agencyId}`;

/** did:web of the base URL's host (a port is percent-encoded, as did:web asks): the deployment's identifier. */
export function deploymentDid({ base }: PublicAddresses): string {
  return `did:web:${encodeURIComponent(new URL(base).host)}`;
}

const COMPETENCY_DEFINITIONS: Record<Competency, { name: string; description: string }> = {
  neutrality: {
    name: "Neutrality",
    description: "Keeps an even hand between the parties: no verdicts, no taking sides, no steering the outcome.",
  },
  empathy: {
    name: "Empathy",
    description: "Acknowledges what each party feels and has lived through, in words they recognize as their own.",
  },
  safety: {
    name: "Safety",
    description: "Screens for risk, notices when someone is unsafe or coerced, and pauses or stops the process.",
  },
  accountability: {
    name: "Accountability",
    description: "Helps the responsible person own the harm and agree to repair it, without shaming them.",
  },
  process: {
    name: "Process",
    description: "Prepares, opens, paces and closes a restorative process as designed, with informed consent.",
  },
};

export function issuerProfile(addresses: PublicAddresses, agency: { id: string; name: string }) {
  return { id: issuerUrl(addresses, agency.id), type: ["Profile"], name: agency.name, url: addresses.base };
}

/** What earning the program asks for, in plain words, from the program's own requirements. */
export function criteriaNarrative(program: Program, titleOf: (moduleSlug: string) => string): string {
  const r = program.requirements;
  const lines = [
    r.modules.length ? `Pass the knowledge check of each module: ${r.modules.map(titleOf).join("; ")}.` : "",
    ...r.scenarios.map((s) => `Pass an assessed role-play at ${s.minScore} or more: ${s.skill}.`),
    r.observations.length
      ? `Be observed facilitating and rated at least "${r.observations[0]!.minLevel}" on every criterion of the rubric.`
      : "",
    ...r.practicum.map((p) => `Log ${p.count} real restorative processes, confirmed by a supervisor.`),
    ...(r.caseStudies ? [`Have ${r.caseStudies.count} written case studies accepted by an assessor.`] : []),
    ...r.heldPrograms.map((h) => `Hold the prerequisite certification for ${h.months} months.`),
    "Be signed off by a supervisor of the officer's unit.",
    `The certification is valid for ${program.validForMonths} months and is renewed by a new sign-off.`,
  ];
  return lines
    .filter(Boolean)
    .map((line) => `- ${line}`)
    .join("\n");
}

export function achievement(addresses: PublicAddresses, program: Program, narrative: string) {
  const id = achievementUrl(addresses, program.slug);
  return {
    id,
    type: ["Achievement"],
    achievementType: "Certification",
    name: program.title,
    description: program.summary,
    criteria: { narrative },
    alignment: COMPETENCIES.map((competency) => ({
      type: ["Alignment"],
      targetName: COMPETENCY_DEFINITIONS[competency].name,
      targetDescription: COMPETENCY_DEFINITIONS[competency].description,
      targetUrl: `${id}#competency-${competency}`,
      targetType: "ceasn:Competency",
    })),
  };
}

export interface CredentialFacts {
  credentialId: string;
  agency: { id: string; name: string };
  officerName: string;
  program: Program;
  criteria: string;
  validFrom: Date;
  validUntil: Date;
  statusIndex: number;
}

/** The OpenBadgeCredential (VC data model 2.0) for one certificate, unsigned. */
export function openBadgeCredential(addresses: PublicAddresses, facts: CredentialFacts) {
  const list = statusListUrl(addresses, facts.agency.id);
  return {
    "@context": [VC_CONTEXT, OB_CONTEXT],
    id: `urn:uuid:${facts.credentialId}`,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: facts.program.title,
    issuer: issuerProfile(addresses, facts.agency),
    validFrom: facts.validFrom.toISOString(),
    validUntil: facts.validUntil.toISOString(),
    credentialSubject: {
      type: ["AchievementSubject"],
      // The officer is named, not identified by an account id: a public verifier learns nothing else.
      identifier: [{ type: ["IdentityObject"], identityType: "name", hashed: false, identityHash: facts.officerName }],
      achievement: achievement(addresses, facts.program, facts.criteria),
    },
    credentialStatus: {
      id: `${list}#${facts.statusIndex}`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: String(facts.statusIndex),
      statusListCredential: list,
    },
  };
}

export type OpenBadgeCredential = ReturnType<typeof openBadgeCredential>;

/** The agency's revocation list as a credential, `encodedList` being the multibase (base64url) GZIP of the bits. */
export function statusListCredential(addresses: PublicAddresses, agencyId: string, encodedList: string, at: Date) {
  const id = statusListUrl(addresses, agencyId);
  return {
    "@context": [VC_CONTEXT],
    id,
    type: ["VerifiableCredential", "BitstringStatusListCredential"],
    issuer: issuerUrl(addresses, agencyId),
    validFrom: at.toISOString(),
    credentialSubject: { id: `${id}#list`, type: "BitstringStatusList", statusPurpose: "revocation", encodedList },
  };
}

/** The DID document of the deployment: every published key, usable to check what it signed. */
export function didDocument(addresses: PublicAddresses, keys: { kid: string; publicJwk: Record<string, unknown> }[]) {
  const did = deploymentDid(addresses);
  return {
    "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"],
    id: did,
    verificationMethod: keys.map((k) => ({
      id: k.kid,
      type: "JsonWebKey2020",
      controller: did,
      publicKeyJwk: k.publicJwk,
    })),
    assertionMethod: keys.map((k) => k.kid),
  };
}
