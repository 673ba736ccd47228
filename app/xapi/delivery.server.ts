// Sends what the xAPI outbox holds to each agency's LRS, in batches. A statement leaves the queue only when the
// LRS acknowledged it, so a crash or an LRS down for hours loses nothing: the rows wait and are sent later, with
// growing waits between tries. Statements carry their ids, so a resend after a crash is recognised by the LRS
// (xAPI 1.0.3: the same id is never stored twice; a PUT of a known id answers 409 or 204).
import { prisma } from "../db/db.server";
import { holdLease } from "../db/lease.server";
import { lrsConnectionFor, type LrsConnection } from "./lrs-config.server";

const LEASE = "xapi-delivery";
const BATCH = 50;
const TIMEOUT_MS = Number(process.env.XAPI_TIMEOUT_MS ?? 15_000);
/** One hour at most between tries: an LRS that comes back after a long outage is caught up within the hour. */
const MAX_DELAY_MINUTES = 60;
const NO_LRS = "No learning record store is configured for the agency (Admin > Learning records).";

export interface XapiDeliveryResult {
  sent: number;
  retrying: number;
  failed: number;
  waiting: number;
}

/** Minutes before the next try after `attempts` failed ones: 1, 2, 4, ... up to an hour. */
export function xapiRetryDelayMinutes(attempts: number): number {
  return Math.min(MAX_DELAY_MINUTES, 2 ** Math.max(0, attempts - 1));
}

/** One round of the worker, in one process at a time (its own lease); null when another process holds it. */
export async function runXapiRound(now = new Date(), leaseMs = 60_000): Promise<XapiDeliveryResult | null> {
  if (!(await holdLease(LEASE, leaseMs, now))) return null;
  return deliverQueuedStatements(now);
}

export async function deliverQueuedStatements(now = new Date()): Promise<XapiDeliveryResult> {
  const result: XapiDeliveryResult = { sent: 0, retrying: 0, failed: 0, waiting: 0 };
  const agencies = await prisma.xapiOutbox.findMany({
    where: { status: "queued", nextAttemptAt: { lte: now } },
    distinct: ["agencyId"],
    select: { agencyId: true },
  });
  for (const { agencyId } of agencies) {
    const due = await prisma.xapiOutbox.findMany({
      where: { agencyId, status: "queued", nextAttemptAt: { lte: now } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: BATCH,
      select: { id: true, statement: true, attempts: true },
    });
    const connection = await lrsConnectionFor(agencyId);
    if (!connection) {
      // Not the statements' fault: they wait, without counting tries, until an admin sets an LRS.
      await prisma.xapiOutbox.updateMany({
        where: { id: { in: due.map((row) => row.id) } },
        data: { lastError: NO_LRS, nextAttemptAt: new Date(now.getTime() + 60_000) },
      });
      result.waiting += due.length;
      continue;
    }
    await sendBatch(connection, due, now, result);
  }
  return result;
}

type Row = { id: string; statement: string; attempts: number };
type Outcome = { kind: "stored" } | { kind: "retry"; error: string } | { kind: "refused"; error: string };

async function sendBatch(connection: LrsConnection, rows: Row[], now: Date, result: XapiDeliveryResult) {
  const batch = await request(connection, "POST", "statements", `[${rows.map((row) => row.statement).join(",")}]`);
  if (batch.kind !== "refused") return markAll(rows, batch, now, result);
  // A refused batch (one bad statement, or ids the LRS already holds: 409) is sent one statement at a time,
  // by PUT with its id, so each one's fate is its own.
  for (const row of rows) {
    const single = await request(
      connection,
      "PUT",
      `statements?statementId=${encodeURIComponent(row.id)}`,
      row.statement,
    );
    await markAll([row], single, now, result);
  }
}

async function request(
  connection: LrsConnection,
  method: "POST" | "PUT",
  path: string,
  body: string,
): Promise<Outcome> {
  try {
    const response = await fetch(new URL(path, connection.endpoint), {
      method,
      headers: {
        Authorization: connection.authorization,
        "Content-Type": "application/json",
        "X-Experience-API-Version": "1.0.3",
      },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = (await response.text().catch(() => "")).slice(0, 300);
    if (response.ok) return { kind: "stored" };
    // 409 to a PUT: the LRS already holds this statement id, from an earlier send it acknowledged.
    if (response.status === 409 && method === "PUT") return { kind: "stored" };
    const error = `LRS answered ${response.status}${text ? `: ${text}` : ""}`;
    // Credentials, rate limits and server errors are the LRS's state, not the statement's: try again later.
    if (response.status === 401 || response.status === 403 || response.status === 429 || response.status >= 500)
      return { kind: "retry", error };
    return { kind: "refused", error };
  } catch (error) {
    return { kind: "retry", error: `LRS not reachable: ${(error as Error).message}`.slice(0, 300) };
  }
}

async function markAll(rows: Row[], outcome: Outcome, now: Date, result: XapiDeliveryResult) {
  const ids = rows.map((row) => row.id);
  if (outcome.kind === "stored") {
    await prisma.xapiOutbox.updateMany({
      where: { id: { in: ids } },
      data: { status: "sent", sentAt: now, lastError: null },
    });
    result.sent += rows.length;
    return;
  }
  if (outcome.kind === "refused") {
    await prisma.xapiOutbox.updateMany({
      where: { id: { in: ids } },
      data: { status: "failed", lastError: outcome.error },
    });
    result.failed += rows.length;
    return;
  }
  for (const row of rows) {
    const attempts = row.attempts + 1;
    await prisma.xapiOutbox.update({
      where: { id: row.id },
      data: {
        attempts,
        lastError: outcome.error,
        nextAttemptAt: new Date(now.getTime() + xapiRetryDelayMinutes(attempts) * 60_000),
      },
    });
  }
  result.retrying += rows.length;
}

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
