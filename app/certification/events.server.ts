// What certification tells the rest of the app; credentials and insight subscribe at start-up (app/wiring.server.ts).
import type { Tx } from "../db/db.server";
import { DomainEvent } from "../events/domain-events";

/** A supervisor signed an officer off (earned, or renewed by a new sign-off), inside transaction `tx`. */
export const certificationSignedOff = new DomainEvent<{ tx: Tx; signOffId: string; at: Date }>(
  "certification.signed-off",
);

/** A sign-off was revoked, inside transaction `tx`. */
export const certificationRevoked = new DomainEvent<{ tx: Tx; signOffId: string; at: Date }>("certification.revoked");

/** An observation of an officer was scored (recorded, or scored again by a second assessor), inside `tx`. */
export const observationScored = new DomainEvent<{ tx: Tx; officerId: string; at: Date }>(
  "certification.observation-scored",
);
