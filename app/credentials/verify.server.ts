// Checking a credential someone hands us (pasted, uploaded, or looked up by certificate code): its signature
// against the keys this deployment publishes, its dates, and its bit in the issuing agency's status list. Each
// check says in plain words what it found; bad input is a 400, never a 500.
import { compactVerify, decodeProtectedHeader, importJWK, type JWK } from "jose";
import { prisma } from "../db/db.server";
import { DomainError } from "../errors";
import { ALGORITHM, CREDENTIAL_TYPE, publicAddresses, publishedKeys } from "./issuer.server";
import { statusListUrl } from "./open-badges";
import { isRevokedInList } from "./status-list.server";

/** Larger than any credential we issue (about 5 KB) by far; anything bigger is not one of ours. */
export const MAX_CREDENTIAL_BYTES = 64 * 1024;

export type CheckName = "signature" | "dates" | "status";
export interface Check {
  name: CheckName;
  ok: boolean;
  message: string;
}

export interface CredentialCheck {
  valid: boolean;
  checks: Check[];
  /** What the credential says, once its signature holds (null otherwise: unsigned text is not repeated). */
  says: { name: string; issuer: string; holder: string; validFrom: string; validUntil: string | null } | null;
}

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const ENVELOPE_PREFIX = "data:application/vc+jwt,";

/** The compact JWT inside what was pasted: the JWT itself, or the JSON of an EnvelopedVerifiableCredential. */
export function jwtFromInput(input: string): string {
  if (Buffer.byteLength(input, "utf8") > MAX_CREDENTIAL_BYTES)
    throw new DomainError("invalid", "That is too large to be a credential (the limit is 64 KB).", {
      field: "credential",
    });
  const text = input.trim();
  if (!text)
    throw new DomainError("invalid", "Paste a credential or choose a credential file.", { field: "credential" });
  if (COMPACT_JWS.test(text)) return text;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DomainError(
      "invalid",
      "This is neither a signed credential (a .jwt file) nor credential JSON: check that the whole text was pasted.",
      { field: "credential" },
    );
  }
  const envelope = json as { type?: unknown; id?: unknown; proof?: unknown };
  if (typeof envelope.id === "string" && envelope.id.startsWith(ENVELOPE_PREFIX)) {
    const jwt = envelope.id.slice(ENVELOPE_PREFIX.length);
    if (COMPACT_JWS.test(jwt)) return jwt;
  }
  throw new DomainError(
    "invalid",
    envelope.proof
      ? "This credential carries an embedded proof, which this page does not check: use the .jwt or .json file Circlekeeper gave you."
      : "This JSON holds no signed credential: use the .jwt or .json file Circlekeeper gave you.",
    { field: "credential" },
  );
}

type Claims = Record<string, unknown>;

async function checkSignature(jwt: string): Promise<{ check: Check; claims: Claims | null }> {
  const fail = (message: string) => ({ check: { name: "signature" as const, ok: false, message }, claims: null });
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jwt);
  } catch {
    return fail("The signature cannot be read: the credential's text is damaged.");
  }
  if (header.alg !== ALGORITHM || header.typ !== CREDENTIAL_TYPE)
    return fail("This is not a credential signed the way Circlekeeper signs them (EdDSA, vc+jwt).");
  const key = (await publishedKeys()).find((k) => k.kid === header.kid);
  if (!key) return fail("It was not signed with a key this Circlekeeper publishes: another issuer made it.");
  try {
    const { payload } = await compactVerify(jwt, await importJWK(key.publicJwk as JWK, ALGORITHM));
    const claims = JSON.parse(new TextDecoder().decode(payload)) as Claims;
    return { check: { name: "signature", ok: true, message: "Signed by this Circlekeeper; unchanged since." }, claims };
  } catch {
    return fail("The signature does not match: the credential was changed after it was signed.");
  }
}

