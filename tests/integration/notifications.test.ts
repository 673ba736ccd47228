// Notifications and e-mail reminders: written in the event's transaction, once per event and person, and sent
// through a real SMTP server (accepting, refusing, down, hanging) exactly once.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isRole, type SessionUser } from "../../app/auth/roles";
import { sendExpiryReminders } from "../../app/certification/expiry-reminders.server";
import { recordObservation } from "../../app/certification/observations.server";
import { submitPracticum } from "../../app/certification/practicum.server";
import { prisma } from "../../app/db/db.server";
import { runBackgroundRound } from "../../app/jobs/background.server";
import { deliverQueuedEmail } from "../../app/jobs/email-outbox.server";
import { isoWeek, sendWeeklyDigests } from "../../app/jobs/weekly-digest.server";
import { deliveryStatus } from "../../app/notifications/delivery.server";
import { inbox, preferencesOf, savePreferences } from "../../app/notifications/inbox.server";
import { saveSmtpSettings } from "../../app/notifications/smtp-settings.server";
import { openSecret } from "../../app/secrets/secret-box.server";
import { seedOnce } from "../support/app";
import { observationFields } from "../support/observations";
import { REFLECTIVE_LOG } from "../support/practicum";
import { closedPort, hangingServer, startSmtpServer, type TestSmtpServer } from "../support/smtp";

async function sessionUser(email: string): Promise<SessionUser> {
  const u = await prisma.user.findUniqueOrThrow({
    where: { email },
    select: { id: true, email: true, name: true, role: true, agencyId: true, unitId: true },
  });
  if (!isRole(u.role)) throw new Error("bad role");
  return { ...u, role: u.role };
}

function practicumInput(date = "2026-11-20") {
  return {
    date,
    kind: "joint-meeting",
    processType: "victim-offender dialogue",
    role: "co-facilitator",
    participantCount: 4,
    outcome: "Agreement reached",
    submissionKey: crypto.randomUUID(),
    ...REFLECTIVE_LOG,
  } as unknown as Parameters<typeof submitPracticum>[1];
}

async function useMailServer(admin: SessionUser, port: number) {
  const saved = await saveSmtpSettings(admin, {
    host: "127.0.0.1",
    port: String(port),
    username: "mailer",
    password: "s3cret-mail",
    fromAddress: "training@example.org",
  });
  expect(saved.ok).toBe(true);
}

let officer: SessionUser, supervisor: SessionUser, admin: SessionUser;
let smtp: TestSmtpServer;

beforeAll(async () => {
  await seedOnce();
  officer = await sessionUser("officer@example.org");
  supervisor = await sessionUser("supervisor@example.org");
  admin = await sessionUser("admin@example.org");
  smtp = await startSmtpServer();
}, 240_000);
afterAll(() => smtp.close());
beforeEach(async () => {
  await prisma.emailOutbox.deleteMany();
  await prisma.notification.deleteMany();
  await prisma.jobLease.deleteMany();
  smtp.received.length = 0;
  smtp.mode = "accept";
});

