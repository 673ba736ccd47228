// The gate every loader and action goes through.
import { redirect } from "@remix-run/node";
import { holds, type Permission, type Role, type SessionUser } from "./roles";
import { getSessionUser } from "./session.server";

export { getSessionUser as getUser };

export function forbidden(message = "You do not have access to this page."): Response {
  return new Response(message, { status: 403, statusText: "Forbidden" });
}

export function notFound(message = "We could not find that page."): Response {
  return new Response(message, { status: 404, statusText: "Not Found" });
}

/** Where a person whose password an admin set is sent, from every other page, until they change it. */
export const CHANGE_PASSWORD_PATH = "/account/password";

/**
 * Signed in (else to /login, coming back afterwards), with a password of their own (else to change it), and
 * allowed (else 403).
 */
export async function requireUser(
  request: Request,
  options: { permission?: Permission; role?: Role } = {},
): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
  }
  if (user.mustChangePassword && new URL(request.url).pathname !== CHANGE_PASSWORD_PATH)
    throw redirect(CHANGE_PASSWORD_PATH);
  if (options.permission && !holds(user, options.permission)) throw forbidden();
  if (options.role && user.role !== options.role) throw forbidden();
  return user;
}

/**
 * Anything but printable ASCII (control characters, spaces, U+2028, letters outside ASCII) cannot go into a
 * Location header, and no path of ours needs it: the paths we send people back to are percent-encoded.
 */
export function hasUnsafeRedirectCharacters(to: string): boolean {
  return /[^\x21-\x7e]/.test(to);
}

/** Only same-site paths: never another origin, never a protocol-relative URL. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (
    typeof to !== "string" ||
    !to.startsWith("/") ||
    to.startsWith("//") ||
    to.startsWith("/\\") ||
    hasUnsafeRedirectCharacters(to)
  ) {
    return fallback;
  }
  return to;
}
