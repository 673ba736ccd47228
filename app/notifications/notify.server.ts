// Writing a notification: always inside the transaction of the event it tells about, so an event that commits
// has its message (in the app and, when wanted, queued for e-mail) and one that rolls back has none. The same
// event never notifies the same person twice: a second call with the same dedupe key is a no-op.
import type { Tx } from "../db/db.server";
import { KIND_POLICY, type NotificationKind, wantsEmail } from "./kinds";

export interface NotificationInput {
  kind: NotificationKind;
  title: string;
  body: string;
  link?: string;
  /** what makes two calls the same event, e.g. `practicum:<entry id>` */
  dedupeKey: string;
}

/** Notifies each recipient once; returns how many were new. */
export async function notify(tx: Tx, recipientIds: readonly string[], message: NotificationInput): Promise<number> {
  if (recipientIds.length === 0) return 0;
  const [already, recipients, choices] = await Promise.all([
    tx.notification.findMany({
      where: { dedupeKey: message.dedupeKey, userId: { in: [...recipientIds] } },
      select: { userId: true },
    }),
    tx.user.findMany({ where: { id: { in: [...recipientIds] } }, select: { id: true, email: true, agencyId: true } }),
    tx.notificationPreference.findMany({
      where: { kind: message.kind, userId: { in: [...recipientIds] } },
      select: { userId: true, email: true },
    }),
  ]);
  const notified = new Set(already.map((row) => row.userId));
  const emailChoice = new Map(choices.map((row) => [row.userId, row.email]));
  let created = 0;
  for (const recipient of recipients) {
    if (notified.has(recipient.id)) continue;
    const row = await tx.notification.create({
      data: {
        userId: recipient.id,
        kind: message.kind,
        title: message.title,
        body: message.body,
        link: message.link ?? null,
        dedupeKey: message.dedupeKey,
      },
      select: { id: true },
    });
    created += 1;
    if (!wantsEmail(message.kind, emailChoice.get(recipient.id))) continue;
    await tx.emailOutbox.create({
      data: {
        notificationId: row.id,
        agencyId: recipient.agencyId,
        toAddress: recipient.email,
        subject: `Circlekeeper: ${message.title}`,
        text: emailText(message),
      },
    });
  }
  return created;
}

function emailText(message: NotificationInput): string {
  const base = (process.env.PUBLIC_BASE_URL ?? "").replace(/\/$/, "");
  const link = message.link ? `\n\n${base ? `${base}${message.link}` : `Open Circlekeeper: ${message.link}`}` : "";
  const optional = KIND_POLICY[message.kind].mandatory
    ? ""
    : "\n\nYou can choose which messages you receive by e-mail under Account > Notifications.";
  return `${message.body}${link}${optional}\n`;
}
