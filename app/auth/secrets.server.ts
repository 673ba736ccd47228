// Secrets at rest (TOTP secrets, OIDC client secrets): AES-256-GCM with a key from CK_SECRETS_KEY.
// In production the key must be set; elsewhere a fixed development key keeps the demo and tests running
// (docs/decisions/0250-agency-sign-in.md).
import crypto from "node:crypto";
import { SignInSetupError } from "./sign-in-policy.server";

const DEV_KEY_SOURCE = "circlekeeper-development-secrets-key-not-for-production";

function key(): Buffer {
  const configured = process.env.CK_SECRETS_KEY;
  if (configured) {
    const bytes = Buffer.from(configured, "base64");
    if (bytes.length !== 32) throw new Error("CK_SECRETS_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32).");
    return bytes;
  }
  if (process.env.NODE_ENV === "production") {
    throw new SignInSetupError("form", "Second factors and single sign-on need CK_SECRETS_KEY on the server (see the README, Agency sign-in).");
  }
  return crypto.createHash("sha256").update(DEV_KEY_SOURCE).digest();
}

/** "v1.<iv>.<tag>.<ciphertext>", each base64url. */
export function encryptSecret(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), body].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function decryptSecret(sealed: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined) throw new Error("Not an encrypted secret.");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString("base64url");
}

export function sha256(text: string): string {
  return crypto.createHash("sha256").update(text).digest("hex");
}
