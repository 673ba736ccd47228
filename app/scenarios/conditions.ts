// Conditions on participant state, e.g. `maria.trust < 30 and maria.safety >= 40`.
// Parsed, never evaluated as code.
import { LIMITS } from "../content/limits";

export type Operator = "<" | "<=" | ">" | ">=" | "==" | "!=";

export interface Comparison {
  participant: string;
  meter: string;
  op: Operator;
  value: number;
}

export type Condition = Comparison[];

const COMPARISON = /^([a-z][a-z0-9-]*)\.([a-z][a-z0-9-]*)\s*(<=|>=|==|!=|<|>)\s*(-?\d+)$/;

export function parseCondition(source: string): { ok: true; condition: Condition } | { ok: false; message: string } {
  if (source.length > LIMITS.conditionChars) {
    return {
      ok: false,
      message: `this condition is ${source.length} characters long; at most ${LIMITS.conditionChars}: split the choice instead`,
    };
  }
  const condition: Condition = [];
  for (const part of comparisonsIn(source)) {
    const match = COMPARISON.exec(part);
    if (!match) {
      return {
        ok: false,
        message: `cannot read condition "${part}": write participant.meter OP number (OP is < <= > >= == !=), joined with "and"`,
      };
    }
    const [, participant, meter, op, value] = match as unknown as [string, string, string, Operator, string];
    condition.push({ participant, meter, op, value: Number(value) });
  }
  return { ok: true, condition };
}

/**
 * The comparisons between the word "and", each with its spaces collapsed. One pass over the words: a regular
 * expression that splits on /\s+and\s+/ tries every run of spaces again from each of its characters, which is
 * quadratic in a condition padded with spaces.
 */
function comparisonsIn(source: string): string[] {
  const parts: string[] = [];
  let words: string[] = [];
  for (const word of source.trim().split(/\s+/)) {
    if (word === "and") {
      parts.push(words.join(" "));
      words = [];
    } else {
      words.push(word);
    }
  }
  parts.push(words.join(" "));
  return parts;
}

export function holds(condition: Condition, meters: Record<string, Record<string, number>>): boolean {
  return condition.every(({ participant, meter, op, value }) => {
    const actual = meters[participant]?.[meter] ?? 0;
    switch (op) {
      case "<":
        return actual < value;
      case "<=":
        return actual <= value;
      case ">":
        return actual > value;
      case ">=":
        return actual >= value;
      case "==":
        return actual === value;
      case "!=":
        return actual !== value;
    }
  });
}
