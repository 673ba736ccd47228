// Playtesting from a middle node starts from a state play can actually reach there, taken from the analyzer's
// exploration of every reachable state (docs/decisions/0218-playtest-from-reachable-states.md).
import { exploreStates, type StateGraph } from "../scenarios/analyze";
import type { Meters } from "../scenarios/format";
import type { Scenario } from "../scenarios/scenario";

/** A state play reaches at a node: its meters, and how many choices (from explored states) lead into it. */
export type ReachableState = { meters: Meters; ways: number };

/** How many states to offer at one node: enough to pick from, few enough to read. */
export const MAX_OFFERED = 12;

/**
 * The distinct states play reaches at `nodeId`, the most common first (most ways in), or null when the
 * exploration was too large to finish. Each state's meters are those of the first play that reached it.
 */
export function reachableStatesAt(
  scenario: Scenario,
  nodeId: string,
  graph: StateGraph = exploreStates(scenario),
): ReachableState[] | null {
  if (graph.overflow) return null;
  const ways = new Map<number, number>([[0, 1]]);
  for (const out of graph.edges) for (const edge of out) ways.set(edge.to, (ways.get(edge.to) ?? 0) + 1);
  return graph.stateNode
    .map((node, s) => ({ node, s }))
    .filter(({ node }) => node === nodeId)
    .map(({ s }) => ({ meters: graph.stateMeters[s]!, ways: ways.get(s) ?? 0 }))
    .sort((a, b) => b.ways - a.ways)
    .slice(0, MAX_OFFERED);
}
