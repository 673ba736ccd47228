import { describe, expect, it } from "vitest";
import type { AttemptEvidence } from "../../app/certification/assessment";
import type { Program } from "../../app/certification/format";
import { addMonths, canSignOff, computeStanding, statusFromSummary, summaryOf, type Evidence } from "../../app/certification/status";

const program: Program = {
  slug: "level-1", title: "Level 1", summary: "s", level: 1, prerequisitePrograms: [], validForMonths: 24, expiringWindowDays: 60,
  requirements: {
    modules: ["m1", "m2"],
    scenarios: [{ skill: "Facilitating a meeting", pool: ["s1", "s2"], minScore: 70, competencyMinimums: { safety: 60 } }],
    practicum: { count: 2, description: "d" },
    signOff: true,
  },
  renewal: { windowDays: 90, modules: ["m2"], scenarios: [{ skill: "Facilitating a meeting", pool: ["s1", "s2"], minScore: 70, competencyMinimums: {} }] },
};

const d = (iso: string) => new Date(`${iso}T12:00:00Z`);
/** A finished attempt, assessed and passed with 80% unless told otherwise. */
const attempt = (id: string, at: string, extra: Partial<AttemptEvidence> = {}): AttemptEvidence => ({
  id, scenarioSlug: "s1", mode: "assessed", status: "completed", startedAt: d(at), finishedAt: d(at), score: 80, passed: true,
  competencyScores: { safety: 70 }, retakeAuthorizationId: null, ...extra,
});
const none: Evidence = { modulesPassed: [], attempts: [], retakeAuthorizations: [], practicumConfirmed: [], signOffs: [], programStatus: {} };
const complete: Evidence = {
  ...none,
  modulesPassed: [{ slug: "m1", passedAt: d("2025-01-10") }, { slug: "m2", passedAt: d("2025-01-11") }],
  attempts: [attempt("a1", "2025-01-12")],
  practicumConfirmed: [{ id: "p1", date: d("2025-01-20"), confirmedAt: d("2025-01-21") }, { id: "p2", date: d("2025-02-01"), confirmedAt: d("2025-02-02") }],
};
const signed = (extra: Partial<Evidence["signOffs"][number]> = {}): Evidence => ({
  ...complete,
  signOffs: [{ id: "so1", signedAt: d("2025-03-01"), validUntil: addMonths(d("2025-03-01"), 24), revokedAt: null, revokeReason: null, ...extra }],
});

