// The competency summary (docs/decisions/0400-competency-summary.md) against the full computation: after real
// assessed attempts, observations (a second scoring too), a practice attempt, a left attempt and officers moved
// between units and out of the officer role, every officer's rows, every unit's and the agency's sums give the
// figures computed from all the evidence; and the start-up back-fill rebuilds the same from nothing.
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../app/auth/roles";
import { addSecondScoring, recordObservation } from "../../app/certification/observations.server";
import type { Level } from "../../app/certification/rubric-format";
import { prisma } from "../../app/db/db.server";
import {
  ANY_COMPETENCY,
  competencyPoints,
  ensureCompetencySummary,
  groupSummary,
  officerSummary,
} from "../../app/insight/competency-summary.server";
import { competencyTallies, groupProfile } from "../../app/insight/profiles";
import { choose, leaveAttempt, startAttempt } from "../../app/scenarios/attempts.server";
import { latestVersionOf, loadVersion } from "../../app/scenarios/library.server";
import type { AttemptMode } from "../../app/scenarios/modes";
import { updateRoleAndUnit } from "../../app/users/users.server";
import { seedOnce } from "../support/app";
import { observationFields, scoringFields } from "../support/observations";

const POOL = ["burglary-dialogue", "disclosure-before-charge"]; // Level 1's first pool: assessed attempts allowed

let agencyId = "";
let admin: SessionUser;
let assessor: SessionUser;
let assessor2: SessionUser;

const sessionUser = async (email: string): Promise<SessionUser> => {
  const u = await prisma.user.findUniqueOrThrow({ where: { email } });
  return { id: u.id, email, name: u.name, role: u.role as SessionUser["role"], agencyId: u.agencyId, unitId: u.unitId };
};

let tag = 0;
async function newOfficer(unitId: string): Promise<SessionUser> {
  const email = `summary-${++tag}-${Date.now()}@example.org`;
  const row = await prisma.user.create({
    data: { email, name: `Summary Officer ${tag}`, role: "officer", agencyId, unitId, passwordHash: "x" },
  });
  return { id: row.id, email, name: row.name, role: "officer", agencyId, unitId };
}

/** Plays the scenario's model path to its ending through the app (start, then one choice at a time). */
async function play(officer: SessionUser, slug: string, mode: AttemptMode) {
  const started = await startAttempt(officer, slug, mode, { over: mode === "practice" });
  if (started.kind !== "started") throw new Error(`not started: ${JSON.stringify(started)}`);
  const version = await loadVersion((await latestVersionOf(slug))!.id);
  for (const [position, step] of version!.compiled.modelPath.entries()) {
    const outcome = await choose(officer, started.attemptId, position, step.choiceId, slug);
    expect(outcome.kind, JSON.stringify(outcome)).not.toBe("not-offered");
  }
  return started.attemptId;
}

async function observe(officer: SessionUser, levels: Level[], key: string) {
  const saved = await recordObservation(assessor, observationFields(officer.id, levels, key));
  expect(saved, JSON.stringify(saved)).toMatchObject({ ok: true });
  return (saved as { id: string }).id;
}

/** Every figure from the summary equals the one computed from all the evidence. */
async function expectSummaryEqualsFullComputation() {
  const people = await prisma.user.findMany({ select: { id: true, role: true, agencyId: true, unitId: true } });
  const points = await competencyPoints(people.map((p) => p.id));
  const tallies = competencyTallies(points);
  for (const person of people) {
    const own = points.filter((p) => p.officerId === person.id);
    const summary = await officerSummary(person.id);
    expect({ id: person.id, ...summary }).toEqual({ id: person.id, profile: groupProfile(own), points: own.length });
  }
  const officers = people.filter((p) => p.role === "officer");
  const groups: { kind: "unit" | "agency"; id: string; members: typeof officers }[] = [
    ...new Set(officers.map((o) => o.agencyId)),
  ].map((id) => ({ kind: "agency", id, members: officers.filter((o) => o.agencyId === id) }));
  for (const unitId of new Set(officers.flatMap((o) => (o.unitId ? [o.unitId] : []))))
    groups.push({ kind: "unit", id: unitId, members: officers.filter((o) => o.unitId === unitId) });
  let checked = 0;
  for (const group of groups) {
    const ids = new Set(group.members.map((m) => m.id));
    const expected = {
      profile: groupProfile(points.filter((p) => ids.has(p.officerId))),
      officersWithEvidence: group.members.filter((m) => tallies.has(m.id)).length,
    };
    expect({ group: `${group.kind} ${group.id}`, ...(await groupSummary(group.kind, [group.id])) }).toEqual({
      group: `${group.kind} ${group.id}`,
      ...expected,
    });
    checked += expected.officersWithEvidence;
  }
  // No group row is left over for a group with nobody in it.
  const stray = await prisma.groupCompetency.findMany({ where: { officers: { not: 0 } } });
  expect(stray.every((r) => groups.some((g) => g.kind === r.scopeKind && g.id === r.scopeId))).toBe(true);
  return checked;
}

