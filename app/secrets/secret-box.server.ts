// Secrets an admin types (mail-server passwords, identity-provider client secrets, LRS credentials) are kept
// encrypted at rest with AES-256-GCM under a key from the environment, so a copy of the database alone does not
// give them away. The key never lives in the database.
import crypto from "node:crypto";
import { DomainError } from "../errors";

const VERSION = "v1";
/** Development and tests only: production refuses to store a secret without CK_SECRETS_KEY. */
const DEVELOPMENT_KEY_TEXT = "circlekeeper development key: never used in production";

function key(): Buffer {
  const configured = process.env.CK_SECRETS_KEY;
  if (configured) {
    const raw = Buffer.from(configured, "base64");
    if (raw.length !== 32)
      throw new DomainError("invalid", "CK_SECRETS_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32).");
    return raw;
  }
  if (process.env.NODE_ENV === "production") {
    throw new DomainError(
      "invalid",
      "Set CK_SECRETS_KEY on the server (32 random bytes, base64; see the README) before saving passwords, second factors or client secrets.",
    );
  }
  return crypto.createHash("sha256").update(DEVELOPMENT_KEY_TEXT).digest();
}

/** "v1.<iv>.<tag>.<ciphertext>", all base64url. */
export function sealSecret(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key(), iv);
  const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), sealed]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/** The plain secret; throws when the text was altered or sealed under another key. */
export function openSecret(sealed: string): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error("Not a sealed secret.");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}
