// The background work of a running server: reminders that fall due with time, the weekly digest, sending
// what the e-mail outbox holds, and asking the identity provider about people with open SSO sessions. One process runs it at a time (lease.server.ts); `npm start` starts it with
// the server, tests drive each step directly. BACKGROUND_JOBS=off turns it off (e.g. on extra web processes).
import { sendExpiryReminders } from "../certification/expiry-reminders.server";
import { sendFollowUpReminders } from "../certification/follow-up-reminders.server";
import { holdLease } from "../db/lease.server";
import { recheckSsoSessions } from "../sso/recheck.server";
import { deliverQueuedEmail } from "./email-outbox.server";
import { sendWeeklyDigests } from "./weekly-digest.server";
import { runXapiRound } from "./xapi-outbox.server";

const LEASE = "notifications";
const TICK_MS = Number(process.env.BACKGROUND_TICK_MS ?? 15_000);
const SCAN_EVERY_MS = 60 * 60_000;

let lastScan = 0;

/** One round: sends what is due; scans for time-based reminders at most hourly. Returns when done. */
export async function runBackgroundRound(now = new Date()) {
  // The LRS's statements have their own lease: a slow LRS never holds up e-mail, nor e-mail the LRS.
  const xapi = await runXapiRound(now, TICK_MS * 4);
  if (!(await holdLease(LEASE, TICK_MS * 4, now))) return { held: false as const, xapi };
  if (now.getTime() - lastScan >= SCAN_EVERY_MS) {
    lastScan = now.getTime();
    await sendExpiryReminders(now);
    await sendFollowUpReminders(now);
    // Digests go out from Monday morning (UTC); the dedupe key keeps it to one a week.
    if (now.getUTCDay() === 1 && now.getUTCHours() >= 7) await sendWeeklyDigests(now);
  }
  const delivery = await deliverQueuedEmail(now);
  // After the e-mail, so a slow provider never holds it up; under the lease, so one process at a time uses (and
  // rotates) a refresh token.
  return { held: true as const, delivery, xapi, sso: await recheckSsoSessions(now) };
}

const globalJobs = globalThis as unknown as { __circlekeeperJobs?: NodeJS.Timeout };

export function startBackgroundJobs(): void {
  if (process.env.BACKGROUND_JOBS === "off" || globalJobs.__circlekeeperJobs) return;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await runBackgroundRound();
    } catch (error) {
      console.error(`Background jobs: ${(error as Error).message}`);
    } finally {
      running = false;
    }
  };
  globalJobs.__circlekeeperJobs = setInterval(() => void tick(), TICK_MS);
  globalJobs.__circlekeeperJobs.unref();
  void tick();
}
