// The e-mail transport of the outbox sender (outbox.server.ts): one message per send over the agency's SMTP
// server. A 5xx refusal is permanent; a 4xx, a server that is down or slow, is tried again; after
// MAX_DELIVERY_ATTEMPTS tries the message is marked failed for the admin to see. Each message is claimed before it
// is sent, so overlapping rounds never send it twice, and carries a Message-ID made from its outbox id, so the rare
// resend after a crash between "accepted" and "marked sent" is recognisable as the same message.
import nodemailer from "nodemailer";
import { prisma } from "../db/db.server";
import { MAX_DELIVERY_ATTEMPTS } from "../notifications/kinds";
import { type SmtpConnection, smtpConnectionFor } from "../notifications/smtp-settings.server";
import { sendOutbox, type OutboxRoundResult, type OutboxTransport, type SendOutcome } from "./outbox.server";

type Message = { id: string; agencyId: string; toAddress: string; subject: string; text: string; attempts: number };

export const emailTransport: OutboxTransport<Message, SmtpConnection> = {
  batch: 25,
  groupSize: 1,
  maxAttempts: MAX_DELIVERY_ATTEMPTS,
  // Longer than a send can last (the connection, greeting and socket timeouts below together are 40 s).
  claimMs: 5 * 60_000,
  notConfigured: "No mail server is configured for the agency (Admin > E-mail).",
  due: (now, take) =>
    prisma.emailOutbox.findMany({
      where: { status: "queued", nextAttemptAt: { lte: now } },
      orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
      take,
      select: { id: true, agencyId: true, toAddress: true, subject: true, text: true, attempts: true },
    }),
  update: async (ids, change, whereDue) => {
    const due = whereDue ? { status: "queued", nextAttemptAt: { lte: whereDue } } : {};
    return (await prisma.emailOutbox.updateMany({ where: { id: { in: ids }, ...due }, data: change })).count;
  },
  connectionFor: smtpConnectionFor,
  send: async (connection, messages) => Promise.all(messages.map((message) => sendMessage(connection, message))),
};

/** One round of e-mail delivery (the background round runs it under its lease). */
export function deliverQueuedEmail(now = new Date()): Promise<OutboxRoundResult> {
  return sendOutbox(emailTransport, now);
}

async function sendMessage(connection: SmtpConnection, message: Message): Promise<SendOutcome> {
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
    return { kind: "sent" };
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode;
    const permanent = typeof code === "number" && code >= 500;
    return { kind: permanent ? "failed" : "retry", error: (error as Error).message.slice(0, 500) };
  } finally {
    transport.close();
  }
}
