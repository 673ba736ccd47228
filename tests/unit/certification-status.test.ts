import { describe, expect, it } from "vitest";
import type { AttemptEvidence } from "../../app/certification/assessment";
import type { Program } from "../../app/certification/format";
import type { ObservationEvidence } from "../../app/certification/observation";
import type { PracticumEvidence } from "../../app/certification/practicum";
import {
  addMonths,
  canSignOff,
  computeStanding,
  statusFromSummary,
  summaryOf,
  type Evidence,
} from "../../app/certification/status";
import { STATUSES, type CertificationStatus } from "../../app/certification/validity";
import { statusConditionSql } from "../../app/certification/validity-sql.server";
import { prisma } from "../../app/db/db.server";
import { Prisma } from "../../app/db/generated/client";

const program: Program = {
  slug: "level-1",
  title: "Level 1",
  summary: "s",
  level: 1,
  prerequisitePrograms: [],
  validForMonths: 24,
  expiringWindowDays: 60,
  requirements: {
    modules: ["m1", "m2"],
    scenarios: [
      { skill: "Facilitating a meeting", pool: ["s1", "s2"], minScore: 70, competencyMinimums: { safety: 60 } },
    ],
    observations: [{ description: "Observed facilitating", rubric: "facilitating-a-meeting", minLevel: "competent" }],
    practicum: [
      {
        description: "Two co-facilitated joint meetings with logs.",
        count: 2,
        kinds: ["joint-meeting"],
        roles: ["Co-facilitator", "Lead facilitator"],
        withReflectiveLog: true,
      },
    ],
    heldPrograms: [],
    signOff: true,
  },
  renewal: {
    windowDays: 90,
    modules: ["m2"],
    scenarios: [{ skill: "Facilitating a meeting", pool: ["s1", "s2"], minScore: 70, competencyMinimums: {} }],
    formalProcessesPerYear: 0,
    cpdHours: 0,
  },
};

const d = (iso: string) => new Date(`${iso}T12:00:00Z`);
/** A finished attempt, assessed and passed with 80% unless told otherwise. */
const attempt = (id: string, at: string, extra: Partial<AttemptEvidence> = {}): AttemptEvidence => ({
  id,
  scenarioSlug: "s1",
  mode: "assessed",
  status: "completed",
  startedAt: d(at),
  finishedAt: d(at),
  score: 80,
  passed: true,
  competencyScores: { safety: 70 },
  retakeAuthorizationId: null,
  ...extra,
});
/** A confirmed practicum entry: a co-facilitated joint meeting with a reflective log unless told otherwise. */
const entry = (id: string, at: string, extra: Partial<PracticumEvidence> = {}): PracticumEvidence => ({
  id,
  date: d(at),
  confirmedAt: d(at),
  kind: "joint-meeting",
  role: "Co-facilitator",
  hasReflectiveLog: true,
  ...extra,
});
/** An observation against facilitating-a-meeting, every criterion competent unless told otherwise. */
const observation = (
  id: string,
  at: string,
  levels: ObservationEvidence["settledLevels"] = { opening: "competent", voice: "strong", safety: "competent" },
): ObservationEvidence => ({
  id,
  observedOn: d(at),
  setting: "role-play",
  processKind: "joint-meeting",
  rubricSlug: "facilitating-a-meeting",
  settledLevels: levels,
  scoringCount: 1,
  respondedAt: null,
});
const none: Evidence = {
  modulesPassed: [],
  attempts: [],
  retakeAuthorizations: [],
  practicum: [],
  observations: [],
  cpd: [],
  caseStudies: [],
  signOffs: [],
  programStatus: {},
  programHeldSince: {},
};
const complete: Evidence = {
  ...none,
  modulesPassed: [
    { slug: "m1", passedAt: d("2025-01-10") },
    { slug: "m2", passedAt: d("2025-01-11") },
  ],
  attempts: [attempt("a1", "2025-01-12")],
  observations: [observation("o1", "2025-01-15")],
  practicum: [entry("p1", "2025-01-20"), entry("p2", "2025-02-01")],
};
const signed = (extra: Partial<Evidence["signOffs"][number]> = {}): Evidence => ({
  ...complete,
  signOffs: [
    {
      id: "so1",
      signedAt: d("2025-03-01"),
      validUntil: addMonths(d("2025-03-01"), 24),
      revokedAt: null,
      revokeReason: null,
      ...extra,
    },
  ],
});

