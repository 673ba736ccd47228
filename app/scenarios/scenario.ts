// A scenario after parsing: the document's data with every `next` normalised into guarded targets.
import type { Condition } from "./conditions";
import type { Competency, Participant, ScenarioDocument, ScenarioEnding } from "./format";

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

export interface Scenario {
  slug: string;
  title: string;
  summary: string;
  setting: string;
  estimatedMinutes: number;
  passMark: number;
  competencies: Competency[];
  contentNotes: string[];
  meters: string[];
  participants: Participant[];
  start: string;
  nodes: Record<string, ScenarioNodeData>;
}

export function isEnding(node: ScenarioNodeData): boolean {
  return node.ending !== null;
}

export type { ScenarioDocument };
