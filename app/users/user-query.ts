// What the admin users list is asked for: a search, filters and a keyset cursor, read from the address.
// Pure, so the page and the server agree on the names of the parameters (the server reads them in directory.server.ts).
import type { Role } from "../auth/roles";

export const USERS_PAGE_SIZE = 25;

/** "active": signed in within this many days. */
export const ACTIVE_WITHIN_DAYS = 90;

export const USER_STATUSES = ["active", "inactive", "locked", "must-change-password"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const USER_STATUS_LABELS: Record<UserStatus, string> = {
  active: `Signed in within ${ACTIVE_WITHIN_DAYS} days`,
  inactive: `Not signed in for ${ACTIVE_WITHIN_DAYS} days (or never)`,
  locked: "Locked after failed sign-ins",
  "must-change-password": "Must change password",
};

/** A position in the list's order (name, then id): the last row of one page, or the first of the next. */
export interface UserCursor {
  name: string;
  id: string;
}

export interface UserQuery {
  q: string;
  role: Role | null;
  /** a unit id, "none" for people without a unit, or null for any */
  unit: string | null;
  status: UserStatus | null;
  after: UserCursor | null;
  before: UserCursor | null;
}

/** The address of another page of the same search and filters. */
export function userListHref(query: UserQuery, page: { after?: string; before?: string } = {}): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.role) params.set("role", query.role);
  if (query.unit) params.set("unit", query.unit);
  if (query.status) params.set("status", query.status);
  if (page.after) params.set("after", page.after);
  if (page.before) params.set("before", page.before);
  const search = params.toString();
  return search ? `/admin/users?${search}` : "/admin/users";
}
