import { STATUS_LABELS, type CertificationStatus } from "../certification/status";

const TONE: Record<CertificationStatus, string> = {
  not_started: "badge--neutral",
  in_progress: "badge--warn",
  ready_for_sign_off: "",
  certified: "badge--ok",
  expiring_soon: "badge--warn",
  expired: "badge--danger",
  revoked: "badge--danger",
};

/** `label` overrides the status's own wording (e.g. "Not started: requires Level 1"). */
export function CertificationBadge({ status, label }: { status: CertificationStatus; label?: string }) {
  return <span className={`badge ${TONE[status]}`}>{label ?? STATUS_LABELS[status]}</span>;
}

/** "2026-11-25 10:42" (UTC), for timestamps in tables and trails. */
export function formatDateTime(date: Date | string): string {
  return new Date(date).toISOString().slice(0, 16).replace("T", " ");
}

export function formatDay(date: Date | string | null | undefined): string {
  if (!date) return "—";
  return new Date(date).toISOString().slice(0, 10);
}
