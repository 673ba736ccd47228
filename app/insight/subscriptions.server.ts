// Insight's part in what other folders announce: an officer's competency evidence (a completed attempt, a scored
// observation) or their placement (role, unit) changed, so their competency summary is rewritten in the same
// transaction (docs/decisions/0400-competency-summary.md).
import { observationScored } from "../certification/events.server";
import { attemptChanged } from "../scenarios/events.server";
import { userPlacementChanged } from "../users/events.server";
import { rewriteCompetencySummary } from "./competency-summary.server";
import { isCountedAttempt } from "./profiles";

const SUBSCRIBER = "insight competency summary";

export function subscribeInsight(): void {
  attemptChanged.subscribe(SUBSCRIBER, async ({ tx, officerId, completed }) => {
    // A start or a leave adds no evidence, nor does a practice attempt: only a completed attempt that counts.
    if (completed && isCountedAttempt({ mode: completed, status: "completed" }))
      await rewriteCompetencySummary(tx, officerId);
  });
  observationScored.subscribe(SUBSCRIBER, ({ tx, officerId }) => rewriteCompetencySummary(tx, officerId));
  userPlacementChanged.subscribe(SUBSCRIBER, ({ tx, userId }) => rewriteCompetencySummary(tx, userId));
}
