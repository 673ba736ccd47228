// Where a play stands, for the player's participant strip: "Step 5 of about 18" and what the last choice did to
// each participant. Pure, so the server, the browser and the debrief compute them the same way.
import type { Meters } from "./format";
import type { Scenario, ShownParticipant } from "./scenario";

/**
 * How many more decisions each node is from the nearest successful ending (any ending when no success is
 * reachable), following every target whatever its condition. An ending is 0; a node no ending can be reached
 * from is left out.
 */
export function decisionsToEnd(scenario: Scenario): Map<string, number> {
  const incoming = new Map<string, Set<string>>();
  for (const node of Object.values(scenario.nodes)) {
    for (const choice of node.choices)
      for (const t of choice.targets) {
        if (!incoming.has(t.goto)) incoming.set(t.goto, new Set());
        incoming.get(t.goto)!.add(node.id);
      }
  }
  const endings = Object.values(scenario.nodes).filter((n) => n.ending);
  const successes = endings.filter((n) => n.ending!.success);
  const fromSuccess = backwardDistances(
    successes.map((n) => n.id),
    incoming,
  );
  if (fromSuccess.has(scenario.start)) return fromSuccess;
  return backwardDistances(
    endings.map((n) => n.id),
    incoming,
  );
}

function backwardDistances(targets: string[], incoming: Map<string, Set<string>>): Map<string, number> {
  const distance = new Map(targets.map((id) => [id, 0]));
  const queue = [...targets];
  while (queue.length) {
    const id = queue.shift()!;
    for (const from of incoming.get(id) ?? []) {
      if (distance.has(from)) continue;
      distance.set(from, distance.get(id)! + 1);
      queue.push(from);
    }
  }
  return distance;
}

export interface StepEstimate {
  /** the step the officer is at, from 1 */
  step: number;
  /** about how many steps a play that goes on from here takes */
  total: number;
}

/**
 * "Step `step` of about `total`": the choices made so far plus the fewest decisions left to a good ending. It
 * stays put along a direct path and grows after a detour; it never says fewer steps than already taken.
 */
export function stepEstimate(
  scenario: Scenario,
  nodeId: string,
  choicesMade: number,
  distances = decisionsToEnd(scenario),
): StepEstimate {
  const atEnding = scenario.nodes[nodeId]?.ending != null;
  const step = atEnding ? choicesMade : choicesMade + 1;
  const left = distances.get(nodeId) ?? 1;
  return { step, total: Math.max(step, choicesMade + left) };
}

export interface MeterChange {
  participantId: string;
  /** "Maria's trust", "Maria's sense of voice" */
  label: string;
  meter: string;
  before: number;
  after: number;
  delta: number;
}

const TITLES = new Set([
  "commander",
  "officer",
  "sergeant",
  "sgt",
  "detective",
  "lieutenant",
  "lt",
  "captain",
  "chief",
  "dr",
  "mr",
  "mrs",
  "ms",
  "rev",
  "reverend",
  "principal",
  "judge",
]);

/** A participant's first name without titles or nicknames: "Sgt. Ray Whitcomb" is "Ray". */
function firstName(name: string): string {
  const words = name
    .replace(/\s*\(.*?\)/g, "")
    .replace(/"[^"]*"/g, "")
    .trim()
    .split(/\s+/);
  return words.find((w) => !TITLES.has(w.replace(/\.$/, "").toLowerCase())) ?? name;
}

/** How the strip names each participant: the first name, or the full name where two share a first name. */
export function participantShortNames(participants: readonly { id: string; name: string }[]): Map<string, string> {
  const firsts = participants.map((p) => firstName(p.name));
  return new Map(
    participants.map((p, i) => [p.id, firsts.filter((f) => f === firsts[i]).length > 1 ? p.name : firsts[i]!]),
  );
}

/** "Maria's", "James'". */
export function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}

/**
 * Each meter that moved between `before` and `after`, named with its participant and the meter's label
 * ("Maria's sense of voice"), in the order of the participants and of each one's meters (`metersOf`).
 */
export function meterChanges(
  participants: readonly Pick<ShownParticipant, "id" | "name" | "meters">[],
  before: Meters,
  after: Meters,
): MeterChange[] {
  const changes: MeterChange[] = [];
  const names = participantShortNames(participants);
  for (const p of participants) {
    for (const meter of p.meters) {
      const from = before[p.id]?.[meter.id] ?? 0;
      const to = after[p.id]?.[meter.id] ?? 0;
      if (from !== to)
        changes.push({
          participantId: p.id,
          label: `${possessive(names.get(p.id)!)} ${meter.label}`,
          meter: meter.id,
          before: from,
          after: to,
          delta: to - from,
        });
    }
  }
  return changes;
}

/** "+5" or "−10" (a true minus sign), so a change is read from its sign and not from a colour. */
export function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : "0";
}

/** One short sentence for screen readers: "Maria's trust rose by 5 to 60; Ethan's safety fell by 10 to 30." */
export function describeChanges(changes: readonly MeterChange[]): string {
  if (!changes.length) return "No one's state changed.";
  return `${changes.map((c) => `${c.label} ${c.delta > 0 ? "rose" : "fell"} by ${Math.abs(c.delta)} to ${c.after}`).join("; ")}.`;
}
