// Playtesting: a trainer plays from any decision node, from a participant state play can reach there
// (playtest-states.ts), with scores set as wanted. Nothing is recorded; the state travels in the form and is
// checked on every step.
import { z } from "zod";
import { prisma } from "../db/db.server";
import { exploreStates, type StateGraph } from "../scenarios/analyze";
import { initialState, step, type PlayState } from "../scenarios/engine";
import { COMPETENCIES } from "../scenarios/format";
import { mapLabel } from "../scenarios/graph";
import { ensureLibrary, loadVersion, type LoadedVersion } from "../scenarios/library.server";
import { metersOf, shownParticipants, type Scenario } from "../scenarios/scenario";
import { resultOf, scoreState } from "../scenarios/scoring";
import { reachableStatesAt, type ReachableState } from "./playtest-states";

/** The address's `?version=`: a version number, or the latest when absent or not a number. */
const VersionParam = z.coerce.number().int().min(1).optional().catch(undefined);

/** The version a playtest address names: `?version=N`, or the latest; null when the scenario has no such version. */
export async function playtestVersion(slug: string, search: URLSearchParams): Promise<LoadedVersion | null> {
  const number = VersionParam.parse(search.get("version") || undefined);
  await ensureLibrary();
  const row = await prisma.scenarioVersion.findFirst({
    where: { scenarioSlug: slug, ...(number ? { number } : {}) },
    orderBy: { number: "desc" },
    select: { id: true },
  });
  return row ? loadVersion(row.id) : null;
}

// Versions never change, so each one's explored states are kept for the life of the process.
const graphs = new Map<string, StateGraph>();

/** The states play reaches at a node of this version, the most common first (null: too many to explore). */
export function statesAt(version: LoadedVersion, nodeId: string): ReachableState[] | null {
  let graph = graphs.get(version.id);
  if (!graph) graphs.set(version.id, (graph = exploreStates(version.compiled.scenario)));
  return reachableStatesAt(version.compiled.scenario, nodeId, graph);
}

/** What the setup form needs: the decision nodes to start from, the states play reaches at the start, the competencies. */
export function playtestSetup(version: LoadedVersion, askedNode: string | null) {
  const { scenario } = version.compiled;
  const asked = askedNode ? scenario.nodes[askedNode] : undefined;
  const start = asked && !asked.ending ? asked.id : scenario.start;
  return {
    slug: version.slug,
    number: version.number,
    title: scenario.title,
    start,
    states: statesAt(version, start),
    decisionNodes: Object.values(scenario.nodes)
      .filter((n) => !n.ending)
      .map((n) => ({ id: n.id, label: mapLabel(n) })),
    participants: shownParticipants(scenario),
    competencies: scenario.competencies,
  };
}

const FieldValue = z.string().max(50);

/**
 * What the playtest page posts: a setup (start node, the index of a reachable state, and `points.<competency>`
 * fields as typed) or a choice from the posted state. Whether the values fit the scenario is checked against it.
 */
export const PlaytestInput = z.preprocess(
  (raw) => (raw && typeof raw === "object" ? groupPresetFields(raw as Record<string, unknown>) : raw),
  z.discriminatedUnion("intent", [
    z.object({
      intent: z.literal("start"),
      node: z.string().max(200).optional(),
      state: z.coerce.number().int().min(0).max(100_000).default(0),
      points: z.record(FieldValue),
    }),
    z.object({
      intent: z.literal("choose"),
      state: z.string().max(200_000),
      choiceId: z.string().max(200).default(""),
    }),
  ]),
);
export type PlaytestInput = z.infer<typeof PlaytestInput>;

/** `points.safety` becomes points.safety. */
function groupPresetFields(raw: Record<string, unknown>) {
  const points: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith("points.")) points[key.slice("points.".length)] = value;
    else rest[key] = value;
  }
  return { ...rest, points };
}

