// What the modules tell the rest of the app; certification subscribes at start-up (app/wiring.server.ts).
import type { Tx } from "../db/db.server";
import { DomainEvent } from "../events/domain-events";

/** An officer passed a module's knowledge check for the first time, inside transaction `tx`. */
export const knowledgeCheckPassed = new DomainEvent<{ tx: Tx; officerId: string; at: Date }>(
  "modules.knowledge-check-passed",
);