function day(iso: string): string {
  return new Date(iso).toLocaleDateString("en-US", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

function checkDates(claims: Claims, now: Date): Check {
  const from = typeof claims.validFrom === "string" ? claims.validFrom : null;
  const until = typeof claims.validUntil === "string" ? claims.validUntil : null;
  if (!from) return { name: "dates", ok: false, message: "The credential has no start date." };
  if (new Date(from).getTime() > now.getTime())
    return { name: "dates", ok: false, message: `Not valid yet: it is valid from ${day(from)}.` };
  if (until && new Date(until).getTime() <= now.getTime())
    return {
      name: "dates",
      ok: false,
      message: `Expired on ${day(until)}: the certification was not renewed in time.`,
    };
  return { name: "dates", ok: true, message: until ? `Current: valid until ${day(until)}.` : "Current." };
}

async function checkStatus(claims: Claims): Promise<Check> {
  const status = claims.credentialStatus as { statusListCredential?: unknown; statusListIndex?: unknown } | undefined;
  const list = typeof status?.statusListCredential === "string" ? status.statusListCredential : "";
  const index = Number(status?.statusListIndex);
  const agencyId = list.split("/").pop() ?? "";
  if (!Number.isInteger(index) || index < 0 || list !== statusListUrl(publicAddresses(), agencyId))
    return { name: "status", ok: false, message: "Its revocation status cannot be looked up here." };
  const revoked = await isRevokedInList(agencyId, index);
  if (revoked === null) return { name: "status", ok: false, message: "Its revocation list does not exist." };
  return revoked
    ? { name: "status", ok: false, message: "Revoked: a supervisor withdrew this certification." }
    : { name: "status", ok: true, message: "Not revoked." };
}

function saysOf(claims: Claims): CredentialCheck["says"] {
  const subject = claims.credentialSubject as { identifier?: { identityHash?: unknown }[] } | undefined;
  const issuer = claims.issuer as { name?: unknown } | undefined;
  return {
    name: String(claims.name ?? ""),
    issuer: String(issuer?.name ?? ""),
    holder: String(subject?.identifier?.[0]?.identityHash ?? ""),
    validFrom: String(claims.validFrom ?? ""),
    validUntil: typeof claims.validUntil === "string" ? claims.validUntil : null,
  };
}

/** Checks a compact VC-JWT; the dates and status are checked only once the signature holds. */
export async function checkCredentialJwt(jwt: string, now = new Date()): Promise<CredentialCheck> {
  const signature = await checkSignature(jwt);
  if (!signature.claims) return { valid: false, checks: [signature.check], says: null };
  const checks = [signature.check, checkDates(signature.claims, now), await checkStatus(signature.claims)];
  return { valid: checks.every((c) => c.ok), checks, says: saysOf(signature.claims) };
}

/** The text to check from the verify form: the uploaded file when one was chosen, else the pasted text. */
export async function credentialInputFrom(form: FormData): Promise<string> {
  const file = form.get("file");
  if (file instanceof Blob && file.size > 0) {
    if (file.size > MAX_CREDENTIAL_BYTES)
      throw new DomainError("invalid", "That file is too large to be a credential (the limit is 64 KB).", {
        field: "file",
      });
    return file.text();
  }
  const pasted = form.get("credential");
  return typeof pasted === "string" ? pasted : "";
}

/** Checks what was pasted or uploaded; a DomainError (400) when it is not a credential at all. */
export async function checkCredentialInput(input: string, now = new Date()): Promise<CredentialCheck> {
  return checkCredentialJwt(jwtFromInput(input), now);
}

/** The credential check of the certificate with this verification code; null when it has no credential. */
export async function checkCredentialOfCode(code: string, now = new Date()): Promise<CredentialCheck | null> {
  const signOff = await prisma.signOff.findUnique({
    where: { verificationCode: code.trim().toUpperCase() },
    select: { credential: { select: { jwt: true } } },
  });
  const row = signOff?.credential;
  return row ? checkCredentialJwt(row.jwt, now) : null;
}
