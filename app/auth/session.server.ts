// Database sessions: the cookie holds only an opaque random id. Sessions end after idle time or an absolute limit.
import crypto from "node:crypto";
import { createCookie } from "@remix-run/node";
import { prisma } from "../db/db.server";
import { sqlRow } from "../db/sql.server";
import { isGrantable, isRole, type SessionUser } from "./roles";

export const IDLE_TIMEOUT_MS = 2 * 60 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
const TOUCH_AFTER_MS = 60 * 1000;

export const sessionCookie = createCookie("ck_session", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  // Secure unless explicitly turned off (for plain-HTTP access from another machine on a LAN).
  secure: process.env.NODE_ENV === "production" && process.env.SECURE_COOKIES !== "false",
  maxAge: ABSOLUTE_TIMEOUT_MS / 1000,
});

/** How a session began: sessions begun through the agency's provider follow it (app/sso/recheck.server.ts). */
export type SignInMethod = "password" | "sso";

export async function createSession(userId: string, signedInVia: SignInMethod = "password"): Promise<string> {
  const id = crypto.randomBytes(32).toString("base64url");
  const now = Date.now();
  await prisma.$transaction([
    prisma.session.create({
      data: {
        id,
        userId,
        createdAt: new Date(now),
        lastSeenAt: new Date(now),
        expiresAt: new Date(now + ABSOLUTE_TIMEOUT_MS),
        signedInVia,
      },
    }),
    // Every way in (password, single sign-on) begins a session here: the admin list's "active" filter reads this.
    prisma.user.update({ where: { id: userId }, data: { lastSignedInAt: new Date(now) }, select: { id: true } }),
  ]);
  return id;
}

export async function sessionIdFrom(request: Request): Promise<string | null> {
  const value = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 20 ? value : null;
}

interface SessionRow {
  lastSeenAt: Date | string;
  expiresAt: Date | string;
  id: string;
  email: string;
  name: string;
  role: string;
  agencyId: string;
  unitId: string | null;
  grants: string | null;
  mustChangePassword: number | boolean;
}

const sessionUserSql = (permissions: string) => `
  SELECT s."lastSeenAt" AS "lastSeenAt", s."expiresAt" AS "expiresAt",
         u."id" AS "id", u."email" AS "email", u."name" AS "name", u."role" AS "role", u."agencyId" AS "agencyId",
         u."unitId" AS "unitId", u."mustChangePassword" AS "mustChangePassword",
         (SELECT ${permissions} FROM "PermissionGrant" g WHERE g."userId" = u."id") AS "grants"
  FROM "Session" s JOIN "User" u ON u."id" = s."userId"
  WHERE s."id" = `;
const SESSION_USER = {
  sqlite: `${sessionUserSql(`group_concat(g."permission", ' ')`)}?`,
  postgres: `${sessionUserSql(`string_agg(g."permission", ' ')`)}?`,
};

/** The signed-in user, or null. One prepared read; a write at most once a minute to keep the session alive. */
export async function getSessionUser(request: Request): Promise<SessionUser | null> {
  const sessionId = await sessionIdFrom(request);
  if (!sessionId) return null;
  const row = await sqlRow<SessionRow>(SESSION_USER, sessionId);
  if (!row || !isRole(row.role)) return null;
  const now = Date.now();
  const lastSeen = new Date(row.lastSeenAt).getTime();
  if (now >= new Date(row.expiresAt).getTime() || now - lastSeen >= IDLE_TIMEOUT_MS) {
    await prisma.session.deleteMany({ where: { id: sessionId } });
    return null;
  }
  if (now - lastSeen > TOUCH_AFTER_MS) {
    await prisma.session.updateMany({ where: { id: sessionId }, data: { lastSeenAt: new Date(now) } });
  }
  const grants = (row.grants ?? "").split(" ").filter(isGrantable);
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    agencyId: row.agencyId,
    unitId: row.unitId,
    grants,
    mustChangePassword: Boolean(row.mustChangePassword),
  };
}

export async function destroySession(request: Request): Promise<void> {
  const sessionId = await sessionIdFrom(request);
  if (sessionId) await prisma.session.deleteMany({ where: { id: sessionId } });
}

export function commitSessionCookie(sessionId: string): Promise<string> {
  return sessionCookie.serialize(sessionId);
}

export function clearSessionCookie(): Promise<string> {
  return sessionCookie.serialize("", { maxAge: 0 });
}
