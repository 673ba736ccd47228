// Secrets at rest for sign-in (TOTP secrets, OIDC client secrets), sealed with CK_SECRETS_KEY by the shared secret
// box, and the random tokens and hashes sign-in uses (docs/decisions/0250-agency-sign-in.md).
import crypto from "node:crypto";

/** Sealed with the one secret box every area uses (app/secrets/secret-box.server.ts). */
export { openSecret as decryptSecret, sealSecret as encryptSecret } from "../secrets/secret-box.server";

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString("base64url");
}

export function sha256(text: string): string {
  return crypto.createHash("sha256").update(text).digest("hex");
}
