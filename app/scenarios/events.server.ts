// What scenario play tells the rest of the app, and what it needs to ask before an attempt starts. Certification
// subscribes and answers at start-up (app/wiring.server.ts), so this folder never imports it.
import type { SessionUser } from "../auth/roles";
import type { Tx } from "../db/db.server";
import { DomainEvent, DomainQuestion } from "../events/domain-events";
import type { Competency } from "./format";
import type { AttemptMode } from "./modes";
import type { ProgramPools } from "./tags";

/**
 * An attempt started, finished or was left: the officer's record changed, inside transaction `tx`. `completed`:
 * the mode of the attempt that was just finished (its result is now recorded), null for a start or a leave.
 */
export const attemptChanged = new DomainEvent<{
  tx: Tx;
  officerId: string;
  at: Date;
  completed: AttemptMode | null;
}>("scenarios.attempt-changed");

export type StartPlan = { ok: true; retakeAuthorizationId: string | null } | { ok: false; reason: string };

/** Whether `user` may start an attempt of `slug` in `mode` now; asked inside the transaction that creates it. */
export const attemptStartPlan = new DomainQuestion<
  [tx: Tx, user: SessionUser, slug: string, mode: AttemptMode, now: Date, title: (slug: string) => string],
  Promise<StartPlan>
>("scenarios.attempt-start-plan");

/** What the scenario page offers an officer: an assessed attempt (or why not) and practice (or why not). */
export interface StartOptions {
  assessed: { ok: true; retake: boolean; reason: null } | { ok: false; retake: false; reason: string };
  practice: { ok: true; note: string | null; reason: null } | { ok: false; note: null; reason: string };
  /** the requirements an assessed attempt here would count for */
  countsFor: {
    program: string;
    skill: string;
    minScore: number;
    competencyMinimums: Partial<Record<Competency, number>>;
  }[];
}

export const attemptStartOptions = new DomainQuestion<[user: SessionUser, slug: string], Promise<StartOptions | null>>(
  "scenarios.attempt-start-options",
);

/** The certification programs' levels and scenario pools, for ordering and tagging the role-play list. */
export const programPools = new DomainQuestion<[], readonly ProgramPools[]>("scenarios.program-pools");
