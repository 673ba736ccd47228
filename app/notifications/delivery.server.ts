// What the admin sees of the e-mail outbox. Sending is the outbox sender's (app/jobs/email-outbox.server.ts).
import { prisma } from "../db/db.server";

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
