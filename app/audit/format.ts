// How people read the audit trail: a label for each action, and stored JSON values as "key: value" pairs.
import type { AuditAction } from "./audit.server";

/** Every action has a label: adding an action to AuditAction fails the type check until it has one here. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  "user.created": "Account created",
  "user.password_reset": "Password reset by an admin",
  "user.password_changed": "Password changed",
  "user.role_changed": "Role changed",
  "user.unit_changed": "Unit changed",
  "user.supervised_units_changed": "Supervised units changed",
  "user.permission_granted": "Permission granted",
  "user.permission_revoked": "Permission withdrawn",
  "practicum.confirmed": "Practicum confirmed",
  "practicum.returned": "Practicum returned",
  "practicum.follow_up_recorded": "Practicum follow-up recorded (agreement kept or not)",
  "cpd.logged": "Development activity logged",
  "cpd.confirmed": "Development activity confirmed",
  "cpd.returned": "Development activity returned",
  "case_study.submitted": "Case study submitted",
  "case_study.revised": "Case study revised and resubmitted",
  "case_study.accepted": "Case study accepted",
  "case_study.returned": "Case study returned",
  "certification.signed_off": "Certification signed off",
  "certification.revoked": "Certification revoked",
  "observation.recorded": "Observation recorded",
  "observation.scored": "Observation scored by a second assessor",
  "observation.responded": "Officer responded to an observation",
  "studio.draft_created": "Draft created",
  "studio.draft_saved": "Draft saved",
  "studio.draft_submitted": "Draft submitted for review",
  "studio.draft_returned": "Draft returned for changes",
  "studio.draft_approved": "Draft approved",
  "studio.version_published": "Version published",
  "studio.rollback_requested": "Rollback requested",
  "studio.draft_merged_published": "Published changes brought into a draft",
  "studio.draft_undo_confirmed": "Undoing published changes confirmed",
  "studio.community_review_requested": "Community review requested",
  "studio.community_review_recorded": "Community review recorded",
  "studio.image_uploaded": "Image uploaded to a draft",
  "studio.twine_imported": "Draft imported from Twine",
  "studio.review_comment_added": "Review comment added",
  "studio.review_comment_resolved": "Review comment resolved",
  "assessment.retake_authorized": "Assessed retake authorized",
  "agency.mail_server_changed": "Mail server settings changed",
  "user.mfa_enrolled": "Authenticator app set up",
  "user.mfa_removed": "Authenticator app removed",
  "user.mfa_reset": "Second factors reset by an admin",
  "user.recovery_code_used": "Recovery code used",
  "user.passkey_added": "Passkey added",
  "user.sso_provisioned": "Account created by single sign-on",
  "user.sso_updated": "Account updated from the identity provider",
  "user.sso_sessions_ended": "Signed out: the identity provider no longer lets this person in",
  "agency.sign_in_policy_changed": "Sign-in policy changed",
  "agency.identity_provider_changed": "Identity provider changed",
  "agency.lrs_changed": "Learning record store settings changed",
};

/** What an entry reads as: the action's label, naming the program where the entry is about one. */
export function auditEntryLabel(action: string, after: string | null, names: AuditNames = PLAIN): string {
  const label = (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
  const program = valueOf(after, "program");
  if (action === "certification.signed_off" && typeof program === "string") {
    return `${valueOf(after, "kind") === "renewal" ? "Signed off the renewal of" : "Signed off"} ${names.program(program)}`;
  }
  if (action === "certification.revoked" && typeof program === "string") return `Revoked ${names.program(program)}`;
  return label;
}

/** Kept for callers that have only the action. */
export function auditActionLabel(action: string): string {
  return auditEntryLabel(action, null);
}

/**
 * Names for the codes stored in entries' values: programs by title, certification statuses by label. Given by
 * the caller (certification/audit-names.server.ts), so the audit folder does not import the areas it records.
 */
export interface AuditNames {
  program(slug: string): string;
  status(code: string): string | undefined;
}
const PLAIN: AuditNames = { program: (slug) => slug, status: () => undefined };

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * "Dec 2, 2026, 3:28 AM UTC": written by hand, not by Intl, so the server and the browser print the same text
 * (their ICU versions differ in spaces and punctuation) and the zone is always said.
 */
export function formatTimestamp(value: Date | string): string {
  const d = new Date(value);
  const hours = d.getUTCHours();
  const minutes = String(d.getUTCMinutes()).padStart(2, "0");
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}, ${hours % 12 || 12}:${minutes} ${hours < 12 ? "AM" : "PM"} UTC`;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;
const RECORD_WORDS: Record<string, string> = {
  submitted: "Submitted",
  confirmed: "Confirmed",
  returned: "Returned",
  accepted: "Accepted",
  initial: "Initial",
  renewal: "Renewal",
};

function valueOf(json: string | null, key: string): unknown {
  if (!json) return undefined;
  try {
    const value = JSON.parse(json) as unknown;
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)[key]
      : undefined;
  } catch {
    return undefined;
  }
}

function readable(key: string, v: unknown, names: AuditNames): string {
  if (v === null || v === undefined) return "none";
  if (Array.isArray(v)) return v.map((x) => readable(key, x, names)).join(", ") || "none";
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (typeof v !== "string") return String(v);
  if (key === "program") return names.program(v);
  if (ISO_TIME.test(v)) return formatTimestamp(v);
  return names.status(v) ?? RECORD_WORDS[v] ?? v;
}

/** A stored JSON value as "Key: value" pairs people read: codes become labels, timestamps carry their zone. */
export function describeAuditValue(json: string | null, names: AuditNames = PLAIN): string {
  if (!json) return "";
  try {
    const value = JSON.parse(json) as unknown;
    if (value && typeof value === "object" && !Array.isArray(value)) {
      return Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `${k.replace(/([A-Z])/g, " $1").toLowerCase()}: ${readable(k, v, names)}`)
        .join("; ");
    }
    return readable("", value, names);
  } catch {
    return json;
  }
}
