// The xAPI transport of the outbox sender (outbox.server.ts): statements go to the agency's LRS in batches of 50.
// A refused batch (one bad statement, or ids the LRS already holds) is sent again one statement at a time, by PUT
// with its id, so each one's fate is its own. Statements are never claimed: one process sends at a time (its own
// lease), and a resend after a crash is harmless because the LRS recognises the ids (xAPI 1.0.3: the same id is
// never stored twice; a PUT of a known id answers 409 or 204). An LRS that is down is tried again forever.
import { prisma } from "../db/db.server";
import { holdLease } from "../db/lease.server";
import { lrsConnectionFor, type LrsConnection } from "../xapi/lrs-config.server";
import { sendOutbox, type OutboxRoundResult, type OutboxTransport, type SendOutcome } from "./outbox.server";

const LEASE = "xapi-delivery";
const TIMEOUT_MS = Number(process.env.XAPI_TIMEOUT_MS ?? 15_000);

type Statement = { id: string; agencyId: string; statement: string; attempts: number };

export const xapiTransport: OutboxTransport<Statement, LrsConnection> = {
  batch: 50,
  groupSize: 50,
  notConfigured: "No learning record store is configured for the agency (Admin > Learning records).",
  due: (now, take) =>
    prisma.xapiOutbox.findMany({
      where: { status: "queued", nextAttemptAt: { lte: now } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take,
      select: { id: true, agencyId: true, statement: true, attempts: true },
    }),
  update: async (ids, change, whereDue) => {
    const due = whereDue ? { status: "queued", nextAttemptAt: { lte: whereDue } } : {};
    return (await prisma.xapiOutbox.updateMany({ where: { id: { in: ids }, ...due }, data: change })).count;
  },
  connectionFor: lrsConnectionFor,
  send: sendStatements,
};

/** One round, in one process at a time (its own lease); null when another process holds it. */
export async function runXapiRound(now = new Date(), leaseMs = 60_000): Promise<OutboxRoundResult | null> {
  if (!(await holdLease(LEASE, leaseMs, now))) return null;
  return deliverQueuedStatements(now);
}

export function deliverQueuedStatements(now = new Date()): Promise<OutboxRoundResult> {
  return sendOutbox(xapiTransport, now);
}

async function sendStatements(connection: LrsConnection, rows: Statement[]): Promise<SendOutcome[]> {
  const body = `[${rows.map((row) => row.statement).join(",")}]`;
  const batch = await request(connection, "POST", "statements", body);
  if (batch.kind !== "failed") return rows.map(() => batch);
  const outcomes: SendOutcome[] = [];
  for (const row of rows)
    outcomes.push(
      await request(connection, "PUT", `statements?statementId=${encodeURIComponent(row.id)}`, row.statement),
    );
  return outcomes;
}

async function request(
  connection: LrsConnection,
  method: "POST" | "PUT",
  path: string,
  body: string,
): Promise<SendOutcome> {
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
    if (response.ok) return { kind: "sent" };
    // 409 to a PUT: the LRS already holds this statement id, from an earlier send it acknowledged.
    if (response.status === 409 && method === "PUT") return { kind: "sent" };
    const error = `LRS answered ${response.status}${text ? `: ${text}` : ""}`;
    // Credentials, rate limits and server errors are the LRS's state, not the statement's: try again later.
    if (response.status === 401 || response.status === 403 || response.status === 429 || response.status >= 500)
      return { kind: "retry", error };
    return { kind: "failed", error };
  } catch (error) {
    return { kind: "retry", error: `LRS not reachable: ${(error as Error).message}`.slice(0, 300) };
  }
}
