// The audit trail: append-only. This module only ever inserts; nothing in the app updates or deletes entries.
import type { Tx } from "../db/db.server";

export type AuditAction =
  | "user.created"
  | "user.password_reset"
  | "user.password_changed"
  | "user.role_changed"
  | "user.unit_changed"
  | "user.supervised_units_changed"
  | "user.permission_granted"
  | "user.permission_revoked"
  | "practicum.confirmed"
  | "practicum.returned"
  | "practicum.follow_up_recorded"
  | "cpd.logged"
  | "cpd.confirmed"
  | "cpd.returned"
  | "case_study.submitted"
  | "case_study.revised"
  | "case_study.accepted"
  | "case_study.returned"
  | "certification.signed_off"
  | "certification.revoked"
  // Observations: the levels stay in the observation (a record the database will not change), not in the
  // trail, which supervisors who may still score the observation blind can read.
  | "observation.recorded"
  | "observation.scored"
  | "observation.responded"
  // Studio content: no officer, no unit (the actor's agency is the entry's).
  | "studio.draft_created"
  | "studio.draft_saved"
  | "studio.draft_submitted"
  | "studio.draft_returned"
  | "studio.draft_approved"
  | "studio.version_published"
  | "studio.rollback_requested"
  | "studio.draft_merged_published"
  | "studio.draft_undo_confirmed"
  | "studio.community_review_requested"
  | "studio.community_review_recorded"
  // Media and review comments (issue 19)
  | "studio.image_uploaded"
  | "studio.twine_imported"
  | "studio.review_comment_added"
  | "studio.review_comment_resolved"
  | "assessment.retake_authorized"
  // Agency settings: no officer, no unit.
  | "agency.mail_server_changed"
  // Agency sign-in (app/auth/): second factors, the agency's policy, its identity provider, SSO provisioning.
  | "user.mfa_enrolled"
  | "user.mfa_removed"
  | "user.mfa_reset"
  | "user.recovery_code_used"
  | "user.passkey_added"
  | "user.sso_provisioned"
  | "user.sso_updated"
  | "user.sso_sessions_ended"
  | "agency.sign_in_policy_changed"
  | "agency.identity_provider_changed"
  | "agency.lrs_changed";

export interface AuditInput {
  actorId: string | null;
  action: AuditAction;
  subjectId?: string | null;
  officerId?: string | null;
  unitId?: string | null;
  before?: unknown;
  after?: unknown;
}

export async function recordAudit(tx: Tx, entry: AuditInput): Promise<void> {
  await tx.auditEntry.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      subjectId: entry.subjectId ?? null,
      officerId: entry.officerId ?? null,
      unitId: entry.unitId ?? null,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    },
  });
}
