// Playing a scenario: start or resume an attempt, record one choice, leave. The server rebuilds the state
// from the recorded choices, refuses what is not possible now, and computes every score itself.
import { transition } from "xstate";
import type { SessionUser } from "../auth/roles";
import { recomputeStandings } from "../certification/evidence.server";
import { prisma } from "../db/db.server";
import { prepared } from "../db/reader.server";
import { ensureLibrary, latestVersionOf, loadVersion, type LoadedVersion } from "./library.server";
import { createScenarioMachine, replayMachine, type ScenarioMachine } from "./machine";
import { resultOf } from "./scoring";

const machines = new Map<string, ScenarioMachine>();
function machineFor(version: LoadedVersion): ScenarioMachine {
  let machine = machines.get(version.id);
  if (!machine) {
    machine = createScenarioMachine(version.compiled.scenario);
    machines.set(version.id, machine);
  }
  return machine;
}

/** Resumes the officer's unfinished attempt at this scenario, or starts one on the latest version. */
export async function startOrResume(user: SessionUser, slug: string): Promise<{ attemptId: string } | null> {
  const open = await prisma.attempt.findFirst({
    where: { userId: user.id, scenarioSlug: slug, status: "in_progress" },
    select: { id: true },
  });
  if (open) return { attemptId: open.id };
  const version = await latestVersionOf(slug);
  if (!version) return null;
  const attempt = await prisma.attempt.create({
    data: { userId: user.id, scenarioVersionId: version.id, scenarioSlug: slug, status: "in_progress" },
    select: { id: true },
  });
  return { attemptId: attempt.id };
}

/** Leaves the open attempt (neither pass nor fail) and starts afresh. */
export async function startOver(user: SessionUser, slug: string) {
  await prisma.attempt.updateMany({
    where: { userId: user.id, scenarioSlug: slug, status: "in_progress" },
    data: { status: "left", finishedAt: new Date(), updatedAt: new Date() },
  });
  return startOrResume(user, slug);
}

export async function leaveAttempt(user: SessionUser, attemptId: string): Promise<boolean> {
  const { count } = await prisma.attempt.updateMany({
    where: { id: attemptId, userId: user.id, status: "in_progress" },
    data: { status: "left", finishedAt: new Date(), updatedAt: new Date() },
  });
  return count === 1;
}

export interface AttemptRecord {
  id: string;
  userId: string;
  scenarioSlug: string;
  status: string;
  choices: string[];
  startedAt: Date;
  finishedAt: Date | null;
  version: LoadedVersion;
}

/** The attempt if `user` played it; null for anything else, so a stranger learns nothing. */
export async function findOwnAttempt(user: SessionUser, attemptId: string, slug?: string): Promise<AttemptRecord | null> {
  await ensureLibrary();
  const row = await prisma.attempt.findUnique({
    where: { id: attemptId },
    select: { id: true, userId: true, scenarioSlug: true, status: true, choices: true, scenarioVersionId: true, startedAt: true, finishedAt: true },
  });
  if (!row || row.userId !== user.id || (slug && row.scenarioSlug !== slug)) return null;
  const version = await loadVersion(row.scenarioVersionId);
  if (!version) return null;
  return { ...row, choices: JSON.parse(row.choices) as string[], version };
}

export type ChooseOutcome =
  | { kind: "recorded"; finished: boolean }
  | { kind: "duplicate" }
  | { kind: "not-found" }
  | { kind: "conflict"; message: string }
  | { kind: "not-offered"; message: string };

/**
 * Records the choice at `position` (the number of choices already made, as the page saw it).
 * A resend of the same choice at the same position is acknowledged once and recorded once.
 */
export async function choose(user: SessionUser, attemptId: string, position: number, choiceId: string, slug?: string): Promise<ChooseOutcome> {
  const attempt = prepared(
    "SELECT userId, scenarioSlug, scenarioVersionId, status, choices FROM Attempt WHERE id = ?",
  ).get(attemptId) as { userId: string; scenarioSlug: string; scenarioVersionId: string; status: string; choices: string } | undefined;
  if (!attempt || attempt.userId !== user.id || (slug !== undefined && attempt.scenarioSlug !== slug)) return { kind: "not-found" };
  const recorded = JSON.parse(attempt.choices) as string[];
  if (position < recorded.length) {
    return recorded[position] === choiceId
      ? { kind: "duplicate" }
      : { kind: "conflict", message: "This step was already answered, perhaps in another tab. Here is where the conversation stands now." };
  }
  if (position > recorded.length || attempt.status !== "in_progress") {
    return { kind: "conflict", message: attempt.status === "in_progress" ? "The page was out of date. Here is where the conversation stands now." : "This attempt has ended." };
  }
  await ensureLibrary();
  const version = await loadVersion(attempt.scenarioVersionId);
  if (!version) return { kind: "not-found" };
  const machine = machineFor(version);
  const replayed = replayMachine(machine, recorded);
  const event = { type: "CHOOSE" as const, choiceId };
  if (!replayed.ok || replayed.snapshot.status !== "active" || !replayed.snapshot.can(event)) {
    return { kind: "not-offered", message: "That choice is not available at this point in the conversation." };
  }
  const nodeId = String(replayed.snapshot.value);
  const [next] = transition(machine, replayed.snapshot, event);
  const finished = next.status === "done";
  const result = finished ? resultOf(version.compiled.scenario, version.compiled, next.context) : null;
  const now = new Date();
  // One guarded UPDATE: it only applies if nobody recorded this position first, and the trigger
  // "Attempt_record_choice_event" writes the choice event in the same statement.
  const update = {
    where: { id: attemptId, choiceCount: position, status: "in_progress" },
    data: {
      choices: JSON.stringify([...recorded, choiceId]),
      choiceCount: position + 1,
      lastNodeId: nodeId,
      updatedAt: now,
      ...(result && {
        status: "completed",
        finishedAt: now,
        endingId: result.endingId,
        score: result.score,
        passed: result.passed,
        criticalErrors: result.criticalErrors.length,
        competencyScores: JSON.stringify(result.competencyScores),
      }),
    },
  };
  let applied: boolean;
  if (!result) {
    applied = (await prisma.attempt.updateMany(update)).count === 1;
  } else {
    // The last choice also brings the officer's certification summary up to date, in the same transaction.
    applied = await prisma.$transaction(async (tx) => {
      if ((await tx.attempt.updateMany(update)).count !== 1) return false;
      await recomputeStandings(tx, user.id, now);
      return true;
    });
  }
  if (!applied) {
    // A concurrent submission for the same position won the race: its choice stands.
    const winner = prepared("SELECT choiceId FROM ChoiceEvent WHERE attemptId = ? AND position = ?").get(attemptId, position) as { choiceId: string } | undefined;
    return winner?.choiceId === choiceId ? { kind: "duplicate" } : { kind: "conflict", message: "This step was already answered in another tab." };
  }
  return { kind: "recorded", finished };
}

/** The officer's attempts, newest first, for their history. */
export async function attemptHistory(userId: string, take = 50) {
  await ensureLibrary();
  return prisma.attempt.findMany({
    where: { userId },
    orderBy: { startedAt: "desc" },
    take,
    select: {
      id: true, scenarioSlug: true, status: true, score: true, passed: true, startedAt: true, finishedAt: true,
      criticalErrors: true, scenarioVersion: { select: { number: true, title: true } },
    },
  });
}