beforeAll(async () => {
  await seedOnce();
  admin = await sessionUser("admin@example.org");
  // Trainers holding the grant observe every officer of the agency (app/supervision/assessors.server.ts).
  assessor = { ...(await sessionUser("trainer@example.org")), grants: ["observations:record"] };
  assessor2 = { ...(await sessionUser("trainer2@example.org")), grants: ["observations:record"] };
  agencyId = admin.agencyId;
});

describe("the competency summary", () => {
  it("is filled for the demo seed", async () => {
    expect(await prisma.summaryBackfill.count()).toBe(1);
    expect(await expectSummaryEqualsFullComputation()).toBeGreaterThan(0);
  });

  it("equals the full computation after attempts, observations, a second scoring and moves", async () => {
    const north = await prisma.unit.findFirstOrThrow({ where: { name: "North Precinct" } });
    const south = await prisma.unit.findFirstOrThrow({ where: { name: { not: north.name }, agencyId } });
    const [a, b, c] = [await newOfficer(north.id), await newOfficer(north.id), await newOfficer(south.id)];
    await play(a, POOL[0]!, "assessed");
    await play(b, POOL[1]!, "assessed");
    await play(b, POOL[0]!, "practice"); // practice is not evidence
    const left = await startAttempt(c, POOL[1]!, "assessed");
    if (left.kind === "started") await leaveAttempt(c, left.attemptId); // a left attempt is not evidence
    await observe(b, ["developing", "strong", "competent"], "b1");
    const scored = await observe(a, ["not-yet", "competent"], "a1");
    const second = await addSecondScoring(assessor2, scored, scoringFields(["strong"], "a1-second"));
    expect(second).toMatchObject({ ok: true });
    await observe(c, ["strong"], "c1");
    expect((await officerSummary(a.id)).points).toBeGreaterThan(0);
    await expectSummaryEqualsFullComputation();

    // Moves: a to the other unit, c out of the officer role (out of both groups), then c back.
    await updateRoleAndUnit(admin, a.id, "officer", south.id);
    await updateRoleAndUnit(admin, c.id, "trainer", south.id);
    await expectSummaryEqualsFullComputation();
    await updateRoleAndUnit(admin, c.id, "officer", null);
    await play(await newOfficer(south.id), POOL[1]!, "assessed");
    await expectSummaryEqualsFullComputation();
  });

  it("is rebuilt from nothing by the start-up back-fill", async () => {
    const before = await prisma.groupCompetency.findMany({ orderBy: [{ scopeKind: "asc" }, { scopeId: "asc" }] });
    await prisma.summaryBackfill.deleteMany();
    await prisma.officerCompetency.deleteMany();
    await prisma.groupCompetency.updateMany({ data: { officers: 7, meanMicroSum: 1 } }); // wrong on purpose
    expect(await ensureCompetencySummary(7)).toBe(await prisma.user.count());
    expect(await ensureCompetencySummary()).toBe(0); // once per database
    await expectSummaryEqualsFullComputation();
    const after = await prisma.groupCompetency.findMany({ orderBy: [{ scopeKind: "asc" }, { scopeId: "asc" }] });
    const live = (rows: typeof before) =>
      rows.filter((r) => r.officers !== 0).map((r) => ({ ...r, key: `${r.scopeKind}/${r.scopeId}/${r.competency}` }));
    expect(new Set(live(after).map((r) => r.key))).toEqual(new Set(live(before).map((r) => r.key)));
    expect(live(after).some((r) => r.competency === ANY_COMPETENCY)).toBe(true);
  });
});
