// Monday's digest for supervisors: the same worklist their home page shows (home/worklist.server.ts), once a week.
import { isRole } from "../auth/roles";
import { prisma } from "../db/db.server";
import { supervisorWorklist } from "../home/worklist.server";
import { notify } from "../notifications/notify.server";

/** ISO week of a date, e.g. "2026-W49": the digest's dedupe key, so a week's digest is sent once. */
export function isoWeek(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = new Date(Date.UTC(day.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((day.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

export async function sendWeeklyDigests(now = new Date()): Promise<number> {
  const week = isoWeek(now);
  const [supervisors, done] = await Promise.all([
    prisma.user.findMany({
      where: { role: "supervisor" },
      select: { id: true, email: true, name: true, role: true, agencyId: true, unitId: true },
    }),
    prisma.notification.findMany({ where: { dedupeKey: `digest:${week}` }, select: { userId: true } }),
  ]);
  const already = new Set(done.map((row) => row.userId));
  let sent = 0;
  for (const supervisor of supervisors) {
    if (already.has(supervisor.id) || !isRole(supervisor.role)) continue;
    const groups = (await supervisorWorklist({ ...supervisor, role: supervisor.role }, now)) ?? [];
    const filled = groups.filter((g) => g.items.length);
    const body = filled.length
      ? `This week in your units:\n${filled.map((g) => `\n${g.title}\n${g.items.map((i) => `- ${i.text}`).join("\n")}${g.more ? `\n- and ${g.more} more` : ""}`).join("\n")}`
      : "Nothing in your units needs your action this week.";
    sent += await prisma.$transaction((tx) =>
      notify(tx, [supervisor.id], {
        kind: "weekly_digest",
        title: `Your week in Circlekeeper (${week})`,
        body,
        link: "/",
        dedupeKey: `digest:${week}`,
      }),
    );
  }
  return sent;
}