const stateSchema = z.object({
  nodeId: z.string(),
  meters: z.record(z.record(z.number().int().min(0).max(100))),
  points: z.record(z.enum(COMPETENCIES), z.number().int().min(-1000).max(1000)),
  criticalErrors: z.array(z.object({ nodeId: z.string(), choiceId: z.string(), reason: z.string() })).max(1000),
  path: z.array(z.object({ nodeId: z.string(), choiceId: z.string() })).max(1000),
});

/** The state posted back by the page, if it fits this scenario. */
function readState(scenario: Scenario, json: string): PlayState | null {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(json));
    if (!parsed.success || !scenario.nodes[parsed.data.nodeId]) return null;
    for (const p of scenario.participants)
      for (const m of metersOf(scenario, p.id)) if (parsed.data.meters[p.id]?.[m.id] === undefined) return null;
    return parsed.data as PlayState;
  } catch {
    return null;
  }
}

/** A starting state from the setup form: a decision node, one of the states play reaches there, each competency's points. */
function presetState(
  version: LoadedVersion,
  input: Extract<PlaytestInput, { intent: "start" }>,
): { state: PlayState; errors: Record<string, string> } {
  const { scenario } = version.compiled;
  const state = initialState(scenario);
  const errors: Record<string, string> = {};
  const node = input.node ?? scenario.start;
  if (!scenario.nodes[node] || scenario.nodes[node]!.ending) errors.node = "Choose a decision node to start from.";
  else {
    state.nodeId = node;
    const states = statesAt(version, node);
    const chosen = states?.[input.state];
    if (states && !states.length) errors.state = "Play never reaches this node: choose another.";
    else if (states && !chosen) errors.state = "Choose one of the states play reaches at this node.";
    else if (chosen) state.meters = structuredClone(chosen.meters);
  }
  for (const c of scenario.competencies) {
    const raw = input.points[c];
    if (raw === undefined || raw === "") continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || Math.abs(value) > 1000)
      errors[`points.${c}`] = `${c} points must be a whole number.`;
    else state.points[c] = value;
  }
  return { state, errors };
}

function playtestStep(scenario: Scenario, state: PlayState, choiceId: string) {
  const result = step(scenario, state, choiceId);
  if (!result.ok) return null;
  return {
    state: result.state,
    feedback: {
      text: result.choice.text,
      feedback: result.choice.feedback,
      scores: result.choice.scores,
      critical: result.choice.critical,
    },
  };
}

type Feedback = NonNullable<ReturnType<typeof playtestStep>>["feedback"];

/** One playtest turn: the setup or the choice applied, or the field messages that refuse it (nothing changes). */
export function playtestTurn(version: LoadedVersion, input: PlaytestInput) {
  const { scenario } = version.compiled;
  let state: PlayState;
  let feedback: Feedback | null = null;
  if (input.intent === "start") {
    const preset = presetState(version, input);
    if (Object.keys(preset.errors).length) return { ok: false as const, errors: preset.errors };
    state = preset.state;
  } else {
    const posted = readState(scenario, input.state);
    if (!posted) return { ok: false as const, errors: { form: "The playtest state was not valid; start again." } };
    const next = playtestStep(scenario, posted, input.choiceId);
    if (!next) return { ok: false as const, errors: { form: "That choice is not available at this node." } };
    state = next.state;
    feedback = next.feedback;
  }
  return { ok: true as const, ...turnView(version, state), feedback };
}

function turnView(version: LoadedVersion, state: PlayState) {
  const { scenario } = version.compiled;
  const node = scenario.nodes[state.nodeId]!;
  const names = new Map(scenario.participants.map((p) => [p.id, p.name]));
  return {
    errors: {} as Record<string, string>,
    state,
    stateJson: JSON.stringify(state),
    node: {
      id: node.id,
      narration: node.narration,
      lines: node.lines.map((l) => ({ speaker: names.get(l.speaker) ?? l.speaker, text: l.text })),
      choices: node.choices.map((c) => ({ id: c.id, text: c.text })),
      ending: node.ending,
    },
    scores: scoreState(scenario, version.compiled, state),
    result: node.ending ? resultOf(scenario, version.compiled, state) : null,
  };
}
