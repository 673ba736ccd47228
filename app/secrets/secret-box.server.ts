// Secrets an admin types (mail-server passwords, identity-provider client secrets, LRS credentials) are kept
// encrypted at rest with AES-256-GCM under a key from the environment, so a copy of the database alone does not
// give them away. The key never lives in the database: it comes from CK_SECRETS_KEY or, when that is unset in
// production, from a key file the server makes once beside the database (mode 0600), so a fresh `npm start` can
// keep second factors and sign credentials; deployments set CK_SECRETS_KEY from their secret store (decision 0390).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { databaseEngine, databasePath } from "../db/database-url.js";
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
  if (process.env.NODE_ENV === "production") return keyFromFile(defaultKeyFile());
  return developmentKey();
}

/** The key of development and tests; a test's production server opening secrets a test sealed is given it. */
export function developmentKey(): Buffer {
  return crypto.createHash("sha256").update(DEVELOPMENT_KEY_TEXT).digest();
}

/** `secrets.key` in the data folder: beside the SQLite file, or `data/` for PostgreSQL. */
function defaultKeyFile(): string {
  const db = databaseEngine() === "sqlite" ? databasePath() : ":memory:";
  return path.join(db === ":memory:" ? path.resolve("data") : path.dirname(db), "secrets.key");
}

const fileKeys = new Map<string, Buffer>();

/** The key kept in `file`, made (32 random bytes, base64, mode 0600) when the file does not exist yet. */
export function keyFromFile(file: string): Buffer {
  const known = fileKeys.get(file);
  if (known) return known;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      // "wx": when two processes start at once, one writes and the other reads what it wrote.
      fs.writeFileSync(file, crypto.randomBytes(32).toString("base64") + "\n", { flag: "wx", mode: 0o600 });
      console.warn(`No CK_SECRETS_KEY: made a key file at ${file}. Set CK_SECRETS_KEY in production (README).`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  const raw = Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
  if (raw.length !== 32) throw new Error(`${file} must hold 32 bytes, base64-encoded.`);
  fileKeys.set(file, raw);
  return raw;
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