describe("certification status", () => {
  it("is not started with no evidence", () => {
    const s = computeStanding(program, none, d("2025-01-01"));
    expect(s.status).toBe("not_started");
    expect(s.nextStep).toBe('Pass the knowledge check of the module "m1".');
  });

  it("is in progress with some evidence, and says what is missing", () => {
    const s = computeStanding(
      program,
      { ...none, modulesPassed: [{ slug: "m1", passedAt: d("2025-01-10") }] },
      d("2025-01-15"),
    );
    expect(s.status).toBe("in_progress");
    expect(s.requirements.map((r) => [r.kind, r.met])).toEqual([
      ["module", true],
      ["module", false],
      ["scenario", false],
      ["observation", false],
      ["practicum", false],
      ["sign_off", false],
    ]);
    expect(s.metCount).toBe(1);
  });

  it("does not count a scenario pass below a competency minimum", () => {
    const low = { ...complete, attempts: [{ ...complete.attempts[0]!, competencyScores: { safety: 50 } }] };
    expect(computeStanding(program, low, d("2025-02-10")).status).toBe("in_progress");
  });

  it("counts practicum only once confirmed (the evidence list holds confirmed entries only)", () => {
    const one = { ...complete, practicum: complete.practicum.slice(0, 1) };
    const s = computeStanding(program, one, d("2025-02-10"));
    expect(s.status).toBe("in_progress");
    expect(s.nextStep).toBe("Log practicum (Two co-facilitated joint meetings with logs): 1 of 2 confirmed so far.");
  });

  it("is ready for sign-off when everything but the sign-off is met", () => {
    const s = computeStanding(program, complete, d("2025-02-10"));
    expect(s.status).toBe("ready_for_sign_off");
    expect(canSignOff(s, d("2025-02-10"))).toBe(true);
  });

  it("is certified after sign-off, valid for the program's months", () => {
    const s = computeStanding(program, signed(), d("2025-06-01"));
    expect(s.status).toBe("certified");
    expect(s.validUntil).toEqual(d("2027-03-01"));
    expect(canSignOff(s, d("2025-06-01"))).toBe(false);
  });

  it("is expiring soon inside the window, and expired on the valid-until date", () => {
    expect(computeStanding(program, signed(), d("2026-12-30")).status).toBe("certified");
    expect(computeStanding(program, signed(), d("2026-12-31")).status).toBe("expiring_soon");
    expect(computeStanding(program, signed(), new Date(d("2027-03-01").getTime() - 1)).status).toBe("expiring_soon");
    expect(computeStanding(program, signed(), d("2027-03-01")).status).toBe("expired");
  });

  it("counts renewal evidence only from inside the renewal window", () => {
    const old = signed();
    const s = computeStanding(program, old, d("2027-03-02"));
    expect(s.status).toBe("expired");
    expect(s.renewal!.opensAt).toEqual(d("2026-12-01"));
    const renewed: Evidence = {
      ...old,
      modulesPassed: [
        { slug: "m1", passedAt: d("2025-01-10") },
        { slug: "m2", passedAt: d("2026-12-05") },
      ],
      // the first play of s1 since the renewal window opened
      attempts: [...old.attempts, attempt("a2", "2026-12-06", { score: 75, competencyScores: {} })],
    };
    expect(computeStanding(program, renewed, d("2027-03-02")).status).toBe("ready_for_sign_off");
    const expiring = computeStanding(program, renewed, d("2027-01-15"));
    expect(expiring.status).toBe("expiring_soon");
    expect(canSignOff(expiring, d("2027-01-15"))).toBe(true);
    const early = {
      ...renewed,
      modulesPassed: [
        { slug: "m2", passedAt: d("2026-11-30") },
        { slug: "m1", passedAt: d("2025-01-10") },
      ],
    };
    expect(computeStanding(program, early, d("2027-03-02")).status).toBe("expired");
  });

  it("is revoked after revocation, whatever the dates, and keeps the reason", () => {
    const s = computeStanding(
      program,
      signed({ revokedAt: d("2025-05-01"), revokeReason: "Misconduct finding" }),
      d("2025-06-01"),
    );
    expect(s.status).toBe("revoked");
    expect(s.revokeReason).toBe("Misconduct finding");
  });

  it("a renewal sign-off starts a new validity period", () => {
    const e: Evidence = {
      ...signed(),
      signOffs: [
        ...signed().signOffs,
        {
          id: "so2",
          signedAt: d("2027-02-01"),
          validUntil: addMonths(d("2027-02-01"), 24),
          revokedAt: null,
          revokeReason: null,
        },
      ],
    };
    const s = computeStanding(program, e, d("2027-06-01"));
    expect(s.status).toBe("certified");
    expect(s.signOffId).toBe("so2");
  });

  it("requires a prerequisite program to be held", () => {
    const level2: Program = { ...program, slug: "level-2", prerequisitePrograms: ["level-1"] };
    expect(
      computeStanding(level2, { ...complete, programStatus: { "level-1": "in_progress" } }, d("2025-02-10")).status,
    ).toBe("in_progress");
    expect(
      computeStanding(level2, { ...complete, programStatus: { "level-1": "certified" } }, d("2025-02-10")).status,
    ).toBe("ready_for_sign_off");
  });

  it("the roster summary, read in TypeScript and selected in SQL, gives the same status as the full computation at any time", async () => {
    const cases = summaryCases();
    await writeSummaries(cases);
    let compared = 0;
    const seen = new Set<CertificationStatus>();
    for (const c of cases) {
      for (const now of momentsFor(c)) {
        const expected = computeStanding(c.program, c.evidence, now).status;
        seen.add(expected);
        expect(
          statusFromSummary({ ...c.summary, expiringDays: c.program.expiringWindowDays }, now),
          `${c.name} at ${now.toISOString()}`,
        ).toBe(expected);
        expect(await sqlStatusesOf(c, now), `${c.name} at ${now.toISOString()}`).toEqual([expected]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
    expect([...seen].sort()).toEqual([...STATUSES].sort());
  });

  it("adds months without overflowing short months", () => {
    expect(addMonths(d("2025-01-31"), 1)).toEqual(d("2025-02-28"));
    expect(addMonths(d("2024-02-29"), 24)).toEqual(d("2026-02-28"));
  });
});

describe("role-play requirements: assessed first plays from a pool", () => {
  const at = d("2025-02-10");
  const withAttempts = (...attempts: AttemptEvidence[]): Evidence => ({ ...complete, attempts });
  const scenarioReq = (e: Evidence, now = at) => {
    const r = computeStanding(program, e, now).requirements.find((x) => x.kind === "scenario");
    if (r?.kind !== "scenario") throw new Error("no scenario requirement");
    return r;
  };

  it("never counts a practice attempt, however well it passed", () => {
    const r = scenarioReq(
      withAttempts(attempt("p1", "2025-01-12", { mode: "practice", score: 100, competencyScores: { safety: 100 } })),
    );
    expect(r.met).toBe(false);
    expect(
      computeStanding(program, withAttempts(attempt("p1", "2025-01-12", { mode: "practice", score: 100 })), at).status,
    ).toBe("in_progress");
  });

  it("counts a passed assessed attempt that was the officer's first play of a pool scenario", () => {
    const r = scenarioReq(withAttempts(attempt("x1", "2025-01-12", { scenarioSlug: "s2" })));
    expect(r).toMatchObject({ met: true, attemptId: "x1", slug: "s2", score: 80 });
    expect(r.assessment.state).toBe("met");
  });

  it("does not count an assessed attempt on a scenario played before, in practice or assessed", () => {
    // Replaying the best path shown in a practice debrief: not a first play, so it does not count.
    const afterPractice = scenarioReq(
      withAttempts(
        attempt("p1", "2025-01-11", { mode: "practice", passed: false, score: 40 }),
        attempt("x1", "2025-01-12", { score: 100 }),
      ),
    );
    expect(afterPractice.met).toBe(false);
    const afterLeft = scenarioReq(
      withAttempts(
        attempt("x0", "2025-01-11", { status: "left", score: null, passed: null, finishedAt: d("2025-01-11") }),
        attempt("x1", "2025-01-12"),
      ),
    );
    expect(afterLeft.met).toBe(false);
  });

  it("accepts practice on another scenario of the pool", () => {
    const r = scenarioReq(
      withAttempts(
        attempt("p1", "2025-01-11", { scenarioSlug: "s2", mode: "practice", score: 100 }),
        attempt("x1", "2025-01-12"),
      ),
    );
    expect(r).toMatchObject({ met: true, attemptId: "x1" });
  });

  it("does not count a pass below the requirement's minimum score or a competency minimum", () => {
    expect(scenarioReq(withAttempts(attempt("x1", "2025-01-12", { score: 65 }))).met).toBe(false);
    expect(scenarioReq(withAttempts(attempt("x1", "2025-01-12", { competencyScores: { safety: 50 } }))).met).toBe(
      false,
    );
  });

  it("offers the other pool scenario after a failed assessment, then waits for a retake decision", () => {
    const failed = attempt("x1", "2025-01-12", { passed: false, score: 40 });
    const one = scenarioReq(withAttempts(failed));
    expect(one.assessment).toMatchObject({
      state: "available",
      eligible: [{ slug: "s2", retakeAuthorizationId: null }],
      lastFailure: { attemptId: "x1", slug: "s1" },
    });
    const both = scenarioReq(
      withAttempts(failed, attempt("p2", "2025-01-13", { scenarioSlug: "s2", mode: "practice" })),
    );
    expect(both.assessment).toMatchObject({ state: "awaiting_retake", eligible: [], lastFailure: { attemptId: "x1" } });
    expect(
      computeStanding(
        program,
        withAttempts(failed, attempt("p2", "2025-01-13", { scenarioSlug: "s2", mode: "practice" })),
        at,
      ).awaitingRetake,
    ).toBe(1);
    expect(computeStanding(program, withAttempts(failed), at).awaitingRetake).toBe(0);
  });

  it("counts a left assessed attempt as not passed", () => {
    const left = attempt("x1", "2025-01-12", { status: "left", score: null, passed: null });
    const r = scenarioReq(
      withAttempts(left, attempt("x2", "2025-01-13", { scenarioSlug: "s2", passed: false, score: 30 })),
    );
    expect(r.assessment.state).toBe("awaiting_retake");
    expect(r.assessment.lastFailure).toMatchObject({ attemptId: "x2" });
  });

  it("counts an authorized retake once, on any pool scenario not practiced, the failed one included", () => {
    const failed = attempt("x1", "2025-01-12", { passed: false, score: 40 });
    const practiced = attempt("p2", "2025-01-13", { scenarioSlug: "s2", mode: "practice", score: 100 });
    const authorized: Evidence = {
      ...withAttempts(failed, practiced),
      retakeAuthorizations: [{ id: "r1", failedAttemptId: "x1" }],
    };
    expect(scenarioReq(authorized).assessment).toMatchObject({
      state: "available",
      eligible: [{ slug: "s1", retakeAuthorizationId: "r1" }],
    });
    const retake = attempt("x3", "2025-01-14", { retakeAuthorizationId: "r1" });
    expect(scenarioReq({ ...authorized, attempts: [failed, practiced, retake] })).toMatchObject({
      met: true,
      attemptId: "x3",
    });
    // On the practiced scenario, even with the authorization, it does not count.
    const onPracticed = attempt("x3", "2025-01-14", { scenarioSlug: "s2", retakeAuthorizationId: "r1" });
    expect(scenarioReq({ ...authorized, attempts: [failed, practiced, onPracticed] }).met).toBe(false);
    // A second assessed attempt without an authorization of its own does not count.
    const failedRetake = attempt("x3", "2025-01-14", { retakeAuthorizationId: "r1", passed: false, score: 50 });
    const again = attempt("x4", "2025-01-15");
    const r = scenarioReq({ ...authorized, attempts: [failed, practiced, failedRetake, again] });
    expect(r.met).toBe(false);
    expect(r.assessment).toMatchObject({ state: "awaiting_retake", lastFailure: { attemptId: "x3" } });
  });

  it("shows an open assessed attempt as in progress, and nothing else can count meanwhile", () => {
    const open = attempt("x1", "2025-01-12", { status: "in_progress", score: null, passed: null, finishedAt: null });
    expect(scenarioReq(withAttempts(open)).assessment).toMatchObject({
      state: "in_progress",
      open: { attemptId: "x1", slug: "s1" },
      eligible: [],
    });
  });

  it("for renewal, counts the first play since the renewal window opened", () => {
    const signedEvidence = signed();
    const inWindow = attempt("a2", "2026-12-06", { score: 75, competencyScores: {} });
    const practicedInWindow = attempt("p2", "2026-12-05", { mode: "practice" });
    const renewal = (e: Evidence) =>
      computeStanding(
        program,
        {
          ...e,
          modulesPassed: [
            { slug: "m1", passedAt: d("2025-01-10") },
            { slug: "m2", passedAt: d("2026-12-05") },
          ],
        },
        d("2027-01-15"),
      ).renewal!;
    expect(renewal({ ...signedEvidence, attempts: [...signedEvidence.attempts, inWindow] }).met).toBe(true);
    expect(
      renewal({ ...signedEvidence, attempts: [...signedEvidence.attempts, practicedInWindow, inWindow] }).met,
    ).toBe(false);
  });
});

describe("observation, practicum, held-program and renewal-practice requirements", () => {
  const at = d("2025-02-10");
  const req = <K extends string>(e: Evidence, kind: K, p: Program = program, now = at) =>
    computeStanding(p, e, now).requirements.find((r) => r.kind === kind)!;

  it("counts an observation only with the named rubric and every criterion competent or better (the lower of two scorings)", () => {
    const developing = observation("o2", "2025-01-16", { opening: "strong", voice: "developing", safety: "competent" });
    const r = req({ ...complete, observations: [developing] }, "observation");
    expect(r).toMatchObject({ met: false, closest: { id: "o2", below: ["voice"] } });
    expect(computeStanding(program, { ...complete, observations: [developing] }, at).nextStep).toBe(
      'Be observed again against the rubric "facilitating-a-meeting": your observation of 2025-01-16 has voice below competent.',
    );
    const otherRubric = { ...observation("o3", "2025-01-17"), rubricSlug: "preparing-a-participant" };
    expect(req({ ...complete, observations: [otherRubric] }, "observation")).toMatchObject({
      met: false,
      closest: null,
    });
    expect(
      req({ ...complete, observations: [developing, observation("o4", "2025-01-18")] }, "observation"),
    ).toMatchObject({ met: true, observationId: "o4" });
  });

  it("counts practicum only of the kinds and roles named, with a reflective log", () => {
    const pre = entry("p3", "2025-01-20", { kind: "pre-meeting" });
    const noLog = entry("p4", "2025-01-21", { hasReflectiveLog: false });
    const r = req({ ...complete, practicum: [entry("p1", "2025-01-20"), pre, noLog] }, "practicum");
    expect(r).toMatchObject({ met: false, confirmed: 1, required: 2, entryIds: ["p1"] });
    expect(
      req(
        {
          ...complete,
          practicum: [entry("p1", "2025-01-20"), entry("p5", "2025-01-22", { role: "Lead facilitator" })],
        },
        "practicum",
      ).met,
    ).toBe(true);
  });

  it("waits for a program to be held long enough, and the roster summary turns ready on that day", () => {
    const level2: Program = {
      ...program,
      slug: "level-2",
      prerequisitePrograms: ["level-1"],
      requirements: { ...program.requirements, heldPrograms: [{ program: "level-1", months: 6 }] },
    };
    const e: Evidence = {
      ...complete,
      programStatus: { "level-1": "certified" },
      programHeldSince: { "level-1": d("2025-01-01") },
    };
    const early = computeStanding(level2, e, d("2025-03-01"));
    expect(early.status).toBe("in_progress");
    expect(early.readyAt).toEqual(d("2025-07-01"));
    expect(early.nextStep).toBe("Hold the level-1 certification for 6 months: this counts from 2025-07-01.");
    expect(computeStanding(level2, e, d("2025-07-01")).status).toBe("ready_for_sign_off");
    const summary = { ...summaryOf(early), expiringDays: 60 };
    expect(statusFromSummary(summary, d("2025-06-30"))).toBe("in_progress");
    expect(statusFromSummary(summary, d("2025-07-01"))).toBe("ready_for_sign_off");
    expect(computeStanding(level2, { ...e, programHeldSince: {} }, d("2025-08-01")).readyAt).toBeNull();
  });

  it("asks renewal for a formal process in the year before valid-until and CPD hours within the window", () => {
    const p: Program = { ...program, renewal: { ...program.renewal, formalProcessesPerYear: 1, cpdHours: 12 } };
    const base: Evidence = {
      ...signed(),
      modulesPassed: [
        { slug: "m1", passedAt: d("2025-01-10") },
        { slug: "m2", passedAt: d("2026-12-05") },
      ],
      attempts: [...signed().attempts, attempt("a2", "2026-12-06", { score: 75 })],
    };
    const renewal = (e: Evidence) => computeStanding(p, e, d("2027-01-15")).renewal!;
    const missing = renewal(base);
    expect(missing.requirements.filter((r) => !r.met).map((r) => r.kind)).toEqual(["formal_processes", "cpd"]);
    const practiced: Evidence = {
      ...base,
      // a pre-meeting is not a formal process; a joint meeting before the year began does not count
      practicum: [
        ...base.practicum,
        entry("old", "2026-02-28"),
        entry("pre", "2026-06-01", { kind: "pre-meeting" }),
        entry("circle", "2026-06-02", { kind: "circle", role: "Lead facilitator" }),
      ],
      cpd: [
        { id: "c0", date: d("2026-11-30"), hours: 10 },
        { id: "c1", date: d("2026-12-02"), hours: 8 },
        { id: "c2", date: d("2027-01-05"), hours: 3.5 },
      ],
    };
    const r = renewal(practiced);
    expect(r.requirements.find((x) => x.kind === "formal_processes")).toMatchObject({
      met: true,
      confirmed: 1,
      entryIds: ["circle"],
    });
    expect(r.requirements.find((x) => x.kind === "cpd")).toMatchObject({
      met: false,
      hours: 11.5,
      entryIds: ["c1", "c2"],
    });
    expect(computeStanding(p, practiced, d("2027-01-15")).nextStep).toBe(
      "Log continuing professional development since 2026-12-01: 11.5 of 12 hours confirmed.",
    );
    expect(
      renewal({ ...practiced, cpd: [...practiced.cpd, { id: "c3", date: d("2027-01-06"), hours: 0.5 }] }).met,
    ).toBe(true);
  });

  it("counts accepted case studies toward a case-study requirement and says how many are missing", () => {
    const p: Program = {
      ...program,
      requirements: { ...program.requirements, caseStudies: { count: 3, description: "Three written case studies." } },
    };
    const accepted = (id: string) => ({ id, title: `Case ${id}`, acceptedAt: d("2025-01-25") });
    const two: Evidence = { ...complete, caseStudies: [accepted("k1"), accepted("k2")] };
    expect(req(two, "case_studies", p)).toMatchObject({
      met: false,
      accepted: 2,
      required: 3,
      caseStudyIds: ["k1", "k2"],
    });
    const standing = computeStanding(p, two, at);
    expect(standing.status).toBe("in_progress");
    expect(standing.nextStep).toBe(
      "Write case studies mapped to the competencies for an assessor to accept: 2 of 3 accepted so far.",
    );
    const three = computeStanding(p, { ...two, caseStudies: [...two.caseStudies, accepted("k3")] }, at);
    expect(three.status).toBe("ready_for_sign_off");
    // a program that does not ask for case studies lists no such requirement
    expect(computeStanding(program, two, at).requirements.some((r) => r.kind === "case_studies")).toBe(false);
  });
});

// The summary-versus-computation comparison: each case is one officer's evidence in one program, its summary
// written at `writtenAt` (as recomputeStandings would) and read at many moments, the boundaries included.
interface SummaryCase {
  name: string;
  program: Program;
  evidence: Evidence;
  writtenAt: Date;
  summary: ReturnType<typeof summaryOf>;
}

function summaryCases(): SummaryCase[] {
  const level2: Program = {
    ...program,
    slug: "level-2",
    expiringWindowDays: 30,
    prerequisitePrograms: ["level-1"],
    requirements: { ...program.requirements, heldPrograms: [{ program: "level-1", months: 6 }] },
  };
  const renewed: Evidence = {
    ...signed(),
    modulesPassed: [
      { slug: "m1", passedAt: d("2025-01-10") },
      { slug: "m2", passedAt: d("2026-12-05") },
    ],
    attempts: [...complete.attempts, attempt("a2", "2026-12-06", { score: 75, competencyScores: {} })],
  };
  const held: Evidence = {
    ...complete,
    programStatus: { "level-1": "certified" },
    programHeldSince: { "level-1": d("2025-01-01") },
  };
  const raw: Omit<SummaryCase, "summary">[] = [
    { name: "no evidence", program, evidence: none, writtenAt: d("2025-01-01") },
    {
      name: "some evidence",
      program,
      evidence: { ...none, modulesPassed: complete.modulesPassed.slice(0, 1) },
      writtenAt: d("2025-01-15"),
    },
    { name: "ready", program, evidence: complete, writtenAt: d("2025-02-10") },
    { name: "certified", program, evidence: signed(), writtenAt: d("2025-04-01") },
    { name: "certified, written in the expiring window", program, evidence: signed(), writtenAt: d("2027-01-15") },
    { name: "renewal met", program, evidence: renewed, writtenAt: d("2026-12-07") },
    {
      name: "revoked",
      program,
      evidence: signed({ revokedAt: d("2025-05-01"), revokeReason: "r" }),
      writtenAt: d("2025-06-01"),
    },
    { name: "ready once held long enough", program: level2, evidence: held, writtenAt: d("2025-03-01") },
    {
      name: "certified in a 30-day window",
      program: level2,
      evidence: { ...held, programHeldSince: { "level-1": d("2024-01-01") }, signOffs: signed().signOffs },
      writtenAt: d("2025-04-01"),
    },
  ];
  return raw.map((c) => ({ ...c, summary: summaryOf(computeStanding(c.program, c.evidence, c.writtenAt)) }));
}

/** Fixed dates, and one millisecond either side of every boundary the case has: expiry, expiring window, renewal window, readiness. */
function momentsFor(c: SummaryCase): Date[] {
  const fixed = ["2025-01-01", "2025-06-01", "2026-11-30", "2026-12-01", "2027-01-15", "2027-03-01", "2028-01-01"].map(
    d,
  );
  const edges: Date[] = [];
  const validUntil = c.summary.validUntil;
  if (validUntil) {
    edges.push(
      validUntil,
      addDays(validUntil, -c.program.expiringWindowDays),
      addDays(validUntil, -c.program.renewal.windowDays),
      addDays(validUntil, 1),
      addDays(validUntil, -1),
    );
  }
  if (c.summary.readyAt) edges.push(c.summary.readyAt, addDays(c.summary.readyAt, -1));
  const around = edges.flatMap((e) => [new Date(e.getTime() - 1), e, new Date(e.getTime() + 1)]);
  return [...fixed, ...around].filter((now) => now >= c.writtenAt);
}

const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);
const slugOf = (c: SummaryCase) => `summary-case-${c.name.replace(/[^a-z0-9]+/g, "-")}`;

async function writeSummaries(cases: SummaryCase[]) {
  const agency = await prisma.agency.create({ data: { name: "Summary rule agency" } });
  const officer = await prisma.user.create({
    data: {
      email: `summary-rule-${Date.now()}@example.org`,
      name: "Summary Rule",
      role: "officer",
      agencyId: agency.id,
      passwordHash: "x",
    },
  });
  for (const c of cases) {
    await prisma.officerStanding.create({
      data: {
        officerId: officer.id,
        programSlug: slugOf(c),
        officerName: officer.name,
        status: c.summary.status,
        validUntil: c.summary.validUntil,
        renewalReady: c.summary.renewalReady,
        readyAt: c.summary.readyAt,
        expiringDays: c.program.expiringWindowDays,
        updatedAt: c.writtenAt,
      },
    });
  }
}

/** Every status whose roster SQL condition selects this case's row at `now`: exactly one is right. */
async function sqlStatusesOf(c: SummaryCase, now: Date): Promise<CertificationStatus[]> {
  const found: CertificationStatus[] = [];
  for (const status of STATUSES) {
    const rows = await prisma.$queryRaw<unknown[]>(
      Prisma.sql`SELECT 1 FROM OfficerStanding s WHERE s.programSlug = ${slugOf(c)} AND ${statusConditionSql(status, now, c.program.expiringWindowDays)}`,
    );
    if (rows.length) found.push(status);
  }
  return found;
}