describe("certification status", () => {
  it("is not started with no evidence", () => {
    const s = computeStanding(program, none, d("2025-01-01"));
    expect(s.status).toBe("not_started");
    expect(s.nextStep).toBe('Pass the knowledge check of the module "m1".');
  });

  it("is in progress with some evidence, and says what is missing", () => {
    const s = computeStanding(program, { ...none, modulesPassed: [{ slug: "m1", passedAt: d("2025-01-10") }] }, d("2025-01-15"));
    expect(s.status).toBe("in_progress");
    expect(s.requirements.map((r) => [r.kind, r.met])).toEqual([["module", true], ["module", false], ["scenario", false], ["practicum", false], ["sign_off", false]]);
    expect(s.metCount).toBe(1);
  });

  it("does not count a scenario pass below a competency minimum", () => {
    const low = { ...complete, attempts: [{ ...complete.attempts[0]!, competencyScores: { safety: 50 } }] };
    expect(computeStanding(program, low, d("2025-02-10")).status).toBe("in_progress");
  });

  it("counts practicum only once confirmed (the evidence list holds confirmed entries only)", () => {
    const one = { ...complete, practicumConfirmed: complete.practicumConfirmed.slice(0, 1) };
    const s = computeStanding(program, one, d("2025-02-10"));
    expect(s.status).toBe("in_progress");
    expect(s.nextStep).toBe("Log practicum: 1 of 2 confirmed so far.");
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
      modulesPassed: [{ slug: "m1", passedAt: d("2025-01-10") }, { slug: "m2", passedAt: d("2026-12-05") }],
      // the first play of s1 since the renewal window opened
      attempts: [...old.attempts, attempt("a2", "2026-12-06", { score: 75, competencyScores: {} })],
    };
    expect(computeStanding(program, renewed, d("2027-03-02")).status).toBe("ready_for_sign_off");
    const expiring = computeStanding(program, renewed, d("2027-01-15"));
    expect(expiring.status).toBe("expiring_soon");
    expect(canSignOff(expiring, d("2027-01-15"))).toBe(true);
    const early = { ...renewed, modulesPassed: [{ slug: "m2", passedAt: d("2026-11-30") }, { slug: "m1", passedAt: d("2025-01-10") }] };
    expect(computeStanding(program, early, d("2027-03-02")).status).toBe("expired");
  });

  it("is revoked after revocation, whatever the dates, and keeps the reason", () => {
    const s = computeStanding(program, signed({ revokedAt: d("2025-05-01"), revokeReason: "Misconduct finding" }), d("2025-06-01"));
    expect(s.status).toBe("revoked");
    expect(s.revokeReason).toBe("Misconduct finding");
  });

  it("a renewal sign-off starts a new validity period", () => {
    const e: Evidence = { ...signed(), signOffs: [...signed().signOffs, { id: "so2", signedAt: d("2027-02-01"), validUntil: addMonths(d("2027-02-01"), 24), revokedAt: null, revokeReason: null }] };
    const s = computeStanding(program, e, d("2027-06-01"));
    expect(s.status).toBe("certified");
    expect(s.signOffId).toBe("so2");
  });

  it("requires a prerequisite program to be held", () => {
    const level2: Program = { ...program, slug: "level-2", prerequisitePrograms: ["level-1"] };
    expect(computeStanding(level2, { ...complete, programStatus: { "level-1": "in_progress" } }, d("2025-02-10")).status).toBe("in_progress");
    expect(computeStanding(level2, { ...complete, programStatus: { "level-1": "certified" } }, d("2025-02-10")).status).toBe("ready_for_sign_off");
  });

  it("the roster summary gives the same status as the full computation at any time", () => {
    const cases: Evidence[] = [none, complete, signed(), signed({ revokedAt: d("2025-05-01"), revokeReason: "r" })];
    const times = ["2025-01-01", "2025-06-01", "2027-01-15", "2027-03-01", "2028-01-01"].map(d);
    for (const evidence of cases) {
      const summary = summaryOf(computeStanding(program, evidence, d("2025-04-01")));
      for (const now of times) {
        expect(statusFromSummary({ ...summary, expiringDays: program.expiringWindowDays }, now)).toBe(computeStanding(program, evidence, now).status);
      }
    }
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
    const r = scenarioReq(withAttempts(attempt("p1", "2025-01-12", { mode: "practice", score: 100, competencyScores: { safety: 100 } })));
    expect(r.met).toBe(false);
    expect(computeStanding(program, withAttempts(attempt("p1", "2025-01-12", { mode: "practice", score: 100 })), at).status).toBe("in_progress");
  });

  it("counts a passed assessed attempt that was the officer's first play of a pool scenario", () => {
    const r = scenarioReq(withAttempts(attempt("x1", "2025-01-12", { scenarioSlug: "s2" })));
    expect(r).toMatchObject({ met: true, attemptId: "x1", slug: "s2", score: 80 });
    expect(r.assessment.state).toBe("met");
  });

  it("does not count an assessed attempt on a scenario played before, in practice or assessed", () => {
    // Replaying the best path shown in a practice debrief: not a first play, so it does not count.
    const afterPractice = scenarioReq(withAttempts(attempt("p1", "2025-01-11", { mode: "practice", passed: false, score: 40 }), attempt("x1", "2025-01-12", { score: 100 })));
    expect(afterPractice.met).toBe(false);
    const afterLeft = scenarioReq(withAttempts(attempt("x0", "2025-01-11", { status: "left", score: null, passed: null, finishedAt: d("2025-01-11") }), attempt("x1", "2025-01-12")));
    expect(afterLeft.met).toBe(false);
  });

  it("accepts practice on another scenario of the pool", () => {
    const r = scenarioReq(withAttempts(attempt("p1", "2025-01-11", { scenarioSlug: "s2", mode: "practice", score: 100 }), attempt("x1", "2025-01-12")));
    expect(r).toMatchObject({ met: true, attemptId: "x1" });
  });

  it("does not count a pass below the requirement's minimum score or a competency minimum", () => {
    expect(scenarioReq(withAttempts(attempt("x1", "2025-01-12", { score: 65 }))).met).toBe(false);
    expect(scenarioReq(withAttempts(attempt("x1", "2025-01-12", { competencyScores: { safety: 50 } }))).met).toBe(false);
  });

  it("offers the other pool scenario after a failed assessment, then waits for a retake decision", () => {
    const failed = attempt("x1", "2025-01-12", { passed: false, score: 40 });
    const one = scenarioReq(withAttempts(failed));
    expect(one.assessment).toMatchObject({ state: "available", eligible: [{ slug: "s2", retakeAuthorizationId: null }], lastFailure: { attemptId: "x1", slug: "s1" } });
    const both = scenarioReq(withAttempts(failed, attempt("p2", "2025-01-13", { scenarioSlug: "s2", mode: "practice" })));
    expect(both.assessment).toMatchObject({ state: "awaiting_retake", eligible: [], lastFailure: { attemptId: "x1" } });
    expect(computeStanding(program, withAttempts(failed, attempt("p2", "2025-01-13", { scenarioSlug: "s2", mode: "practice" })), at).awaitingRetake).toBe(1);
    expect(computeStanding(program, withAttempts(failed), at).awaitingRetake).toBe(0);
  });

  it("counts a left assessed attempt as not passed", () => {
    const left = attempt("x1", "2025-01-12", { status: "left", score: null, passed: null });
    const r = scenarioReq(withAttempts(left, attempt("x2", "2025-01-13", { scenarioSlug: "s2", passed: false, score: 30 })));
    expect(r.assessment.state).toBe("awaiting_retake");
    expect(r.assessment.lastFailure).toMatchObject({ attemptId: "x2" });
  });

  it("counts an authorized retake once, on any pool scenario not practiced, the failed one included", () => {
    const failed = attempt("x1", "2025-01-12", { passed: false, score: 40 });
    const practiced = attempt("p2", "2025-01-13", { scenarioSlug: "s2", mode: "practice", score: 100 });
    const authorized: Evidence = { ...withAttempts(failed, practiced), retakeAuthorizations: [{ id: "r1", failedAttemptId: "x1" }] };
    expect(scenarioReq(authorized).assessment).toMatchObject({ state: "available", eligible: [{ slug: "s1", retakeAuthorizationId: "r1" }] });
    const retake = attempt("x3", "2025-01-14", { retakeAuthorizationId: "r1" });
    expect(scenarioReq({ ...authorized, attempts: [failed, practiced, retake] })).toMatchObject({ met: true, attemptId: "x3" });
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
    expect(scenarioReq(withAttempts(open)).assessment).toMatchObject({ state: "in_progress", open: { attemptId: "x1", slug: "s1" }, eligible: [] });
  });

  it("for renewal, counts the first play since the renewal window opened", () => {
    const signedEvidence = signed();
    const inWindow = attempt("a2", "2026-12-06", { score: 75, competencyScores: {} });
    const practicedInWindow = attempt("p2", "2026-12-05", { mode: "practice" });
    const renewal = (e: Evidence) => computeStanding(program, { ...e, modulesPassed: [{ slug: "m1", passedAt: d("2025-01-10") }, { slug: "m2", passedAt: d("2026-12-05") }] }, d("2027-01-15")).renewal!;
    expect(renewal({ ...signedEvidence, attempts: [...signedEvidence.attempts, inWindow] }).met).toBe(true);
    expect(renewal({ ...signedEvidence, attempts: [...signedEvidence.attempts, practicedInWindow, inWindow] }).met).toBe(false);
  });
});
