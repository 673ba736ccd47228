// The pure rules behind assessed attempts: who may start what, and the shuffled choice order.
import { describe, expect, it } from "vitest";
import type { AttemptEvidence } from "../../app/certification/assessment";
import { assessedStart, poolsOf, practiceStart } from "../../app/certification/assessment-start";
import type { Program } from "../../app/certification/format";
import { standingsFrom, type AllEvidence } from "../../app/certification/status";
import { shuffledFor } from "../../app/scenarios/assessed";

const program: Program = {
  slug: "level-1",
  title: "Level 1",
  summary: "s",
  level: 1,
  prerequisitePrograms: [],
  validForMonths: 24,
  expiringWindowDays: 60,
  requirements: {
    modules: [],
    scenarios: [{ skill: "Meetings", pool: ["s1", "s2"], minScore: 70, competencyMinimums: {} }],
    observations: [],
    practicum: [],
    heldPrograms: [],
    signOff: true,
  },
  renewal: { windowDays: 90, modules: [], scenarios: [], formalProcessesPerYear: 0, cpdHours: 0 },
};
const now = new Date("2025-02-10T12:00:00Z");
const attempt = (id: string, slug: string, extra: Partial<AttemptEvidence> = {}): AttemptEvidence => ({
  id,
  scenarioSlug: slug,
  mode: "assessed",
  status: "completed",
  startedAt: new Date(`2025-01-${10 + Number(id.slice(1))}T12:00:00Z`),
  finishedAt: null,
  score: 40,
  passed: false,
  competencyScores: {},
  retakeAuthorizationId: null,
  ...extra,
});
const evidence = (
  attempts: AttemptEvidence[],
  retakeAuthorizations: AllEvidence["retakeAuthorizations"] = [],
): AllEvidence => ({
  modulesPassed: [],
  attempts,
  retakeAuthorizations,
  practicum: [],
  observations: [],
  cpd: [],
  caseStudies: [],
  signOffs: [],
});
const title = (slug: string) => slug.toUpperCase();
const pools = (e: AllEvidence) => poolsOf(standingsFrom(e, [program], now), () => "Level 1");

describe("starting attempts", () => {
  it("offers an assessed attempt on a scenario never played, and refuses one on a scenario already played", () => {
    const e = evidence([attempt("a1", "s1", { mode: "practice" })]);
    expect(assessedStart(pools(e), "s2", title)).toEqual({ ok: true, retakeAuthorizationId: null });
    const refused = assessedStart(pools(e), "s1", title);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.reason).toMatch(/already played this role-play.*first play.*"S2"/);
    expect(assessedStart(pools(e), "elsewhere", title).ok).toBe(false);
  });

  it("refuses the practice that would leave a pool with nothing that can count, and warns before the one that spends a first play", () => {
    const fresh = evidence([]);
    const first = practiceStart(pools(fresh), fresh.attempts, [], "s1", now, title);
    expect(first.ok && first.note).toMatch(/can no longer be your assessed attempt.*"S2" still can/);
    const onePracticed = evidence([attempt("a1", "s1", { mode: "practice" })]);
    expect(practiceStart(pools(onePracticed), onePracticed.attempts, [], "s2", now, title)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/Take the assessed attempt first/),
    });
    // Once the requirement is met, practice is free.
    const met = evidence([attempt("a1", "s1", { passed: true, score: 90 })]);
    expect(practiceStart(pools(met), met.attempts, [], "s2", now, title)).toEqual({ ok: true, note: null });
  });

  it("after a failed assessment and an authorization, offers the retake on the failed scenario and names the authorization", () => {
    const e = evidence(
      [attempt("a1", "s2", { mode: "practice" }), attempt("a2", "s1")],
      [{ id: "r1", failedAttemptId: "a2" }],
    );
    expect(assessedStart(pools(e), "s1", title)).toEqual({ ok: true, retakeAuthorizationId: "r1" });
    expect(assessedStart(pools(e), "s2", title)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/practiced this role-play/),
    });
    const waiting = evidence([attempt("a1", "s2", { mode: "practice" }), attempt("a2", "s1")]);
    expect(assessedStart(pools(waiting), "s1", title)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/authorize one more assessed attempt/),
    });
  });
});

describe("the choice order of an assessed attempt", () => {
  const choices = ["a", "b", "c", "d", "e"];
  it("is the same on every reload and differs between attempts", () => {
    expect(shuffledFor(choices, "attempt-1:opening")).toEqual(shuffledFor(choices, "attempt-1:opening"));
    const orders = new Set(
      ["attempt-1", "attempt-2", "attempt-3", "attempt-4"].map((id) => shuffledFor(choices, `${id}:opening`).join("")),
    );
    expect(orders.size).toBeGreaterThan(1);
    expect([...shuffledFor(choices, "x")].sort()).toEqual(choices);
  });
});
