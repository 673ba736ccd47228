// Helpers shared by the security tests: who is who, and a fingerprint of everything a request could change.
import type { SessionUser } from "../../app/auth/roles";
import { isRole } from "../../app/auth/roles";
import { prisma } from "../../app/db/db.server";

/** The people the access-control matrix tries, as a role relative to the officer whose records are at stake. */
export const ROLE_EMAILS = {
  owner: "t.nguyen@example.org", // the officer whose attempts, practicum and certificate are requested (North)
  sameUnitOfficer: "officer@example.org", // another officer of the owner's unit
  otherUnitOfficer: "officer2@example.org", // an officer of another unit
  trainer: "trainer@example.org",
  supervisor: "supervisor@example.org", // supervises the owner's unit
  otherUnitSupervisor: "supervisor2@example.org", // supervises another unit only
  admin: "admin@example.org", // the owner's agency
  otherAgencyAdmin: "admin@elsewhere.example", // an admin of another agency (created by the test)
  communityReviewer: "advocate@example.org", // outside the police: reviews drafts flagged for community review
  anonymous: null,
} as const;
export type RoleName = keyof typeof ROLE_EMAILS;
export const ROLE_NAMES = Object.keys(ROLE_EMAILS) as RoleName[];

export async function sessionUserOf(email: string): Promise<SessionUser> {
  const u = await prisma.user.findUniqueOrThrow({ where: { email } });
  if (!isRole(u.role)) throw new Error(`unexpected role ${u.role}`);
  return { id: u.id, email: u.email, name: u.name, role: u.role, agencyId: u.agencyId, unitId: u.unitId };
}

// Sessions and sign-in throttles change on every request by design; everything else must not change when a
// request is refused.
const NOT_STATE = new Set(["Session", "SignInThrottle", "_prisma_migrations"]);
/** Columns that, like sessions, change with signing in (User.lastSignedInAt, written when a session begins). */
const NOT_STATE_COLUMNS = new Set(["lastSignedInAt"]);

/** Every row of every table that holds application state, as one string. */
export async function snapshot(): Promise<string> {
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    if (NOT_STATE.has(name)) continue;
    const rows = await prisma.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${name}" ORDER BY rowid`);
    parts.push(
      `${name}:${JSON.stringify(rows, (k, v) => (NOT_STATE_COLUMNS.has(k) ? undefined : typeof v === "bigint" ? v.toString() : v))}`,
    );
  }
  return parts.join("\n");
}

/** A response body as text, whatever run() made of it. */
export function textOf(data: unknown): string {
  return typeof data === "string" ? data : JSON.stringify(data ?? null);
}
