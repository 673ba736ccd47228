// Who may do what. Pure: the server enforces it on every loader and action; pages use it only to hide links.
// community_reviewer: someone outside the police (e.g. a victim advocate) who reviews flagged studio drafts
// against a harm checklist, and sees nothing else (docs/decisions/0180-community-review.md).
export const ROLES = ["officer", "trainer", "supervisor", "admin", "community_reviewer"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  officer: "Officer",
  trainer: "Trainer",
  supervisor: "Supervisor",
  admin: "Admin",
  community_reviewer: "Community reviewer",
};

export type Permission =
  | "modules:read"
  | "scenarios:play"
  | "certification:own"
  | "studio:use"
  /** read the agency's drafts flagged for community review, and record a community review of them */
  | "studio:community-review"
  | "officers:supervise"
  | "users:manage"
  | "audit:read"
  /** authorize one more assessed attempt after a failed one (supervisors: their units; trainers, admins: the agency) */
  | "assessments:authorize"
  /** record observations of officers against a rubric: held by grant, never by role alone (GRANTABLE below) */
  | "observations:record";

const GRANTS: Record<Role, readonly Permission[]> = {
  officer: ["modules:read", "scenarios:play", "certification:own"],
  trainer: ["modules:read", "scenarios:play", "studio:use", "assessments:authorize"],
  supervisor: ["modules:read", "scenarios:play", "officers:supervise", "audit:read", "assessments:authorize"],
  admin: [
    "modules:read",
    "scenarios:play",
    "studio:use",
    "officers:supervise",
    "users:manage",
    "audit:read",
    "assessments:authorize",
  ],
  community_reviewer: ["studio:community-review"],
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/**
 * Permissions no role has by itself: an admin grants them to one person, whose role must be one of these
 * (docs/decisions/0160-assessor-permission-by-grant.md). A grant lies dormant while its holder has another role.
 */
export const GRANTABLE = {
  "observations:record": ["supervisor", "trainer"],
} as const satisfies Partial<Record<Permission, readonly Role[]>>;
export type GrantablePermission = keyof typeof GRANTABLE;

export const GRANTABLE_LABELS: Record<GrantablePermission, string> = {
  "observations:record": "Assessor: may record observations of officers",
};

export function isGrantable(value: unknown): value is GrantablePermission {
  return typeof value === "string" && Object.hasOwn(GRANTABLE, value);
}

export function mayHoldGrant(role: Role, permission: GrantablePermission): boolean {
  return (GRANTABLE[permission] as readonly Role[]).includes(role);
}

/** What a person may do: their role's permissions, and any grant their current role may hold. */
export function holds(user: { role: Role; grants?: readonly Permission[] }, permission: Permission): boolean {
  if (can(user.role, permission)) return true;
  return isGrantable(permission) && (user.grants ?? []).includes(permission) && mayHoldGrant(user.role, permission);
}

/** The agency-wide rater-agreement figures: supervisors and admins, and assessors (who are being compared). */
export function mayReadRaterAgreement(user: { role: Role; grants?: readonly Permission[] }): boolean {
  return can(user.role, "officers:supervise") || holds(user, "observations:record");
}

/** What the signed-in user looks like everywhere in the app. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  agencyId: string;
  unitId: string | null;
  /** permissions granted to this person beyond their role's (absent: none) */
  grants?: readonly Permission[];
  /** an admin set the password: every page but the change-password page sends them there (requireUser) */
  mustChangePassword?: boolean;
}
