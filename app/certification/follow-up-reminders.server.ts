// "Follow-up due": when the follow-up date of a practicum entry's agreement arrives and the officer has not yet
// recorded whether it was kept. Run by the background job (app/jobs) like the expiry reminders; once per entry,
// because the dedupe key names the entry (a changed date does not remind again).
import { prisma } from "../db/db.server";
import { notify } from "../notifications/notify.server";
import { followUpOpen } from "./practicum";

const DAY_MS = 86_400_000;
/** On a first run, follow-ups that fell due longer ago than this are not announced as news. */
const NOTICE_WINDOW_DAYS = 60;

export async function sendFollowUpReminders(now = new Date()): Promise<number> {
  const entries = await prisma.practicumEntry.findMany({
    where: {
      agreementReached: true,
      agreementKept: null,
      status: { not: "returned" },
      followUpOn: { gt: new Date(now.getTime() - NOTICE_WINDOW_DAYS * DAY_MS), lte: now },
    },
    select: { id: true, officerId: true, date: true, followUpOn: true, agreementReached: true, status: true },
  });
  let sent = 0;
  for (const entry of entries) {
    if (!followUpOpen(entry, now)) continue;
    const meeting = entry.date.toISOString().slice(0, 10);
    sent += await prisma.$transaction((tx) =>
      notify(tx, [entry.officerId], {
        kind: "practicum_follow_up_due",
        title: `Follow-up due: the agreement of ${meeting}`,
        body: `The follow-up date of the agreement reached on ${meeting} has come. Record in your practicum log whether the agreement was kept.`,
        link: `/certification#practicum-${entry.id}`,
        dedupeKey: `practicum_follow_up:${entry.id}`,
      }),
    );
  }
  return sent;
}
