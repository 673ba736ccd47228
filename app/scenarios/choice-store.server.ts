// Recording one choice: the guarded UPDATE of the attempt, as a prepared statement on the process's one writing
// connection (docs/decisions/0241). It applies only if nobody recorded this position first (choiceCount and
// status in the WHERE clause), and the trigger "Attempt_record_choice_event" writes the choice event in the
// same statement, so a resend or a second tab can never record a position twice.
import { writes } from "../db/db.server";
import { sqlTime } from "../db/sql-time";

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

const NEXT_CHOICE = `UPDATE Attempt SET choices = ?, choiceCount = ?, lastNodeId = ?, updatedAt = ?
  WHERE id = ? AND choiceCount = ? AND status = 'in_progress'`;

const LAST_CHOICE = `UPDATE Attempt SET choices = ?, choiceCount = ?, lastNodeId = ?, updatedAt = ?,
    status = 'completed', finishedAt = ?, endingId = ?, score = ?, passed = ?, criticalErrors = ?, competencyScores = ?
  WHERE id = ? AND choiceCount = ? AND status = 'in_progress'`;

/** Records a choice that does not end the attempt; false if this position was already recorded (or it ended). */
export function recordChoice(choice: ChoiceWrite): Promise<boolean> {
  const at = sqlTime(choice.at);
  return writes.run(
    (prepare) =>
      prepare(NEXT_CHOICE).run(
        JSON.stringify(choice.choices),
        choice.position + 1,
        choice.nodeId,
        at,
        choice.attemptId,
        choice.position,
      ).changes === 1,
  );
}

/** Records a choice that does not end the attempt, inside the caller's Prisma transaction (with its statement). */
export function recordNextChoice(choice: ChoiceWrite): boolean {
  const at = sqlTime(choice.at);
  return writes.inTransaction(
    (prepare) =>
      prepare(NEXT_CHOICE).run(
        JSON.stringify(choice.choices),
        choice.position + 1,
        choice.nodeId,
        at,
        choice.attemptId,
        choice.position,
      ).changes === 1,
  );
}

/**
 * Records the choice that ends the attempt, with its result. Runs inside the caller's Prisma transaction
 * (`prisma.$transaction`), so that whatever else the ending changes commits or rolls back with it.
 */
export function recordLastChoice(choice: ChoiceWrite, result: AttemptResult): boolean {
  const at = sqlTime(choice.at);
  return writes.inTransaction(
    (prepare) =>
      prepare(LAST_CHOICE).run(
        JSON.stringify(choice.choices),
        choice.position + 1,
        choice.nodeId,
        at,
        at,
        result.endingId,
        result.score,
        result.passed ? 1 : 0,
        result.criticalErrors,
        JSON.stringify(result.competencyScores),
        choice.attemptId,
        choice.position,
      ).changes === 1,
  );
}
