// One outbox sender for every transport (e-mail over SMTP, xAPI statements to an LRS): take what is due, per
// agency; wait without using up tries while the agency has no server configured; claim, send, record each
// outcome; back off 1, 2, 4 ... minutes up to an hour after a failed try. A row leaves the queue only when the
// far end accepted it. A transport says only how to reach its server and how to send a group of rows.

/** The columns every outbox table has. */
export interface OutboxRow {
  id: string;
  agencyId: string;
  attempts: number;
}

/** What one try did to one row: accepted, worth trying again later, or refused for good. */
export type SendOutcome = { kind: "sent" } | { kind: "retry"; error: string } | { kind: "failed"; error: string };

/** The changes the sender makes to rows (the same columns in every outbox table). */
export interface OutboxChange {
  status?: "sent" | "failed";
  sentAt?: Date;
  lastError?: string | null;
  nextAttemptAt?: Date;
  attempts?: { increment: number };
}

export interface OutboxTransport<Row extends OutboxRow, Connection> {
  /** Queued rows due by `now`, oldest first, at most `take`. */
  due(now: Date, take: number): Promise<Row[]>;
  /** Applies a change to rows. With `whereDue`, only to rows still queued and due then; returns how many. */
  update(ids: string[], change: OutboxChange, whereDue?: Date): Promise<number>;
  connectionFor(agencyId: string): Promise<Connection | null>;
  /** Sends one group of rows (see groupSize), one outcome per row in order. */
  send(connection: Connection, rows: Row[]): Promise<SendOutcome[]>;
  /** Why rows wait when the agency has no server configured (shown to the admin). */
  notConfigured: string;
  /** Rows per round. */
  batch: number;
  /** Rows sent together in one `send`. */
  groupSize: number;
  /** After this many tries a row that keeps failing is marked failed; without it, it is retried forever. */
  maxAttempts?: number;
  /**
   * Claim each group before sending it: its next try is pushed this far (longer than a send can last) by one
   * conditional update, so a process whose round overlaps this one finds it no longer due and never sends it
   * twice. Without it, the transport relies on its lease and on the far end recognising a resend.
   */
  claimMs?: number;
}

export interface OutboxRoundResult {
  sent: number;
  retrying: number;
  failed: number;
  waiting: number;
}

/** Minutes before the next try after `attempts` failed ones: 1, 2, 4, ... up to an hour. */
export function retryDelayMinutes(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1));
}

/** When rows wait for an admin to configure a server, they are looked at again after this long. */
const NOT_CONFIGURED_WAIT_MS = 60_000;

export async function sendOutbox<Row extends OutboxRow, Connection>(
  transport: OutboxTransport<Row, Connection>,
  now = new Date(),
): Promise<OutboxRoundResult> {
  const result: OutboxRoundResult = { sent: 0, retrying: 0, failed: 0, waiting: 0 };
  for (const [agencyId, rows] of byAgency(await transport.due(now, transport.batch))) {
    const connection = await transport.connectionFor(agencyId);
    if (!connection) {
      // Not the rows' fault: they wait, without using up tries, until an admin sets a server.
      const ids = rows.map((row) => row.id);
      await transport.update(ids, {
        lastError: transport.notConfigured,
        nextAttemptAt: new Date(now.getTime() + NOT_CONFIGURED_WAIT_MS),
      });
      result.waiting += rows.length;
      continue;
    }
    for (let i = 0; i < rows.length; i += transport.groupSize) {
      const group = rows.slice(i, i + transport.groupSize);
      if (!(await claim(transport, group, now))) continue;
      const outcomes = await transport.send(connection, group);
      await record(transport, group, outcomes, now, result);
    }
  }
  return result;
}

function byAgency<Row extends OutboxRow>(rows: Row[]): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) groups.set(row.agencyId, [...(groups.get(row.agencyId) ?? []), row]);
  return groups;
}

/** True when this process now owns the group's send (always, for a transport that does not claim). */
async function claim<Row extends OutboxRow>(
  transport: OutboxTransport<Row, unknown>,
  group: Row[],
  now: Date,
): Promise<boolean> {
  if (!transport.claimMs) return true;
  const ids = group.map((row) => row.id);
  const claimed = await transport.update(ids, { nextAttemptAt: new Date(now.getTime() + transport.claimMs) }, now);
  return claimed === ids.length;
}

/** Records each row's outcome; rows with the same change are updated together (a whole accepted batch at once). */
async function record<Row extends OutboxRow>(
  transport: OutboxTransport<Row, unknown>,
  group: Row[],
  outcomes: SendOutcome[],
  now: Date,
  result: OutboxRoundResult,
): Promise<void> {
  const changes = new Map<string, { change: OutboxChange; ids: string[] }>();
  for (const [i, row] of group.entries()) {
    const { change, counted } = changeAfter(transport, row, outcomes[i], now);
    result[counted] += 1;
    const key = JSON.stringify(change);
    changes.set(key, { change, ids: [...(changes.get(key)?.ids ?? []), row.id] });
  }
  for (const { change, ids } of changes.values()) await transport.update(ids, change);
}

function changeAfter<Row extends OutboxRow>(
  transport: OutboxTransport<Row, unknown>,
  row: Row,
  outcome: SendOutcome = { kind: "retry", error: "The transport gave no answer for this row." },
  now: Date,
): { change: OutboxChange; counted: "sent" | "retrying" | "failed" } {
  const tried = { increment: 1 };
  const attempts = row.attempts + 1;
  if (outcome.kind === "sent")
    return { change: { status: "sent", sentAt: now, attempts: tried, lastError: null }, counted: "sent" };
  if (outcome.kind === "failed" || attempts >= (transport.maxAttempts ?? Infinity))
    return { change: { status: "failed", attempts: tried, lastError: outcome.error }, counted: "failed" };
  const nextAttemptAt = new Date(now.getTime() + retryDelayMinutes(attempts) * 60_000);
  return { change: { attempts: tried, lastError: outcome.error, nextAttemptAt }, counted: "retrying" };
}
