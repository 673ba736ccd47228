// Reminders before and after a certification lapses (60, 30 and 7 days before; once after). Run by the background
// job (app/jobs); each reminder is sent once per validity period, because its dedupe key names the expiry date.
import { prisma } from "../db/db.server";
import { expiryReminderKind } from "../notifications/kinds";
import { notify } from "../notifications/notify.server";
import { supervisorsOfOfficer } from "../notifications/recipients.server";
import { recordXapi } from "../xapi/outbox.server";
import { findProgram } from "./programs.server";

const DAY_MS = 86_400_000;
/** On a first run, certifications that lapsed longer ago than this are not announced as news. */
const EXPIRED_NOTICE_WINDOW_DAYS = 30;

export async function sendExpiryReminders(now = new Date()): Promise<number> {
  const standings = await prisma.officerStanding.findMany({
    where: {
      validUntil: {
        gt: new Date(now.getTime() - EXPIRED_NOTICE_WINDOW_DAYS * DAY_MS),
        lte: new Date(now.getTime() + 60 * DAY_MS),
      },
      status: { not: "revoked" },
    },
    select: { officerId: true, programSlug: true, validUntil: true },
  });
  let sent = 0;
  for (const standing of standings) {
    if (!standing.validUntil) continue;
    const daysLeft = Math.ceil((standing.validUntil.getTime() - now.getTime()) / DAY_MS);
    const kind = expiryReminderKind(daysLeft);
    if (!kind) continue;
    const title = findProgram(standing.programSlug)?.title ?? standing.programSlug;
    const date = standing.validUntil.toISOString().slice(0, 10);
    const expired = kind === "certification_expired";
    sent += await prisma.$transaction(async (tx) => {
      const officerMessage = {
        kind,
        title: expired
          ? `Your ${title} has expired`
          : `Your ${title} expires in ${daysLeft} day${daysLeft === 1 ? "" : "s"}`,
        body: expired
          ? `Your ${title} lapsed on ${date}. Until it is renewed you are not certified to facilitate. Your certification page lists what renewal needs.`
          : `Your ${title} is valid until ${date}. Your certification page lists what renewal needs and what you have already done.`,
        link: "/certification",
        dedupeKey: `${kind}:${standing.programSlug}:${date}`,
      } as const;
      let count = await notify(tx, [standing.officerId], officerMessage);
      // The officer's notice is new once per lapse: so is the LRS's "expired" statement.
      if (expired && count > 0)
        await recordXapi(
          tx,
          standing.officerId,
          {
            kind: "certification",
            verb: "expired",
            programSlug: standing.programSlug,
            validUntil: standing.validUntil,
          },
          now,
        );
      if (expired) {
        count += await notify(tx, await supervisorsOfOfficer(tx, standing.officerId), {
          ...officerMessage,
          title: `A ${title} in your unit has expired`,
          body: `An officer's ${title} lapsed on ${date}.`,
          link: `/supervisor/officers/${standing.officerId}`,
          dedupeKey: `${kind}:${standing.officerId}:${standing.programSlug}:${date}`,
        });
      }
      return count;
    });
  }
  return sent;
}
