// Playtesting: a trainer plays from any decision node, from a participant state play can reach there
// (playtest-states.ts), with scores set as wanted. Nothing is recorded; the state travels in the form and is
// checked on every step.
import { z } from "zod";
import { initialState, step, type PlayState } from "../scenarios/engine";
import { COMPETENCIES } from "../scenarios/format";
import type { Scenario } from "../scenarios/scenario";
import { prisma } from "../db/db.server";
import { exploreStates, type StateGraph } from "../scenarios/analyze";
import { ensureLibrary, loadVersion, type LoadedVersion } from "../scenarios/library.server";
import { reachableStatesAt, type ReachableState } from "./playtest-states";
import { resultOf } from "../scenarios/scoring";

export async function playtestVersion(slug: string, number: number | null) {
  await ensureLibrary();
  const row = await prisma.scenarioVersion.findFirst({
    where: { scenarioSlug: slug, ...(number ? { number } : {}) },
    orderBy: { number: "desc" },
    select: { id: true },
  });
  return row ? loadVersion(row.id) : null;
}

const stateSchema = z.object({
  nodeId: z.string(),
  meters: z.record(z.record(z.number().int().min(0).max(100))),
  points: z.record(z.enum(COMPETENCIES), z.number().int().min(-1000).max(1000)),
  criticalErrors: z.array(z.object({ nodeId: z.string(), choiceId: z.string(), reason: z.string() })).max(1000),
  path: z.array(z.object({ nodeId: z.string(), choiceId: z.string() })).max(1000),
});

/** The state posted back by the page, if it fits this scenario. */
export function readState(scenario: Scenario, json: string): PlayState | null {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(json));
    if (!parsed.success || !scenario.nodes[parsed.data.nodeId]) return null;
    for (const p of scenario.participants) for (const m of scenario.meters) if (parsed.data.meters[p.id]?.[m] === undefined) return null;
    return parsed.data as PlayState;
  } catch {
    return null;
  }
}

// Versions never change, so each one's explored states are kept for the life of the process.
const graphs = new Map<string, StateGraph>();

/** The states play reaches at a node of this version, the most common first (null: too many to explore). */
export function statesAt(version: LoadedVersion, nodeId: string): ReachableState[] | null {
  let graph = graphs.get(version.id);
  if (!graph) graphs.set(version.id, (graph = exploreStates(version.compiled.scenario)));
  return reachableStatesAt(version.compiled.scenario, nodeId, graph);
}

/** A starting state from the setup form: a decision node, one of the states play reaches there, each competency's points. */
export function presetState(version: LoadedVersion, form: FormData): { state: PlayState; errors: Record<string, string> } {
  const { scenario } = version.compiled;
  const state = initialState(scenario);
  const errors: Record<string, string> = {};
  const node = String(form.get("node") ?? scenario.start);
  if (!scenario.nodes[node] || scenario.nodes[node]!.ending) errors.node = "Choose a decision node to start from.";
  else {
    state.nodeId = node;
    const states = statesAt(version, node);
    const chosen = states?.[Number(form.get("state") ?? 0)];
    if (states && !states.length) errors.state = "Play never reaches this node: choose another.";
    else if (states && !chosen) errors.state = "Choose one of the states play reaches at this node.";
    else if (chosen) state.meters = structuredClone(chosen.meters);
  }
  for (const c of scenario.competencies) {
    const raw = form.get(`points.${c}`);
    if (raw === null || raw === "") continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || Math.abs(value) > 1000) errors[`points.${c}`] = `${c} points must be a whole number.`;
    else state.points[c] = value;
  }
  return { state, errors };
}

export function playtestStep(scenario: Scenario, state: PlayState, choiceId: string) {
  const result = step(scenario, state, choiceId);
  if (!result.ok) return null;
  return { state: result.state, feedback: { text: result.choice.text, feedback: result.choice.feedback, scores: result.choice.scores, critical: result.choice.critical } };
}

export { resultOf };
