// Checks that the generated database is what the app itself would have written: a sample of officers'
// roster rows against the app's standingsOf + summaryOf, and a sample of attempts replayed through the
// app's XState machine and scoring, with their choice events; and the competency summary of the sampled officers
// and of one unit against the app's full computation (competencyPoints + groupProfile).
//
//   DATABASE_URL=file:bench/data/bench.db npx tsx bench/verify-data.ts
import { transition } from "xstate";

process.env.NODE_ENV = "production";
const { prisma } = await import("../app/db/db.server");
const { standingsOf } = await import("../app/certification/evidence.server");
const { summaryOf } = await import("../app/certification/status");
const { loadVersion } = await import("../app/scenarios/library.server");
const { createScenarioMachine, replayMachine } = await import("../app/scenarios/machine");
const { resultOf } = await import("../app/scenarios/scoring");
const { competencyPoints, competencySummaryBuilt, groupSummary, officerSummary } =
  await import("../app/insight/competency-summary.server");
const { groupProfile } = await import("../app/insight/profiles");

const problems: string[] = [];
const officers = await prisma.user.findMany({
  where: { role: "officer" },
  select: { id: true },
  orderBy: { id: "asc" },
});
const step = Math.max(1, Math.floor(officers.length / 60));
let officerCount = 0;
for (let i = 0; i < officers.length; i += step) {
  const id = officers[i]!.id;
  const standings = await standingsOf(id);
  const rows = await prisma.officerStanding.findMany({ where: { officerId: id } });
  for (const row of rows) {
    const s = standings.get(row.programSlug);
    if (!s) {
      problems.push(`${id}: no standing for ${row.programSlug}`);
      continue;
    }
    const summary = summaryOf(s);
    const same =
      summary.status === row.status &&
      (summary.validUntil?.getTime() ?? null) === (row.validUntil?.getTime() ?? null) &&
      summary.renewalReady === row.renewalReady &&
      s.metCount === row.metCount &&
      s.requiredCount === row.requiredCount &&
      summary.awaitingRetake === row.awaitingRetake;
    if (!same)
      problems.push(
        `${id} ${row.programSlug}: stored ${row.status}/${row.metCount}/${row.requiredCount}/${row.awaitingRetake}, app computes ${summary.status}/${s.metCount}/${s.requiredCount}/${summary.awaitingRetake}`,
      );
  }
  const points = await competencyPoints([id]);
  const own = await officerSummary(id);
  if (JSON.stringify(own) !== JSON.stringify({ profile: groupProfile(points), points: points.length }))
    problems.push(`${id}: competency summary ${JSON.stringify(own)} differs from the full computation`);
  officerCount++;
}

if (!(await competencySummaryBuilt())) problems.push("the competency summary is not marked as filled");
const unit = await prisma.unit.findFirstOrThrow({ orderBy: { id: "asc" }, select: { id: true } });
const members = await prisma.user.findMany({ where: { role: "officer", unitId: unit.id }, select: { id: true } });
const unitPoints = await competencyPoints(members.map((m) => m.id));
const unitSummary = await groupSummary("unit", [unit.id]);
const unitExpected = {
  profile: groupProfile(unitPoints),
  officersWithEvidence: new Set(unitPoints.map((p) => p.officerId)).size,
};
if (JSON.stringify(unitSummary) !== JSON.stringify(unitExpected))
  problems.push(`unit ${unit.id}: summary ${JSON.stringify(unitSummary)}, full ${JSON.stringify(unitExpected)}`);

const machines = new Map<string, ReturnType<typeof createScenarioMachine>>();
const total = await prisma.attempt.count();
let attemptCount = 0;
for (let k = 0; k < 300; k++) {
  const attempt = await prisma.attempt.findFirst({
    skip: Math.floor((k * total) / 300),
    orderBy: { id: "asc" },
    include: { events: { orderBy: { position: "asc" } } },
  });
  if (!attempt) continue;
  attemptCount++;
  const version = await loadVersion(attempt.scenarioVersionId);
  if (!version) {
    problems.push(`${attempt.id}: no version`);
    continue;
  }
  let machine = machines.get(version.id);
  if (!machine) machines.set(version.id, (machine = createScenarioMachine(version.compiled.scenario)));
  const choices = JSON.parse(attempt.choices) as string[];
  const replayed = replayMachine(machine, version.compiled.scenario, choices);
  if (!replayed.ok) {
    problems.push(`${attempt.id}: choices do not replay (position ${replayed.position})`);
    continue;
  }
  if (choices.length !== attempt.choiceCount || attempt.events.length !== choices.length)
    problems.push(
      `${attempt.id}: ${choices.length} choices, choiceCount ${attempt.choiceCount}, ${attempt.events.length} events`,
    );
  // Each event's node is where the machine stood before that choice.
  let snapshot = replayMachine(machine, version.compiled.scenario, []).snapshot;
  attempt.events.forEach((e, position) => {
    if (e.choiceId !== choices[position] || e.nodeId !== String(snapshot.value))
      problems.push(`${attempt.id}: event ${position} is ${e.nodeId}/${e.choiceId}`);
    [snapshot] = transition(machine!, snapshot, { type: "CHOOSE", choiceId: e.choiceId });
  });
  const done = replayed.snapshot.status === "done";
  if ((attempt.status === "completed") !== done) {
    problems.push(`${attempt.id}: status ${attempt.status} but machine ${replayed.snapshot.status}`);
    continue;
  }
  if (done) {
    const r = resultOf(version.compiled.scenario, version.compiled, replayed.snapshot.context)!;
    if (
      r.score !== attempt.score ||
      r.passed !== attempt.passed ||
      r.endingId !== attempt.endingId ||
      r.criticalErrors.length !== attempt.criticalErrors ||
      JSON.stringify(r.competencyScores) !== attempt.competencyScores
    )
      problems.push(`${attempt.id}: stored result differs from the replay`);
  }
}
await prisma.$disconnect();
console.log(
  JSON.stringify({
    officersChecked: officerCount,
    attemptsChecked: attemptCount,
    problems: problems.slice(0, 20),
    problemCount: problems.length,
  }),
);
process.exit(problems.length ? 1 : 0);