describe("notifications written with their event", () => {
  it("tells the unit's supervisors about a practicum entry once, even when the form is sent twice", async () => {
    const input = practicumInput();
    const first = await submitPracticum(officer, input);
    const again = await submitPracticum(officer, input);
    expect(again.id).toBe(first.id);
    const rows = await prisma.notification.findMany({ where: { dedupeKey: `practicum:${first.id}` } });
    expect(rows.map((r) => r.userId)).toEqual([supervisor.id]);
    expect(rows[0]!.link).toBe(`/supervisor/officers/${officer.id}`);
    expect(await prisma.emailOutbox.count({ where: { notificationId: rows[0]!.id } })).toBe(1);
    expect((await inbox(supervisor)).unread).toBe(1);
  });

  it("asks the observed officer for a response, by e-mail only if they want it; mandatory kinds stay on", async () => {
    const assessor = await sessionUser("supervisor@example.org");
    await prisma.permissionGrant.upsert({
      where: { userId_permission: { userId: assessor.id, permission: "observations:record" } },
      create: { userId: assessor.id, permission: "observations:record", grantedById: admin.id },
      update: {},
    });
    await savePreferences(officer, new Set(["certification_expiring_60"]));
    const prefs = await preferencesOf(officer);
    expect(prefs.find((p) => p.kind === "observation_to_respond")!.email).toBe(false);
    expect(prefs.find((p) => p.kind === "certification_expired")!.email).toBe(true);
    const saved = await recordObservation(
      { ...assessor, grants: ["observations:record"] },
      observationFields(officer.id, ["competent"], "notify"),
    );
    expect(saved?.ok).toBe(true);
    const note = await prisma.notification.findFirstOrThrow({
      where: { userId: officer.id, kind: "observation_to_respond" },
    });
    expect(await prisma.emailOutbox.count({ where: { notificationId: note.id } })).toBe(0);
    await savePreferences(officer, new Set(["observation_to_respond"]));
  });

  it("reminds before expiry once per threshold and says when it has expired", async () => {
    const now = new Date("2026-12-02T09:00:00Z");
    const standing = await prisma.officerStanding.findFirstOrThrow({ where: { officerId: officer.id } });
    const setExpiry = (days: number) =>
      prisma.officerStanding.update({
        where: { officerId_programSlug: { officerId: officer.id, programSlug: standing.programSlug } },
        data: { validUntil: new Date(now.getTime() + days * 86_400_000), status: "certified" },
      });
    await setExpiry(20);
    await sendExpiryReminders(now);
    await sendExpiryReminders(now);
    let kinds = (await prisma.notification.findMany({ where: { userId: officer.id }, select: { kind: true } })).map(
      (r) => r.kind,
    );
    expect(kinds.filter((k) => k.startsWith("certification"))).toEqual(["certification_expiring_30"]);
    await sendExpiryReminders(new Date(now.getTime() + 15 * 86_400_000));
    await sendExpiryReminders(new Date(now.getTime() + 21 * 86_400_000));
    kinds = (
      await prisma.notification.findMany({
        where: { userId: officer.id },
        orderBy: { createdAt: "asc" },
        select: { kind: true },
      })
    ).map((r) => r.kind);
    expect(kinds.filter((k) => k.startsWith("certification")).sort()).toEqual([
      "certification_expired",
      "certification_expiring_30",
      "certification_expiring_7",
    ]);
    expect(await prisma.notification.count({ where: { userId: supervisor.id, kind: "certification_expired" } })).toBe(
      1,
    );
  });

  it("sends each supervisor one digest a week with their worklist", async () => {
    const monday = new Date("2026-11-30T08:00:00Z");
    await submitPracticum(officer, practicumInput("2026-11-21"));
    expect(isoWeek(monday)).toBe("2026-W49");
    await sendWeeklyDigests(monday);
    await sendWeeklyDigests(new Date("2026-12-03T08:00:00Z"));
    const digests = await prisma.notification.findMany({ where: { userId: supervisor.id, kind: "weekly_digest" } });
    expect(digests).toHaveLength(1);
    expect(digests[0]!.body).toMatch(/to confirm/i);
    expect(digests[0]!.body).toContain(officer.name);
  });
});

