// Playing a scenario: start or resume an attempt, record one choice, leave. The server rebuilds the state
// from the recorded choices, refuses what is not possible now, and computes every score itself.
import { transition } from "xstate";
import type { SessionUser } from "../auth/roles";
import { prisma } from "../db/db.server";
import { sqlRow } from "../db/sql.server";
import { recordXapi } from "../xapi/outbox.server";
import { assessedView } from "./assessed";
import { nextScenario } from "./catalog.server";
import { recordLastChoice, recordNextChoice } from "./choice-store.server";
import { attemptChanged, attemptStartPlan } from "./events.server";
import { ensureLibrary, latestVersionOf, loadVersion, scenarioTitles, type LoadedVersion } from "./library.server";
import { createScenarioMachine, replayMachine, type ScenarioMachine } from "./machine";
import { attemptModeOf, type AttemptMode } from "./modes";
import { stepEstimate } from "./progress";
import { shownParticipants } from "./scenario";
import { resultOf } from "./scoring";
import { debriefView, playerView, redactForPlayer } from "./views";
import { choiceStatement } from "./xapi-events";

const machines = new Map<string, ScenarioMachine>();
function machineFor(version: LoadedVersion): ScenarioMachine {
  let machine = machines.get(version.id);
  if (!machine) {
    machine = createScenarioMachine(version.compiled.scenario);
    machines.set(version.id, machine);
  }
  return machine;
}

export type StartOutcome =
  { kind: "started"; attemptId: string } | { kind: "refused"; message: string } | { kind: "not-found" };

/**
 * Resumes the user's unfinished attempt at this scenario in the same mode, or starts one on the latest version.
 * `over`: a practice attempt in progress is left first (neither pass nor fail). At most one attempt per
 * scenario is open, so a practice attempt can never show the scenario while an assessed one is under way.
 */
export async function startAttempt(
  user: SessionUser,
  slug: string,
  mode: AttemptMode,
  { over = false, now = new Date() } = {},
): Promise<StartOutcome> {
  const version = await latestVersionOf(slug);
  if (!version) return { kind: "not-found" };
  const title = await scenarioTitles();
  return prisma.$transaction(async (tx): Promise<StartOutcome> => {
    const open = await tx.attempt.findFirst({
      where: { userId: user.id, scenarioSlug: slug, status: "in_progress" },
      select: { id: true, mode: true },
    });
    if (open && attemptModeOf(open.mode) === "assessed") {
      return mode === "assessed"
        ? { kind: "started", attemptId: open.id }
        : {
            kind: "refused",
            message:
              "Your assessed attempt of this role-play is in progress: finish it first (or leave it from its page, which counts as not passed).",
          };
    }
    if (open && mode === "practice" && !over) return { kind: "started", attemptId: open.id };
    if (open && mode === "practice")
      await tx.attempt.update({ where: { id: open.id }, data: { status: "left", finishedAt: now, updatedAt: now } });
    const plan = await attemptStartPlan.ask(tx, user, slug, mode, now, title);
    if (!plan.ok) return { kind: "refused", message: plan.reason };
    const attempt = await tx.attempt.create({
      data: {
        userId: user.id,
        scenarioVersionId: version.id,
        scenarioSlug: slug,
        status: "in_progress",
        mode,
        retakeAuthorizationId: plan.retakeAuthorizationId,
        startedAt: now,
        updatedAt: now,
      },
      select: { id: true },
    });
    // A start can use up a first play or a retake: the roster's summary follows in the same transaction.
    await attemptChanged.announce({ tx, officerId: user.id, at: now, completed: null });
    await recordXapi(tx, user.id, { kind: "attempt_launched", scenarioSlug: slug, attemptId: attempt.id, mode }, now);
    return { kind: "started", attemptId: attempt.id };
  });
}

async function started(outcome: Promise<StartOutcome>): Promise<{ attemptId: string } | null> {
  const result = await outcome;
  if (result.kind === "refused") throw new Error(result.message);
  return result.kind === "started" ? { attemptId: result.attemptId } : null;
}

/** A practice attempt: the open one, or a new one (for seeds, tests and benchmarks; throws if refused). */
export function startOrResume(user: SessionUser, slug: string, mode: AttemptMode = "practice") {
  return started(startAttempt(user, slug, mode));
}

/** Leaves the open practice attempt and starts a new one (throws if refused). */
export function startOver(user: SessionUser, slug: string) {
  return started(startAttempt(user, slug, "practice", { over: true }));
}

/** Leaves an attempt: neither pass nor fail for practice; an assessed attempt left counts as not passed. */
export async function leaveAttempt(user: SessionUser, attemptId: string): Promise<boolean> {
  const now = new Date();
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.attempt.updateMany({
      where: { id: attemptId, userId: user.id, status: "in_progress" },
      data: { status: "left", finishedAt: now, updatedAt: now },
    });
    if (count === 1) await attemptChanged.announce({ tx, officerId: user.id, at: now, completed: null });
    return count === 1;
  });
}

export interface AttemptRecord {
  id: string;
  userId: string;
  scenarioSlug: string;
  status: string;
  mode: AttemptMode;
  choices: string[];
  startedAt: Date;
  finishedAt: Date | null;
  version: LoadedVersion;
}

/** The attempt if `user` played it; null for anything else, so a stranger learns nothing. */
export async function findOwnAttempt(
  user: SessionUser,
  attemptId: string,
  slug?: string,
): Promise<AttemptRecord | null> {
  await ensureLibrary();
  const row = await prisma.attempt.findUnique({
    where: { id: attemptId },
    select: {
      id: true,
      userId: true,
      scenarioSlug: true,
      status: true,
      mode: true,
      choices: true,
      scenarioVersionId: true,
      startedAt: true,
      finishedAt: true,
    },
  });
  if (!row || row.userId !== user.id || (slug && row.scenarioSlug !== slug)) return null;
  const version = await loadVersion(row.scenarioVersionId);
  if (!version) return null;
  return { ...row, mode: attemptModeOf(row.mode), choices: JSON.parse(row.choices) as string[], version };
}

