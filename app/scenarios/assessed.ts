// What an assessed attempt's page may hold: the conversation so far, the node the officer stands at (its
// narration, lines, and the ids and texts of its choices in an order shuffled for this attempt) and the
// participants' current state. Nothing of any node not yet reached: no graph, effects, conditions, scores,
// feedback or endings. Pure, so the server builds it and tests can check it.
import { seededRandom } from "../seeded-random";
import type { Meters } from "./format";
import type { MeterChange } from "./progress";
import type { Scenario } from "./scenario";
import { playerView, type NodeImage, type SpokenLine } from "./views";

export interface AssessedView {
  /** the steps already taken: what was said and the text of the choice made */
  transcript: {
    position: number;
    narration: string;
    lines: SpokenLine[];
    choiceText: string;
    image: NodeImage | null;
  }[];
  current: { narration: string; lines: SpokenLine[]; choices: { id: string; text: string }[]; image: NodeImage | null };
  meters: Meters;
  changes: MeterChange[];
  position: number;
}

/** FNV-1a: a small, stable string hash (no crypto needed: the order only has to differ, not be secret). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The items in an order fixed by `seed` (Fisher-Yates): the same seed gives the same order on every reload. */
export function shuffledFor<T>(items: readonly T[], seed: string): T[] {
  const next = seededRandom(hash(seed));
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function assessedView(scenario: Scenario, choiceIds: readonly string[], attemptId: string): AssessedView {
  const view = playerView(scenario, choiceIds);
  return {
    transcript: view.transcript.map((step) => ({
      position: step.position,
      narration: step.narration,
      lines: step.lines,
      choiceText: step.choice?.text ?? "",
      image: step.image,
    })),
    current: {
      narration: view.current.narration,
      lines: view.current.lines,
      image: view.current.image,
      choices: shuffledFor(view.current.choices, `${attemptId}:${view.current.nodeId}`),
    },
    meters: view.meters,
    changes: view.changes,
    position: view.position,
  };
}
