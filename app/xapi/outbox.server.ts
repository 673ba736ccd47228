// Writes xAPI statements to the outbox inside the transaction of the event they describe: if the event is
// rolled back, so are its statements; if it commits, they wait in the outbox until the LRS acknowledges them.
import crypto from "node:crypto";
import type { Tx } from "../db/db.server";
import { baseUrl } from "./profile";
import { statementsFor, type XapiEvent } from "./statements";

/** Queues the event's statements for the person's agency. Call inside the event's transaction. */
export async function recordXapi(tx: Tx, userId: string, event: XapiEvent, now = new Date()): Promise<number> {
  const person = await tx.user.findUnique({ where: { id: userId }, select: { agencyId: true } });
  if (!person) return 0;
  const statements = statementsFor(
    { base: baseUrl(), userId, timestamp: now, newId: () => crypto.randomUUID() },
    event,
  );
  for (const statement of statements) {
    const verb = statement.verb.id.split("/").pop() ?? "";
    await tx.xapiOutbox.create({
      data: {
        id: statement.id,
        agencyId: person.agencyId,
        verb,
        statement: JSON.stringify(statement),
        createdAt: now,
        nextAttemptAt: now,
      },
    });
  }
  return statements.length;
}