describe("delivery through SMTP", () => {
  it("stores the mail server's password sealed, and sends each queued message exactly once", async () => {
    await useMailServer(admin, smtp.port);
    const row = await prisma.smtpSettings.findUniqueOrThrow({ where: { agencyId: admin.agencyId } });
    expect(row.passwordEncrypted).not.toContain("s3cret-mail");
    expect(openSecret(row.passwordEncrypted!)).toBe("s3cret-mail");
    await submitPracticum(officer, practicumInput());
    expect(await deliverQueuedEmail()).toMatchObject({ sent: 1, retrying: 0, failed: 0 });
    expect(await deliverQueuedEmail()).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.to).toBe(supervisor.email);
    expect(smtp.received[0]!.subject).toMatch(/logged practicum to confirm/);
    expect(smtp.logins).toContain("mailer");
  });

  it("retries when the server is down or refuses for now, and gives up on a permanent refusal", async () => {
    const down = await closedPort();
    await useMailServer(admin, down);
    await submitPracticum(officer, practicumInput());
    const now = new Date();
    expect(await deliverQueuedEmail(now)).toMatchObject({ retrying: 1, sent: 0 });
    const waiting = await prisma.emailOutbox.findFirstOrThrow();
    expect(waiting).toMatchObject({ status: "queued", attempts: 1 });
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());
    expect(await deliverQueuedEmail(now)).toMatchObject({ retrying: 0, sent: 0 }); // not due yet

    await useMailServer(admin, smtp.port);
    smtp.mode = "refuse-temporarily";
    const later = new Date(waiting.nextAttemptAt.getTime() + 1);
    expect(await deliverQueuedEmail(later)).toMatchObject({ retrying: 1 });
    smtp.mode = "accept";
    expect(await deliverQueuedEmail(new Date(later.getTime() + 3 * 60_000))).toMatchObject({ sent: 1 });
    expect(smtp.received).toHaveLength(1);

    smtp.mode = "refuse-permanently";
    await submitPracticum(officer, practicumInput("2026-11-22"));
    expect(await deliverQueuedEmail()).toMatchObject({ failed: 1 });
    const status = await deliveryStatus(admin.agencyId);
    expect(status).toMatchObject({ failed: 1, sent: 1, queued: 0 });
    expect(status.failures[0]!.lastError).toMatch(/Mailbox unavailable/);
  });

  it("keeps messages queued, without using up their tries, while no mail server is configured", async () => {
    await prisma.smtpSettings.deleteMany();
    await submitPracticum(officer, practicumInput());
    expect(await deliverQueuedEmail()).toMatchObject({ waiting: 1 });
    expect(await prisma.emailOutbox.findFirstOrThrow()).toMatchObject({ status: "queued", attempts: 0 });
  });

  it("refuses a bad mail-server form with messages and changes nothing", async () => {
    await useMailServer(admin, smtp.port);
    const result = await saveSmtpSettings(admin, { host: "smtp example", port: "99999", fromAddress: "nobody" });
    expect(result.ok).toBe(false);
    expect(Object.keys(!result.ok ? result.errors : {}).sort()).toEqual(["fromAddress", "host", "port"]);
    expect((await prisma.smtpSettings.findUniqueOrThrow({ where: { agencyId: admin.agencyId } })).port).toBe(smtp.port);
  });

  it("one process at a time holds the job; a crashed holder's lease lapses to another", async () => {
    const { holdLease } = await import("../../app/db/lease.server");
    const t0 = new Date("2026-12-02T10:00:00Z");
    expect(await holdLease("test-job", 1000, t0, "a")).toBe(true);
    expect(await holdLease("test-job", 1000, t0, "b")).toBe(false);
    expect(await holdLease("test-job", 1000, new Date(t0.getTime() + 500), "a")).toBe(true);
    expect(await holdLease("test-job", 1000, new Date(t0.getTime() + 2000), "b")).toBe(true);
    expect(await holdLease("test-job", 1000, new Date(t0.getTime() + 2100), "a")).toBe(false);
  });

  it("delivers exactly once across a process killed mid-send and a restart", async () => {
    const hang = await hangingServer();
    await useMailServer(admin, hang.port);
    for (let i = 0; i < 5; i++) await submitPracticum(officer, practicumInput(`2026-11-${10 + i}`));
    const queued = (await prisma.emailOutbox.findMany({ where: { status: "queued" }, select: { id: true } })).map(
      (r) => r.id,
    );
    expect(queued).toHaveLength(5);
    // First process: stuck talking to a server that never answers; killed with SIGKILL while it waits.
    const first = runRounds({ rounds: 1 });
    await first.started;
    first.child.kill("SIGKILL");
    await first.exited;
    await hang.close();
    expect(await prisma.emailOutbox.count({ where: { id: { in: queued }, status: "queued" } })).toBe(5);
    // Restart against a working server five minutes later: the dead holder's lease and its claim on the message
    // it was sending have lapsed, and everything goes, once.
    await useMailServer(admin, smtp.port);
    const second = runRounds({ rounds: 50, untilEmpty: true, clockOffsetMs: 5 * 60_000 + 1000 });
    expect(await second.exited).toBe(0);
    expect(await prisma.emailOutbox.count({ where: { id: { in: queued }, status: "sent" } })).toBe(5);
    // (The restarted process may also send reminders its own scan found; count only these five.)
    const ids = smtp.received.map((m) => /^<([^@]+)@/.exec(m.messageId)?.[1]).filter((id) => id && queued.includes(id));
    expect(ids.sort()).toEqual([...queued].sort());
  });

  it("sends each message once when two rounds overlap (a lease taken over while a slow round still sends)", async () => {
    await useMailServer(admin, smtp.port);
    for (let i = 0; i < 4; i++) await submitPracticum(officer, practicumInput(`2026-11-${10 + i}`));
    const queued = await prisma.emailOutbox.count({ where: { status: "queued" } });
    const [a, b] = await Promise.all([deliverQueuedEmail(), deliverQueuedEmail()]);
    expect(a.sent + b.sent).toBe(queued);
    expect(smtp.received).toHaveLength(queued);
  });
});

/** Runs background rounds in a separate Node process on this test's database, as a restarted server would. */
function runRounds(options: { rounds: number; untilEmpty?: boolean; clockOffsetMs?: number }) {
  const script = path.resolve("tests/support/background-rounds.ts");
  // Node itself with tsx's loader (not the tsx command, which runs the script in a child it would leave behind
  // when killed), so SIGKILL ends the process that sends.
  const child = spawn(process.execPath, ["--import", "tsx", script, JSON.stringify(options)], {
    env: { ...process.env, BACKGROUND_TICK_MS: "200" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const started = new Promise<void>((resolve) =>
    child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("round started") && resolve()),
  );
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, started, exited };
}

void runBackgroundRound;
