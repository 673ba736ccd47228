// Conditions on participant state, e.g. `maria.trust < 30 and maria.safety >= 40`.
// Parsed, never evaluated as code.

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
  const parts = source.trim().split(/\s+and\s+/);
  const condition: Condition = [];
  for (const part of parts) {
    const match = COMPARISON.exec(part.trim());
    if (!match) {
      return {
        ok: false,
        message: `cannot read condition "${part.trim()}": write participant.meter OP number (OP is < <= > >= == !=), joined with "and"`,
      };
    }
    const [, participant, meter, op, value] = match as unknown as [string, string, string, Operator, string];
    condition.push({ participant, meter, op, value: Number(value) });
  }
  return { ok: true, condition };
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
