// Where trainees leave each participant: for every meter a participant has (shared and its own, per
// `metersOf`), its start value and its average at the end of the completed attempts, and how often it ended
// lower than it started. Each attempt is replayed on the version it was played on; a meter that version did
// not have is left out of that attempt's figures. Pure, so the analytics page and its tests agree.
import { initialState, replay } from "../scenarios/engine";
import { shownParticipants, type Scenario } from "../scenarios/scenario";

export interface MeterOutcome {
  participantId: string;
  participantName: string;
  meterId: string;
  label: string;
  /** false for a participant's own meter */
  shared: boolean;
  /** the value at the start, in the latest version */
  start: number;
  /** the completed attempts that had this meter */
  attempts: number;
  /** the average value at the end, to one decimal; null when no attempt had this meter */
  averageEnd: number | null;
  /** the percentage of those attempts that ended below where they started, to one decimal */
  endedLower: number | null;
}

export interface PlayedAttempt {
  scenario: Scenario;
  choices: readonly string[];
}

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

export function meterOutcomes(latest: Scenario, played: readonly PlayedAttempt[]): MeterOutcome[] {
  const plays = played.map((p) => ({
    start: initialState(p.scenario).meters,
    end: replay(p.scenario, p.choices).state.meters,
  }));
  const latestStart = initialState(latest).meters;
  return shownParticipants(latest).flatMap((participant) =>
    participant.meters.map((meter) => {
      let sum = 0;
      let lower = 0;
      let attempts = 0;
      for (const { start, end } of plays) {
        const from = start[participant.id]?.[meter.id];
        const to = end[participant.id]?.[meter.id];
        if (from === undefined || to === undefined) continue;
        attempts++;
        sum += to;
        if (to < from) lower++;
      }
      return {
        participantId: participant.id,
        participantName: participant.name,
        meterId: meter.id,
        label: meter.label,
        shared: meter.shared,
        start: latestStart[participant.id]?.[meter.id] ?? 0,
        attempts,
        averageEnd: attempts ? oneDecimal(sum / attempts) : null,
        endedLower: attempts ? oneDecimal((100 * lower) / attempts) : null,
      };
    }),
  );
}
