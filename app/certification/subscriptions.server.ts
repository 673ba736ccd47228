// Certification's part in what other folders announce and ask: an officer's record changed (an attempt, a
// knowledge check, a new role or unit), so their roster summary is rewritten in the same transaction; and
// whether an assessed or practice attempt may start, which only the certification rules can say.
import { knowledgeCheckPassed } from "../modules/events.server";
import { attemptChanged, attemptStartOptions, attemptStartPlan, programPools } from "../scenarios/events.server";
import { userPlacementChanged } from "../users/events.server";
import { planStart, startOptions } from "./assessments.server";
import { recomputeStandings } from "./evidence.server";
import { allPrograms } from "./programs.server";

const SUBSCRIBER = "certification standings";

export function subscribeCertification(): void {
  attemptChanged.subscribe(SUBSCRIBER, ({ tx, officerId, at }) => recomputeStandings(tx, officerId, at));
  knowledgeCheckPassed.subscribe(SUBSCRIBER, ({ tx, officerId, at }) => recomputeStandings(tx, officerId, at));
  userPlacementChanged.subscribe(SUBSCRIBER, async ({ tx, userId, role, at }) => {
    // Only officers have a roster row: someone who stops being one leaves the roster.
    if (role === "officer") await recomputeStandings(tx, userId, at);
    else await tx.officerStanding.deleteMany({ where: { officerId: userId } });
  });
  attemptStartPlan.answerWith(planStart);
  attemptStartOptions.answerWith(startOptions);
  programPools.answerWith(allPrograms);
}
