// What each page may show of a play. The player view carries no score, feedback or critical flag: those
// reach the browser only in the debrief, after an ending.
import type { CompiledScenario } from "./compile";
import { initialState, replay, type PlayState } from "./engine";
import type { Competency, Meters } from "./format";
import { meterChanges, type MeterChange } from "./progress";
import { shownParticipants, type Scenario } from "./scenario";
import { resultOf, type AttemptResult } from "./scoring";

export interface SpokenLine {
  speaker: string;
  speakerName: string;
  text: string;
}

export interface TranscriptStep {
  position: number;
  nodeId: string;
  narration: string;
  lines: SpokenLine[];
  choice: { id: string; text: string } | null;
  image: NodeImage | null;
}

/** A node's illustration as pages show it. */
export type NodeImage = { ref: string; alt: string };

export interface PlayerView {
  transcript: TranscriptStep[];
  current: {
    nodeId: string;
    narration: string;
    lines: SpokenLine[];
    choices: { id: string; text: string }[];
    ending: { outcome: string } | null;
    image: NodeImage | null;
  };
  meters: Meters;
  /** what the last choice did to each participant's meters */
  changes: MeterChange[];
  position: number;
}

function linesOf(scenario: Scenario, nodeId: string): SpokenLine[] {
  const names = new Map(scenario.participants.map((p) => [p.id, p.name]));
  return scenario.nodes[nodeId]!.lines.map((l) => ({
    speaker: l.speaker,
    speakerName: names.get(l.speaker) ?? l.speaker,
    text: l.text,
  }));
}

/** The recorded choices replayed; each step remembers the state it started from, a refused one included. */
export function walk(scenario: Scenario, choiceIds: readonly string[]): { states: PlayState[]; final: PlayState } {
  const replayed = replay(scenario, choiceIds);
  return { states: replayed.ok ? replayed.before : [...replayed.before, replayed.state], final: replayed.state };
}

export function playerView(scenario: Scenario, choiceIds: readonly string[]): PlayerView {
  const { states, final } = walk(scenario, choiceIds);
  const transcript = states.map((s, position) => {
    const node = scenario.nodes[s.nodeId]!;
    const choice = node.choices.find((c) => c.id === choiceIds[position]);
    return {
      position,
      nodeId: node.id,
      narration: node.narration,
      lines: linesOf(scenario, node.id),
      choice: choice ? { id: choice.id, text: choice.text } : null,
      image: node.image ?? null,
    };
  });
  const node = scenario.nodes[final.nodeId]!;
  return {
    transcript,
    current: {
      nodeId: node.id,
      narration: node.narration,
      lines: linesOf(scenario, node.id),
      choices: node.choices.map((c) => ({ id: c.id, text: c.text })),
      ending: node.ending ? { outcome: node.ending.outcome } : null,
      image: node.image ?? null,
    },
    meters: final.meters,
    changes: meterChanges(shownParticipants(scenario), states.at(-1)?.meters ?? final.meters, final.meters),
    position: states.length,
  };
}

export interface DebriefStep {
  position: number;
  nodeId: string;
  narration: string;
  choice: {
    id: string;
    text: string;
    feedback: string;
    critical: string | null;
    scores: Partial<Record<Competency, number>>;
  };
  /** the best-scoring choice here, when it differs; never shown for an assessed attempt */
  best: { id: string; text: string } | null;
  metersBefore: Meters;
  metersAfter: Meters;
}

export interface Debrief {
  result: AttemptResult;
  ending: { outcome: string; debrief: string; success: boolean };
  steps: DebriefStep[];
  /** the best-scoring path; null for an assessed attempt, whose debrief covers only the choices made */
  modelPath: { nodeId: string; narration: string; choice: { id: string; text: string; feedback: string } }[] | null;
  meterStart: Meters;
  meterEnd: Meters;
  passMark: number;
  competencies: Competency[];
}

/**
 * The debrief of a finished play. `bestPath: false` (assessed attempts) leaves out the best-scoring path and
 * the stronger choice at each step: the scenario must stay unknown to anyone who has not played it.
 */
export function debriefView(
  compiled: CompiledScenario,
  choiceIds: readonly string[],
  { bestPath = true } = {},
): Debrief | null {
  const { scenario } = compiled;
  const { states, final } = walk(scenario, choiceIds);
  const result = resultOf(scenario, compiled, final);
  const ending = scenario.nodes[final.nodeId]?.ending;
  if (!result || !ending) return null;
  const bestAt = new Map(bestPath ? compiled.modelPath.map((s) => [s.nodeId, s.choiceId]) : []);
  const steps = states.map((s, position) => {
    const node = scenario.nodes[s.nodeId]!;
    const choice = node.choices.find((c) => c.id === choiceIds[position])!;
    const bestId = bestAt.get(node.id);
    const best = bestId && bestId !== choice.id ? (node.choices.find((c) => c.id === bestId) ?? null) : null;
    return {
      position,
      nodeId: node.id,
      narration: node.narration,
      choice: {
        id: choice.id,
        text: choice.text,
        feedback: choice.feedback,
        critical: choice.critical,
        scores: choice.scores,
      },
      best: best ? { id: best.id, text: best.text } : null,
      metersBefore: s.meters,
      metersAfter: states[position + 1]?.meters ?? final.meters,
    };
  });
  const modelPath = !bestPath
    ? null
    : compiled.modelPath.map((m) => {
        const node = scenario.nodes[m.nodeId]!;
        const choice = node.choices.find((c) => c.id === m.choiceId)!;
        return {
          nodeId: node.id,
          narration: node.narration,
          choice: { id: choice.id, text: choice.text, feedback: choice.feedback },
        };
      });
  return {
    result,
    ending: { outcome: ending.outcome, debrief: ending.debrief, success: ending.success },
    steps,
    modelPath,
    meterStart: initialState(scenario).meters,
    meterEnd: final.meters,
    passMark: scenario.passMark,
    competencies: scenario.competencies,
  };
}

/** The scenario as the browser's machine needs it: the graph and effects, with scoring and feedback removed. */
export function redactForPlayer(scenario: Scenario): Scenario {
  const nodes: Scenario["nodes"] = {};
  for (const [id, node] of Object.entries(scenario.nodes)) {
    nodes[id] = {
      ...node,
      choices: node.choices.map((c) => ({ ...c, scores: {}, critical: null, feedback: "" })),
      ending: node.ending ? { outcome: node.ending.outcome, success: false, debrief: "" } : null,
    };
  }
  return { ...scenario, nodes, passMark: 0 };
}
