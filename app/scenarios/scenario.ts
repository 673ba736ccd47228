// A scenario after parsing: the document's data with every `next` normalised into guarded targets.
import type { Condition } from "./conditions";
import type { Competency, OwnMeterDeclaration, Participant, ScenarioDocument, ScenarioEnding } from "./format";

export interface Target {
  /** null: always taken */
  condition: Condition | null;
  /** the condition as the trainer wrote it */
  source: string | null;
  goto: string;
}

export interface Choice {
  id: string;
  text: string;
  effects: Record<string, Record<string, number>>;
  scores: Partial<Record<Competency, number>>;
  critical: string | null;
  feedback: string;
  targets: Target[];
}

export interface ScenarioNodeData {
  id: string;
  /** a short name for the map; versions compiled before titles existed have none */
  title?: string | null;
  /** an illustration shown with the narration (versions compiled before images existed have none) */
  image?: { ref: string; alt: string } | null;
  narration: string;
  lines: { speaker: string; text: string }[];
  choices: Choice[];
  ending: ScenarioEnding | null;
}

/** A participant; `meters` (its own meters) is absent when it has only the shared ones, and in versions
 *  compiled before participants could have meters of their own. */
export type ScenarioParticipant = Omit<Participant, "meters"> & { meters?: OwnMeterDeclaration[] };

export interface Scenario {
  slug: string;
  title: string;
  summary: string;
  setting: string;
  estimatedMinutes: number;
  passMark: number;
  competencies: Competency[];
  contentNotes: string[];
  /** the shared meters, which every participant has */
  meters: string[];
  participants: ScenarioParticipant[];
  start: string;
  nodes: Record<string, ScenarioNodeData>;
}

/** One meter of one participant: its id (in effects, conditions and state) and how the player names it. */
export interface ParticipantMeter {
  id: string;
  label: string;
  /** true for a meter every participant has, false for one of the participant's own */
  shared: boolean;
}

/**
 * The rule for which meters a participant has: the shared meters, then its own, in the order declared. The
 * parser, the engine's start state, the validator and every view ask this, so none of them can disagree.
 * An unknown participant has none.
 */
export function metersOf(
  scenario: Pick<Scenario, "meters" | "participants">,
  participantId: string,
): ParticipantMeter[] {
  const participant = scenario.participants.find((p) => p.id === participantId);
  if (!participant) return [];
  return [
    ...scenario.meters.map((id) => ({ id, label: id, shared: true })),
    ...(participant.meters ?? []).map((m) => ({ id: m.id, label: m.label ?? m.id, shared: false })),
  ];
}

/** How the studio names one participant's meter, in the editor and in its effect summaries: "Maria: sense of
 *  safety" (a meter without a label is named by its id). */
export function meterCaption(participantName: string, meterLabel: string): string {
  return `${participantName}: ${meterLabel}`;
}

/** Whether the scenario has a participant with this meter. */
export function hasMeter(
  scenario: Pick<Scenario, "meters" | "participants">,
  participantId: string,
  meter: string,
): boolean {
  return metersOf(scenario, participantId).some((m) => m.id === meter);
}

/** The participants as the pages show them: name, role and each one's meters. */
export interface ShownParticipant {
  id: string;
  name: string;
  role: string;
  meters: ParticipantMeter[];
  /** a portrait's image reference and alt text, when the scenario gives one */
  portrait: string | null;
  portraitAlt: string | null;
}

export function shownParticipants(scenario: Pick<Scenario, "meters" | "participants">): ShownParticipant[] {
  return scenario.participants.map((p) => ({
    id: p.id,
    name: p.name,
    role: p.role,
    meters: metersOf(scenario, p.id),
    portrait: p.portrait ?? null,
    portraitAlt: p.portraitAlt ?? null,
  }));
}

export function isEnding(node: ScenarioNodeData): boolean {
  return node.ending !== null;
}

export type { ScenarioDocument };
