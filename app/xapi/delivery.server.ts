// What the admin sees of the xAPI outbox. Sending is the outbox sender's (app/jobs/xapi-outbox.server.ts).
import { prisma } from "../db/db.server";

/** What the admin sees: the queue, the failures and the last error, for their agency. */
export async function xapiDeliveryStatus(agencyId: string) {
  const [counts, failures, lastError] = await Promise.all([
    prisma.xapiOutbox.groupBy({ by: ["status"], where: { agencyId }, _count: { _all: true } }),
    prisma.xapiOutbox.findMany({
      where: { agencyId, status: "failed" },
      orderBy: { createdAt: "desc" },
      take: 20,
      select: { id: true, verb: true, attempts: true, lastError: true, createdAt: true },
    }),
    prisma.xapiOutbox.findFirst({
      where: { agencyId, lastError: { not: null }, status: { not: "sent" } },
      orderBy: { nextAttemptAt: "desc" },
      select: { lastError: true, nextAttemptAt: true },
    }),
  ]);
  const count = (status: string) => counts.find((row) => row.status === status)?._count._all ?? 0;
  return {
    queued: count("queued"),
    sent: count("sent"),
    failed: count("failed"),
    failures,
    lastError: lastError?.lastError ?? null,
    nextTry: lastError?.nextAttemptAt ?? null,
  };
}