/**
 * What the officer's attempt page holds. Practice: the scenario without scoring, for the browser's machine.
 * Assessed: only where the conversation stands (./assessed.ts). A finished attempt: its debrief, without the
 * best path when it was assessed.
 */
export async function attemptPage(user: SessionUser, attemptId: string, slug: string) {
  const attempt = await findOwnAttempt(user, attemptId, slug);
  if (!attempt) return null;
  const { compiled } = attempt.version;
  const { scenario } = compiled;
  const assessed = attempt.mode === "assessed";
  const base = {
    slug: attempt.scenarioSlug,
    title: scenario.title,
    version: attempt.version.number,
    status: attempt.status,
    mode: attempt.mode,
    participants: shownParticipants(scenario),
  };
  const none = { recorded: null, player: null, assessed: null, debrief: null, progress: null, next: null };
  if (attempt.status === "completed") {
    return {
      ...base,
      ...none,
      debrief: debriefView(compiled, attempt.choices, { bestPath: !assessed }),
      next: await nextScenario(attempt.scenarioSlug),
    };
  }
  if (attempt.status !== "in_progress") return { ...base, ...none };
  // Estimated here, from the full scenario: the browser's copy has no ending marked as a success.
  const progress = stepEstimate(scenario, playerView(scenario, attempt.choices).current.nodeId, attempt.choices.length);
  if (assessed) return { ...base, ...none, progress, assessed: assessedView(scenario, attempt.choices, attempt.id) };
  return { ...base, ...none, progress, recorded: attempt.choices, player: redactForPlayer(scenario) };
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
export async function choose(
  user: SessionUser,
  attemptId: string,
  position: number,
  choiceId: string,
  slug?: string,
): Promise<ChooseOutcome> {
  const attempt = await sqlRow<{
    userId: string;
    scenarioSlug: string;
    scenarioVersionId: string;
    status: string;
    mode: string;
    choices: string;
  }>(
    `SELECT "userId", "scenarioSlug", "scenarioVersionId", "status", "mode", "choices" FROM "Attempt" WHERE "id" = ?`,
    attemptId,
  );
  if (!attempt || attempt.userId !== user.id || (slug !== undefined && attempt.scenarioSlug !== slug))
    return { kind: "not-found" };
  const recorded = JSON.parse(attempt.choices) as string[];
  if (position < recorded.length) {
    return recorded[position] === choiceId
      ? { kind: "duplicate" }
      : {
          kind: "conflict",
          message: "This step was already answered, perhaps in another tab. Here is where the conversation stands now.",
        };
  }
  if (position > recorded.length || attempt.status !== "in_progress") {
    return {
      kind: "conflict",
      message:
        attempt.status === "in_progress"
          ? "The page was out of date. Here is where the conversation stands now."
          : "This attempt has ended.",
    };
  }
  await ensureLibrary();
  const version = await loadVersion(attempt.scenarioVersionId);
  if (!version) return { kind: "not-found" };
  const machine = machineFor(version);
  const replayed = replayMachine(machine, version.compiled.scenario, recorded);
  const event = { type: "CHOOSE" as const, choiceId };
  if (!replayed.ok || replayed.snapshot.status !== "active" || !replayed.snapshot.can(event)) {
    return { kind: "not-offered", message: "That choice is not available at this point in the conversation." };
  }
  const nodeId = String(replayed.snapshot.value);
  const [next] = transition(machine, replayed.snapshot, event);
  const finished = next.status === "done";
  const result = finished ? resultOf(version.compiled.scenario, version.compiled, next.context) : null;
  const write = { attemptId, position, choices: [...recorded, choiceId], nodeId, at: new Date() };
  const mode = attemptModeOf(attempt.mode);
  // The choice's statement (and, for the last one, the certification summary and the attempt's result) are
  // written in the same transaction as the choice; the guarded UPDATE is a raw statement (app/db/sql.server.ts).
  const applied = await prisma.$transaction(async (tx) => {
    const written = result
      ? await recordLastChoice(tx, write, { ...result, criticalErrors: result.criticalErrors.length })
      : await recordNextChoice(tx, write);
    if (!written) return false;
    await recordXapi(
      tx,
      user.id,
      choiceStatement(attempt.scenarioSlug, attemptId, version.compiled.scenario, nodeId, choiceId),
      write.at,
    );
    if (result) {
      await attemptChanged.announce({ tx, officerId: user.id, at: write.at, completed: mode });
      await recordXapi(
        tx,
        user.id,
        {
          kind: "attempt_completed",
          scenarioSlug: attempt.scenarioSlug,
          attemptId,
          mode,
          score: result.score,
          passed: result.passed,
          competencyScores: result.competencyScores as Record<string, number>,
        },
        write.at,
      );
    }
    return true;
  });
  if (!applied) {
    // A concurrent submission for the same position won the race: its choice stands.
    const winner = await sqlRow<{ choiceId: string }>(
      `SELECT "choiceId" FROM "ChoiceEvent" WHERE "attemptId" = ? AND "position" = ?`,
      attemptId,
      position,
    );
    return winner?.choiceId === choiceId
      ? { kind: "duplicate" }
      : { kind: "conflict", message: "This step was already answered in another tab." };
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
      id: true,
      scenarioSlug: true,
      status: true,
      mode: true,
      score: true,
      passed: true,
      startedAt: true,
      finishedAt: true,
      criticalErrors: true,
      scenarioVersion: { select: { number: true, title: true } },
    },
  });
}
