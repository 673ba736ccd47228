// The deployment's signing key: one Ed25519 key pair, generated on first use, its private half sealed with
// CK_SECRETS_KEY (app/secrets) and kept in the database. It signs every credential as a VC-JWT (EdDSA); its public
// half is published in /.well-known/did.json and /.well-known/jwks.json. See docs/decisions/0320-*.
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from "jose";
import { prisma, type Tx } from "../db/db.server";
import { openSecret, sealSecret } from "../secrets/secret-box.server";
import { baseUrl } from "../xapi/profile";
import { deploymentDid, type PublicAddresses } from "./open-badges";

type Db = Tx | typeof prisma;

const SLOT = "current";
export const ALGORITHM = "EdDSA";
/** VC-JOSE-COSE: a JWT whose claims are the credential itself. */
export const CREDENTIAL_TYPE = "vc+jwt";

export function publicAddresses(): PublicAddresses {
  return { base: baseUrl() };
}

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
}

let cached: SigningKey | null = null;

/**
 * The key that signs; made (once per deployment) inside the transaction of the first credential issued, so a
 * rolled-back issue leaves no key behind. Only a key read back from the database is kept in memory.
 */
export async function signingKey(db: Db): Promise<SigningKey> {
  if (cached) return cached;
  const stored = await db.credentialKey.findUnique({ where: { slot: SLOT } });
  if (stored) return (cached = await asSigningKey(stored));
  const { publicKey, privateKey } = await generateKeyPair(ALGORITHM, { crv: "Ed25519", extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = `${deploymentDid(publicAddresses())}#${await calculateJwkThumbprint(publicJwk)}`;
  await db.credentialKey.create({
    data: {
      slot: SLOT,
      kid,
      publicJwk: JSON.stringify(publicJwk),
      privateJwkSealed: sealSecret(JSON.stringify(await exportJWK(privateKey))),
    },
  });
  return { kid, privateKey };
}

async function asSigningKey(row: { kid: string; privateJwkSealed: string }): Promise<SigningKey> {
  const jwk = JSON.parse(openSecret(row.privateJwkSealed)) as JWK;
  return { kid: row.kid, privateKey: (await importJWK(jwk, ALGORITHM)) as CryptoKey };
}

/** Signs `claims` (a credential) as a compact VC-JWT, with the registered claims a JWT verifier checks. */
export async function signCredential(
  db: Db,
  claims: { id: string; issuer: string | { id: string }; validFrom: string; validUntil?: string },
  at: Date,
): Promise<string> {
  const key = await signingKey(db);
  const seconds = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: ALGORITHM, typ: CREDENTIAL_TYPE, cty: "vc", kid: key.kid })
    .setIssuer(typeof claims.issuer === "string" ? claims.issuer : claims.issuer.id)
    .setJti(claims.id)
    .setIssuedAt(Math.floor(at.getTime() / 1000))
    .setNotBefore(seconds(claims.validFrom));
  if (claims.validUntil) jwt.setExpirationTime(seconds(claims.validUntil));
  return jwt.sign(key.privateKey);
}

/** Every key ever used to sign, public halves only, as published. */
export async function publishedKeys(): Promise<{ kid: string; publicJwk: Record<string, unknown> }[]> {
  const rows = await prisma.credentialKey.findMany({
    orderBy: { createdAt: "asc" },
    select: { kid: true, publicJwk: true },
  });
  return rows.map((row) => ({
    kid: row.kid,
    publicJwk: { ...(JSON.parse(row.publicJwk) as Record<string, unknown>), kid: row.kid, alg: ALGORITHM, use: "sig" },
  }));
}

/** The JWKS document (RFC 7517). */
export async function jwks() {
  return { keys: (await publishedKeys()).map((k) => k.publicJwk) };
}
