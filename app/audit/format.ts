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
  "studio.community_review_requested": "Community review requested",
  "studio.community_review_recorded": "Community review recorded",
  "assessment.retake_authorized": "Assessed retake authorized",
  "agency.mail_server_changed": "Mail server settings changed",
  "agency.lrs_changed": "Learning record store settings changed",
};

export function auditActionLabel(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
}

export function describeAuditValue(json: string | null): string {
  if (!json) return "";
  try {
    const value = JSON.parse(json) as unknown;
    if (value && typeof value === "object" && !Array.isArray(value)) {
      return Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `${k.replace(/([A-Z])/g, " $1").toLowerCase()}: ${Array.isArray(v) ? v.join(", ") || "none" : v === null ? "none" : String(v)}`)
        .join("; ");
    }
    return String(value);
  } catch {
    return json;
  }
}
