// Passwords: argon2id hashes, a minimum length and a list of passwords too common to allow.
import { hash, verify } from "@node-rs/argon2";

// OWASP's second argon2id configuration (19 MiB, t=2, p=1): about 25 ms here, strong enough for an online attack.
const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

const COMMON = new Set(
  [
    "password",
    "password1",
    "password12",
    "password123",
    "password1234",
    "123456789012",
    "1234567890123",
    "qwertyuiopas",
    "qwerty123456",
    "iloveyou1234",
    "letmein12345",
    "welcome12345",
    "administrator",
    "changeme1234",
    "passw0rd1234",
    "trustno11234",
    "football1234",
    "baseball1234",
    "sunshine1234",
    "princess1234",
    "dragon123456",
    "monkey123456",
    "abc123456789",
    "111111111111",
    "000000000000",
    "policeofficer",
    "police123456",
    "officer12345",
    "restorative1",
    "circlekeeper",
  ].map((p) => p.toLowerCase()),
);

export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > 200) return "Use at most 200 characters.";
  if (COMMON.has(password.toLowerCase()) || /^(.)\1+$/.test(password))
    return "This password is too common; choose another.";
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verifying against this when the account does not exist keeps timing the same either way. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("not-a-real-password-for-timing");
  return dummyHash;
}
