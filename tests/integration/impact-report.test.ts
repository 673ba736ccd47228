// The training-impact report's figures against data with answers worked out by hand: a unit of six officers in
// an agency of its own, a second unit whose answers must not leak in, and the demo agency's recruit class.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../app/auth/roles";
import { prisma } from "../../app/db/db.server";
import type { Figure } from "../../app/insight/suppression";
import { loader as impactLoader } from "../../app/routes/supervisor.impact";
import { loader as impactCsvLoader } from "../../app/routes/supervisor.impact[.]csv";
import { COHORT_MODULE, COHORT_UNIT } from "../../prisma/seed-check-attempts";
import { cookieFor, get, runTyped, seedOnce } from "../support/app";
import { makeAgency, makeOfficer, makeSupervisor, type Place } from "../support/factories";

const MODULE = "what-is-restoration";
const SCENARIO = "burglary-dialogue";
const at = (day: string) => new Date(`${day}T12:00:00Z`);
const PERIOD = "from=2026-06-01&to=2026-08-31";

let place: Place;
let supervisor: SessionUser;
let officers: SessionUser[];

async function checkAttempt(officer: SessionUser, score: number, day: string) {
  await prisma.checkAttempt.create({
    data: {
      userId: officer.id,
      moduleSlug: MODULE,
      moduleHash: "test",
      answers: "{}",
      score,
      passed: score >= 80,
      submissionKey: crypto.randomUUID(),
      createdAt: at(day),
    },
  });
}

async function survey(officer: SessionUser, kind: string, slug: string, s: number, c: number, r: number) {
  await prisma.trainingSurvey.create({
    data: {
      userId: officer.id,
      subjectKind: kind,
      subjectSlug: slug,
      satisfaction: s,
      confidence: c,
      relevance: r,
      createdAt: at("2026-07-01"),
    },
  });
}

async function outcome(
  officer: SessionUser,
  day: string,
  facts: { reached: boolean; kept?: boolean; harmed?: number; kind?: string; status?: string },
) {
  await prisma.practicumEntry.create({
    data: {
      officerId: officer.id,
      date: at(day),
      kind: facts.kind ?? "joint-meeting",
      processType: "Victim-offender dialogue",
      role: "Co-facilitator",
      participantCount: 4,
      outcome: "Reported in the test.",
      status: facts.status ?? "confirmed",
      submissionKey: crypto.randomUUID(),
      agreementReached: facts.reached,
      agreementKept: facts.kept ?? null,
      harmedPartySatisfaction: facts.harmed ?? null,
    },
  });
}

beforeAll(async () => {
  await seedOnce();
  place = await makeAgency();
  supervisor = await makeSupervisor(place);
  officers = [];
  for (let i = 0; i < 6; i++) officers.push(await makeOfficer(place));
  const other = await prisma.unit.create({ data: { name: "Other unit", agencyId: place.agencyId } });
  const outsider = await makeOfficer({ agencyId: place.agencyId, unitId: other.id });

  // Learning: five pre-tests (0, 25, 50, 25, 50: mean 30), each followed by a first check (80, 100, 60, 80, 100:
  // mean 84), so the gain is 54. Officer 1's later retake (100) must not count; officer 6's check came first.
  const pre = [0, 25, 50, 25, 50];
  const post = [80, 100, 60, 80, 100];
  for (let i = 0; i < 5; i++) {
    await prisma.preTest.create({
      data: {
        userId: officers[i]!.id,
        moduleSlug: MODULE,
        moduleHash: "test",
        questions: "[]",
        score: pre[i]!,
        createdAt: at("2026-06-10"),
      },
    });
    await checkAttempt(officers[i]!, post[i]!, "2026-06-20");
  }
  await checkAttempt(officers[0]!, 100, "2026-06-25");

  // Reaction: five officers on the module (satisfaction 5, 4, 4, 3, 5: 4.2), four on a role-play (withheld).
  const answers = [
    [5, 3, 5],
    [4, 4, 4],
    [4, 4, 4],
    [3, 3, 4],
    [5, 4, 5],
  ];
  for (const [i, [s, c, r]] of answers.entries()) await survey(officers[i]!, "module", MODULE, s!, c!, r!);
  for (let i = 0; i < 4; i++) await survey(officers[i]!, "scenario", SCENARIO, 5, 5, 5);
  await survey(outsider, "module", MODULE, 1, 1, 1);

  // Results: six meetings by five officers in the period; 5 of 6 reached agreement (83.3%); harmed party's
  // satisfaction 5, 4, 4, 2, 5, 3 (3.8); kept at follow-up recorded by four officers only (withheld).
  await outcome(officers[0]!, "2026-06-05", { reached: true, kept: true, harmed: 5 });
  await outcome(officers[1]!, "2026-06-15", { reached: true, kept: true, harmed: 4 });
  await outcome(officers[2]!, "2026-07-05", { reached: true, kept: false, harmed: 4 });
  await outcome(officers[3]!, "2026-07-15", { reached: false, harmed: 2 });
  await outcome(officers[4]!, "2026-08-05", { reached: true, harmed: 5 });
  await outcome(officers[0]!, "2026-08-15", { reached: true, kept: true, harmed: 3 });
  // Outside the report: before the period, a pre-meeting, an entry a supervisor returned, another unit's.
  await outcome(officers[5]!, "2026-05-20", { reached: false, harmed: 1 });
  await outcome(officers[5]!, "2026-07-20", { reached: false, harmed: 1, kind: "pre-meeting" });
  await outcome(officers[5]!, "2026-07-21", { reached: false, harmed: 1, status: "returned" });
  await outcome(outsider, "2026-07-22", { reached: false, harmed: 1 });
}, 240_000);

