// Recording one choice: the guarded UPDATE of the attempt, one raw statement (docs/decisions/0241: on SQLite a
// prepared statement on the process's one writing connection). It applies only if nobody recorded this position
// first (choiceCount and status in the WHERE clause), and the trigger "Attempt_record_choice_event" writes the
// choice event in the same statement, so a resend or a second tab can never record a position twice.
import type { Tx } from "../db/db.server";
import { sqlRun, sqlRunIn, type SqlValue } from "../db/sql.server";

export interface ChoiceWrite {
  attemptId: string;
  /** The number of choices recorded before this one. */
  position: number;
  /** Every choice id of the attempt, this one last. */
  choices: readonly string[];
  /** The node the choice was made at. */
  nodeId: string;
  at: Date;
}

export interface AttemptResult {
  endingId: string;
  score: number;
  passed: boolean;
  criticalErrors: number;
  competencyScores: Record<string, number>;
}

const NEXT_CHOICE = `UPDATE "Attempt" SET "choices" = ?, "choiceCount" = ?, "lastNodeId" = ?, "updatedAt" = ?
  WHERE "id" = ? AND "choiceCount" = ? AND "status" = 'in_progress'`;

const LAST_CHOICE = `UPDATE "Attempt" SET "choices" = ?, "choiceCount" = ?, "lastNodeId" = ?, "updatedAt" = ?,
    "status" = 'completed', "finishedAt" = ?, "endingId" = ?, "score" = ?, "passed" = ?, "criticalErrors" = ?,
    "competencyScores" = ?
  WHERE "id" = ? AND "choiceCount" = ? AND "status" = 'in_progress'`;

function nextChoiceValues(choice: ChoiceWrite): SqlValue[] {
  return [
    JSON.stringify(choice.choices),
    choice.position + 1,
    choice.nodeId,
    choice.at,
    choice.attemptId,
    choice.position,
  ];
}

/** Records a choice that does not end the attempt; false if this position was already recorded (or it ended). */
export async function recordChoice(choice: ChoiceWrite): Promise<boolean> {
  return (await sqlRun(NEXT_CHOICE, ...nextChoiceValues(choice))) === 1;
}

/** Records a choice that does not end the attempt, inside the caller's Prisma transaction. */
export async function recordNextChoice(tx: Tx, choice: ChoiceWrite): Promise<boolean> {
  return (await sqlRunIn(tx, NEXT_CHOICE, ...nextChoiceValues(choice))) === 1;
}

/**
 * Records the choice that ends the attempt, with its result, inside the caller's Prisma transaction, so that
 * whatever else the ending changes commits or rolls back with it.
 */
export async function recordLastChoice(tx: Tx, choice: ChoiceWrite, result: AttemptResult): Promise<boolean> {
  const changed = await sqlRunIn(
    tx,
    LAST_CHOICE,
    JSON.stringify(choice.choices),
    choice.position + 1,
    choice.nodeId,
    choice.at,
    choice.at,
    result.endingId,
    result.score,
    result.passed,
    result.criticalErrors,
    JSON.stringify(result.competencyScores),
    choice.attemptId,
    choice.position,
  );
  return changed === 1;
}
