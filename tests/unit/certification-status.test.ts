import { describe, expect, it } from "vitest";
import type { Program } from "../../app/certification/format";
import { addMonths, canSignOff, computeStanding, statusFromSummary, summaryOf, type Evidence } from "../../app/certification/status";

const program: Program = {
  slug: "level-1", title: "Level 1", summary: "s", level: 1, prerequisitePrograms: [], validForMonths: 24, expiringWindowDays: 60,
  requirements: {
    modules: ["m1", "m2"],
    scenarios: [{ slug: "s1", minScore: 70, competencyMinimums: { safety: 60 } }],
    practicum: { count: 2, description: "d" },
    signOff: true,
  },
  renewal: { windowDays: 90, modules: ["m2"], scenarios: [{ slug: "s1", minScore: 70, competencyMinimums: {} }] },
};

const d = (iso: string) => new Date(`${iso}T12:00:00Z`);
const none: Evidence = { modulesPassed: [], attempts: [], practicumConfirmed: [], signOffs: [], programStatus: {} };
const complete: Evidence = {
  ...none,
  modulesPassed: [{ slug: "m1", passedAt: d("2025-01-10") }, { slug: "m2", passedAt: d("2025-01-11") }],
  attempts: [{ id: "a1", scenarioSlug: "s1", score: 80, passed: true, competencyScores: { safety: 70 }, finishedAt: d("2025-01-12") }],
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
      attempts: [...old.attempts, { id: "a2", scenarioSlug: "s1", score: 75, passed: true, competencyScores: {}, finishedAt: d("2026-12-06") }],
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
