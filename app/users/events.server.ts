// What user administration tells the rest of the app; certification subscribes at start-up (app/wiring.server.ts).
import type { Role } from "../auth/roles";
import type { Tx } from "../db/db.server";
import { DomainEvent } from "../events/domain-events";

/** A user was created, or their role or unit set, inside transaction `tx`. */
export const userPlacementChanged = new DomainEvent<{ tx: Tx; userId: string; role: Role; at: Date }>(
  "users.placement-changed",
);
