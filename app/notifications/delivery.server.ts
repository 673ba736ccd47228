// Sends what the outbox holds. A message is marked sent only after the mail server accepted it; a refusal that
// may pass (4xx, a server that is down or slow) is retried with growing waits; a permanent refusal (5xx) or the
// last retry marks it failed for the admin to see. Each message carries a Message-ID made from its outbox id, so
// the rare resend after a crash between "accepted" and "marked sent" is recognisable as the same message.
// Before sending, a process claims the message by pushing its next attempt past the longest a send can take, in
// one conditional update: a second process (or one that took over a lapsed lease while a slow round was still
// sending) finds it no longer due and skips it, so a message goes out once however the rounds overlap.
import nodemailer from "nodemailer";
import { prisma } from "../db/db.server";
import { MAX_DELIVERY_ATTEMPTS, retryDelayMinutes } from "./kinds";
import { type SmtpConnection, smtpConnectionFor } from "./smtp-settings.server";

const BATCH = 25;
/** Longer than a send can last (connection, greeting and socket timeouts below together are 40 s). */
const SEND_CLAIM_MS = 5 * 60_000;
const NO_MAIL_SERVER = "No mail server is configured for the agency (Admin > E-mail).";

export interface DeliveryResult {
  sent: number;
  retrying: number;
  failed: number;
  waiting: number;
}

export async function deliverQueuedEmail(now = new Date()): Promise<DeliveryResult> {
  const due = await prisma.emailOutbox.findMany({
    where: { status: "queued", nextAttemptAt: { lte: now } },
    orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
    take: BATCH,
    select: { id: true, agencyId: true, toAddress: true, subject: true, text: true, attempts: true },
  });
  const result: DeliveryResult = { sent: 0, retrying: 0, failed: 0, waiting: 0 };
  const connections = new Map<string, SmtpConnection | null>();
  for (const message of due) {
    if (!connections.has(message.agencyId))
      connections.set(message.agencyId, await smtpConnectionFor(message.agencyId));
    const connection = connections.get(message.agencyId);
    if (!connection) {
      // Not the message's fault: it waits, without using up its tries, until an admin sets a server.
      await prisma.emailOutbox.update({
        where: { id: message.id },
        data: { lastError: NO_MAIL_SERVER, nextAttemptAt: new Date(now.getTime() + 60_000) },
      });
      result.waiting += 1;
      continue;
    }
    if (!(await claim(message.id, now))) continue;
    const outcome = await send(connection, message);
    result[await record(message, outcome, now)] += 1;
  }
  return result;
}

/** True when this process now owns the send; false when another process claimed it first. */
async function claim(id: string, now: Date): Promise<boolean> {
  const { count } = await prisma.emailOutbox.updateMany({
    where: { id, status: "queued", nextAttemptAt: { lte: now } },
    data: { nextAttemptAt: new Date(now.getTime() + SEND_CLAIM_MS) },
  });
  return count === 1;
}

type SendOutcome = { ok: true } | { ok: false; permanent: boolean; error: string };

async function send(
  connection: SmtpConnection,
  message: { id: string; toAddress: string; subject: string; text: string },
): Promise<SendOutcome> {
  const transport = nodemailer.createTransport({
    host: connection.host,
    port: connection.port,
    secure: connection.secure,
    auth: connection.auth,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  try {
    const domain = connection.from.split("@")[1] ?? "circlekeeper.invalid";
    await transport.sendMail({
      from: connection.from,
      to: message.toAddress,
      subject: message.subject,
      text: message.text,
      messageId: `<${message.id}@${domain}>`,
    });
    return { ok: true };
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode;
    return {
      ok: false,
      permanent: typeof code === "number" && code >= 500,
      error: (error as Error).message.slice(0, 500),
    };
  } finally {
    transport.close();
  }
}

async function record(
  message: { id: string; attempts: number },
  outcome: SendOutcome,
  now: Date,
): Promise<"sent" | "retrying" | "failed"> {
  const attempts = message.attempts + 1;
  if (outcome.ok) {
    await prisma.emailOutbox.update({
      where: { id: message.id },
      data: { status: "sent", sentAt: now, attempts, lastError: null },
    });
    return "sent";
  }
  const giveUp = outcome.permanent || attempts >= MAX_DELIVERY_ATTEMPTS;
  await prisma.emailOutbox.update({
    where: { id: message.id },
    data: giveUp
      ? { status: "failed", attempts, lastError: outcome.error }
      : {
          attempts,
          lastError: outcome.error,
          nextAttemptAt: new Date(now.getTime() + retryDelayMinutes(attempts) * 60_000),
        },
  });
  return giveUp ? "failed" : "retrying";
}

/** What the admin sees: the queue, the failures and the last error, for their agency. */
export async function deliveryStatus(agencyId: string) {
  const [counts, failures, lastError] = await Promise.all([
    prisma.emailOutbox.groupBy({ by: ["status"], where: { agencyId }, _count: { _all: true } }),
    prisma.emailOutbox.findMany({
      where: { agencyId, status: "failed" },
      orderBy: { createdAt: "desc" },
      take: 20,
      select: { id: true, toAddress: true, subject: true, attempts: true, lastError: true, createdAt: true },
    }),
    prisma.emailOutbox.findFirst({
      where: { agencyId, lastError: { not: null }, status: { not: "sent" } },
      orderBy: { nextAttemptAt: "desc" },
      select: { lastError: true, attempts: true },
    }),
  ]);
  const count = (status: string) => counts.find((row) => row.status === status)?._count._all ?? 0;
  return {
    queued: count("queued"),
    sent: count("sent"),
    failed: count("failed"),
    failures,
    lastError: lastError?.lastError ?? null,
  };
}