type Row = { subject: string; figures: Record<string, Figure> };
const row = (rows: Row[], subject: string) => rows.find((r) => r.subject.includes(subject))!;

async function reportAs(user: SessionUser, query: string) {
  return runTyped(impactLoader, get(`/supervisor/impact?${query}`, await cookieFor(user.email)));
}

describe("training-impact report", () => {
  it("measures knowledge gain from the pre-test to the first check attempt", async () => {
    const { status, data } = await reportAs(supervisor, PERIOD);
    expect(status).toBe(200);
    const learning = row(data.learning, "What community restoration is");
    expect(learning.figures.pre).toMatchObject({ value: 30, n: 5, people: 5 });
    expect(learning.figures.post).toMatchObject({ value: 84, n: 5, people: 5 });
    expect(learning.figures.gain).toMatchObject({ value: 54, n: 5, people: 5, suppressed: false });
  });

  it("reports survey means from five people and withholds those from four", async () => {
    const { data } = await reportAs(supervisor, PERIOD);
    const module = row(data.reaction, "Module:");
    expect(module.figures.satisfaction).toMatchObject({ value: 4.2, n: 5, people: 5 });
    expect(module.figures.confidence).toMatchObject({ value: 3.6, n: 5 });
    expect(module.figures.relevance).toMatchObject({ value: 4.4, n: 5 });
    const rolePlay = row(data.reaction, "Role-play:");
    expect(rolePlay.figures.satisfaction).toEqual({ value: null, n: 4, people: 4, suppressed: true });
    // Nine answers from five people, the other unit's left out: (21 + 20) / 9.
    expect(row(data.reaction, "All surveys").figures.satisfaction).toMatchObject({ value: 4.6, n: 9, people: 5 });
  });

  it("reports real meetings' outcomes in the period only, withholding follow-ups from four officers", async () => {
    const { data } = await reportAs(supervisor, PERIOD);
    expect(row(data.results, "Agreement reached").figures.value).toMatchObject({ value: 83.3, n: 6, people: 5 });
    expect(row(data.results, "kept at follow-up").figures.value).toEqual({
      value: null,
      n: 4,
      people: 3,
      suppressed: true,
    });
    expect(row(data.results, "Harmed party").figures.value).toMatchObject({ value: 3.8, n: 6, people: 5 });
    expect(row(data.results, "Responsible party").figures.value).toMatchObject({
      value: null,
      n: 0,
      suppressed: false,
    });
  });

  it("narrows the period: June alone leaves two meetings from two officers, withheld", async () => {
    const { data } = await reportAs(supervisor, "from=2026-06-01&to=2026-06-30");
    expect(row(data.results, "Agreement reached").figures.value).toEqual({
      value: null,
      n: 2,
      people: 2,
      suppressed: true,
    });
  });

  it("refuses a period that ends before it starts, and a unit the supervisor does not supervise", async () => {
    const backwards = await reportAs(supervisor, "from=2026-08-01&to=2026-06-01");
    expect(backwards.status).toBe(400);
    const other = await prisma.unit.findFirstOrThrow({ where: { name: "Other unit", agencyId: place.agencyId } });
    const notTheirs = await reportAs(supervisor, `unit=${other.id}`);
    expect(notTheirs.status).toBe(400);
  });

  it("exports the same figures as CSV, with no value where a figure is withheld", async () => {
    const res = await runTyped(
      impactCsvLoader,
      get(`/supervisor/impact.csv?${PERIOD}`, await cookieFor(supervisor.email)),
    );
    expect(res.status).toBe(200);
    const text = String(res.data);
    const lines = text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("scope,from,to,level,subject,measure,value,as_shown,n,people,suppressed");
    expect(
      lines.find((l) => l.includes("Module: What community restoration is") && l.includes(",Satisfied,")),
    ).toContain(",4.2,4.2,5,5,no");
    expect(lines.find((l) => l.includes("Role-play:") && l.includes(",Satisfied,"))).toContain(
      ",,fewer than 5 people,4,4,yes",
    );
  });

  it("gives the demo's recruit class figures for its first module", async () => {
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@example.org" } });
    const unit = await prisma.unit.findFirstOrThrow({ where: { name: COHORT_UNIT, agencyId: admin.agencyId } });
    const recruits = await prisma.checkAttempt.groupBy({
      by: ["userId"],
      where: { moduleSlug: COHORT_MODULE, user: { unitId: unit.id } },
    });
    const res = await runTyped(impactLoader, get(`/supervisor/impact?unit=${unit.id}`, await cookieFor(admin.email)));
    const learning = row(res.data.learning, "What community restoration is");
    expect(learning.figures.gain).toMatchObject({ people: recruits.length, suppressed: false });
    expect(learning.figures.gain!.value).toBeGreaterThan(0);
    expect(row(res.data.results, "Agreement reached").figures.value).toMatchObject({ value: 87.5, n: 8, people: 8 });
  });
});
