// Who may do what. Pure: the server enforces it on every loader and action; pages use it only to hide links.
export const ROLES = ["officer", "trainer", "supervisor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  officer: "Officer",
  trainer: "Trainer",
  supervisor: "Supervisor",
  admin: "Admin",
};

export type Permission =
  | "modules:read"
  | "scenarios:play"
  | "certification:own"
  | "studio:use"
  | "officers:supervise"
  | "users:manage"
  | "audit:read"
  /** authorize one more assessed attempt after a failed one (supervisors: their units; trainers, admins: the agency) */
  | "assessments:authorize";

const GRANTS: Record<Role, readonly Permission[]> = {
  officer: ["modules:read", "scenarios:play", "certification:own"],
  trainer: ["modules:read", "scenarios:play", "studio:use", "assessments:authorize"],
  supervisor: ["modules:read", "scenarios:play", "officers:supervise", "audit:read", "assessments:authorize"],
  admin: ["modules:read", "scenarios:play", "studio:use", "officers:supervise", "users:manage", "audit:read", "assessments:authorize"],
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** What the signed-in user looks like everywhere in the app. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  agencyId: string;
  unitId: string | null;
}
