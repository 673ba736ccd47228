// What Circlekeeper tells people, and which of those messages a person may turn off. Pure: the server module
// (notify.server.ts) writes them; the preference page lists them.

export const NOTIFICATION_KINDS = [
  "certification_expiring_60",
  "certification_expiring_30",
  "certification_expiring_7",
  "certification_expired",
  "practicum_to_confirm",
  "practicum_follow_up_due",
  "observation_to_respond",
  "draft_to_review",
  "weekly_digest",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

interface KindPolicy {
  label: string;
  /** Mandatory notices are always e-mailed: an officer cannot miss that a certification lapses. */
  mandatory: boolean;
}

export const KIND_POLICY: Record<NotificationKind, KindPolicy> = {
  certification_expiring_60: { label: "A certification expires in 60 days", mandatory: false },
  certification_expiring_30: { label: "A certification expires in 30 days", mandatory: false },
  certification_expiring_7: { label: "A certification expires in 7 days", mandatory: true },
  certification_expired: { label: "A certification has expired", mandatory: true },
  practicum_to_confirm: { label: "A practicum entry is waiting for you to confirm", mandatory: false },
  practicum_follow_up_due: {
    label: "A practicum follow-up is due: record whether the agreement was kept",
    mandatory: false,
  },
  observation_to_respond: { label: "An observation of you is waiting for your response", mandatory: false },
  draft_to_review: { label: "A draft is waiting for your review", mandatory: false },
  weekly_digest: { label: "Weekly digest of what needs action in your units", mandatory: false },
};

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/** Whether a message of this kind goes by e-mail, given the person's stored choice (undefined: none made). */
export function wantsEmail(kind: NotificationKind, choice: boolean | undefined): boolean {
  if (KIND_POLICY[kind].mandatory) return true;
  return choice ?? true;
}

/** The reminder that applies with this many whole days left before expiry, or null when none does yet. */
export function expiryReminderKind(daysLeft: number): NotificationKind | null {
  if (daysLeft <= 0) return "certification_expired";
  if (daysLeft <= 7) return "certification_expiring_7";
  if (daysLeft <= 30) return "certification_expiring_30";
  if (daysLeft <= 60) return "certification_expiring_60";
  return null;
}

/** After this many failed tries a message is marked failed and shown to the admin; it is not tried again. */
export const MAX_DELIVERY_ATTEMPTS = 10;
