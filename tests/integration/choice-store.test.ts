// The choice repository (app/scenarios/choice-store.server.ts): prepared-statement writes on Prisma's own
// connection. Each write applies once per position, its trigger writes the choice event in the same
// statement, the last choice commits or rolls back with the transaction around it, and a direct write never
// lands inside a Prisma transaction that is still open.
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../app/auth/roles";
import { prisma } from "../../app/db/db.server";
import { startOver } from "../../app/scenarios/attempts.server";
import { recordChoice, recordLastChoice } from "../../app/scenarios/choice-store.server";
import { seedOnce } from "../support/app";

const SLUG = "vandalism-conference";
let player: SessionUser;

beforeAll(async () => {
  await seedOnce();
  // A trainer: no program's pools concern them, so practice is never refused.
  const row = await prisma.user.findUniqueOrThrow({ where: { email: "trainer@example.org" } });
  player = {
    id: row.id,
    email: row.email,
    name: row.name,
    role: "trainer",
    agencyId: row.agencyId,
    unitId: row.unitId,
    grants: [],
  };
});

async function freshAttempt(): Promise<string> {
  const started = await startOver(player, SLUG);
  if (!started) throw new Error(`practice of ${SLUG} refused`);
  return started.attemptId;
}

const eventsOf = (attemptId: string) =>
  prisma.choiceEvent.findMany({
    where: { attemptId },
    orderBy: { position: "asc" },
    select: { position: true, choiceId: true, nodeId: true },
  });
const choice = (attemptId: string, position: number, choices: string[]) => ({
  attemptId,
  position,
  choices,
  nodeId: `node-${position}`,
  at: new Date(),
});

describe("recordChoice", () => {
  it("records the choice and, through the trigger, exactly one choice event; the same position again changes nothing", async () => {
    const attemptId = await freshAttempt();
    expect(await recordChoice(choice(attemptId, 0, ["a"]))).toBe(true);
    expect(await recordChoice(choice(attemptId, 0, ["b"]))).toBe(false);
    expect(await recordChoice(choice(attemptId, 0, ["a"]))).toBe(false);
    const attempt = await prisma.attempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect({
      choices: attempt.choices,
      choiceCount: attempt.choiceCount,
      lastNodeId: attempt.lastNodeId,
      status: attempt.status,
    }).toEqual({ choices: '["a"]', choiceCount: 1, lastNodeId: "node-0", status: "in_progress" });
    expect(await eventsOf(attemptId)).toEqual([{ position: 0, choiceId: "a", nodeId: "node-0" }]);
  });

  it("lets one of two writes for the same position through, and refuses a position that skips ahead", async () => {
    const attemptId = await freshAttempt();
    const outcomes = await Promise.all([
      recordChoice(choice(attemptId, 0, ["a"])),
      recordChoice(choice(attemptId, 0, ["b"])),
    ]);
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(await recordChoice(choice(attemptId, 2, ["a", "x", "y"]))).toBe(false);
    expect((await eventsOf(attemptId)).map((e) => e.position)).toEqual([0]);
  });

  it("waits for a Prisma transaction in progress instead of writing inside it", async () => {
    const attemptId = await freshAttempt();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let recorded: Promise<boolean> | null = null;
    const rolledBack = prisma.$transaction(async (tx) => {
      await tx.attempt.update({ where: { id: attemptId }, data: { lastNodeId: "inside-the-transaction" } });
      recorded = recordChoice(choice(attemptId, 0, ["a"]));
      await held;
      throw new Error("roll back");
    });
    release();
    await expect(rolledBack).rejects.toThrow("roll back");
    // Had the choice been written inside the transaction, the rollback would have taken it away.
    expect(await recorded!).toBe(true);
    expect(await eventsOf(attemptId)).toEqual([{ position: 0, choiceId: "a", nodeId: "node-0" }]);
  });
});

describe("recordLastChoice", () => {
  const result = {
    endingId: "repair-agreed",
    score: 82,
    passed: true,
    criticalErrors: 1,
    competencyScores: { listening: 90 },
  };

  it("completes the attempt with its result in the caller's transaction", async () => {
    const attemptId = await freshAttempt();
    const applied = await prisma.$transaction(async (tx) => recordLastChoice(tx, choice(attemptId, 0, ["a"]), result));
    expect(applied).toBe(true);
    const attempt = await prisma.attempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect({
      status: attempt.status,
      endingId: attempt.endingId,
      score: attempt.score,
      passed: attempt.passed,
      criticalErrors: attempt.criticalErrors,
      competencyScores: attempt.competencyScores,
      finished: attempt.finishedAt?.getTime() === attempt.updatedAt.getTime(),
    }).toEqual({
      status: "completed",
      endingId: "repair-agreed",
      score: 82,
      passed: true,
      criticalErrors: 1,
      competencyScores: '{"listening":90}',
      finished: true,
    });
    expect(await eventsOf(attemptId)).toHaveLength(1);
    expect(await recordChoice(choice(attemptId, 1, ["a", "b"]))).toBe(false);
  });

  it("rolls back with the transaction: no result, no choice event", async () => {
    const attemptId = await freshAttempt();
    await expect(
      prisma.$transaction(async (tx) => {
        await recordLastChoice(tx, choice(attemptId, 0, ["a"]), result);
        throw new Error("the standings failed");
      }),
    ).rejects.toThrow("the standings failed");
    const attempt = await prisma.attempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect({ status: attempt.status, choiceCount: attempt.choiceCount, score: attempt.score }).toEqual({
      status: "in_progress",
      choiceCount: 0,
      score: null,
    });
    expect(await eventsOf(attemptId)).toEqual([]);
  });
});
