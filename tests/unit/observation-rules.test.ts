import { describe, expect, it } from "vitest";
import { holds, mayReadRaterAgreement } from "../../app/auth/roles";
import {
  observationAccess,
  observationMeets,
  settledLevels,
  type ObservationEvidence,
  type ViewerStanding,
} from "../../app/certification/observation";

const base: ViewerStanding = {
  isOfficer: false,
  mayAssess: false,
  mayRead: false,
  hasScored: false,
  scoringCount: 1,
  rubricUnchanged: true,
  hasResponse: false,
};

describe("who sees what of an observation", () => {
  it("hides the scores from an assessor who may still add the second scoring", () => {
    expect(observationAccess({ ...base, mayAssess: true })).toEqual({
      visible: true,
      canScore: true,
      scoresShown: false,
      canRespond: false,
    });
  });

  it("shows them once that assessor has scored, or when two scorings exist, or the rubric changed", () => {
    expect(observationAccess({ ...base, mayAssess: true, hasScored: true, scoringCount: 2 }).scoresShown).toBe(true);
    expect(observationAccess({ ...base, mayAssess: true, scoringCount: 2 })).toMatchObject({
      canScore: false,
      scoresShown: true,
    });
    expect(observationAccess({ ...base, mayAssess: true, rubricUnchanged: false })).toMatchObject({
      canScore: false,
      scoresShown: true,
    });
  });

  it("shows the officer everything and lets them respond once; a reader sees and cannot score", () => {
    expect(observationAccess({ ...base, isOfficer: true })).toEqual({
      visible: true,
      canScore: false,
      scoresShown: true,
      canRespond: true,
    });
    expect(observationAccess({ ...base, isOfficer: true, hasResponse: true }).canRespond).toBe(false);
    expect(observationAccess({ ...base, mayRead: true })).toEqual({
      visible: true,
      canScore: false,
      scoresShown: true,
      canRespond: false,
    });
    expect(observationAccess(base).visible).toBe(false);
  });
});

describe("the assessor grant", () => {
  it("counts only for a role that may hold it, and is never given by a role", () => {
    const grants = ["observations:record"] as const;
    expect(holds({ role: "supervisor", grants }, "observations:record")).toBe(true);
    expect(holds({ role: "trainer", grants }, "observations:record")).toBe(true);
    expect(holds({ role: "officer", grants }, "observations:record")).toBe(false);
    expect(holds({ role: "admin", grants }, "observations:record")).toBe(false);
    expect(holds({ role: "supervisor" }, "observations:record")).toBe(false);
    expect(mayReadRaterAgreement({ role: "supervisor" })).toBe(true);
    expect(mayReadRaterAgreement({ role: "trainer" })).toBe(false);
    expect(mayReadRaterAgreement({ role: "trainer", grants })).toBe(true);
    expect(mayReadRaterAgreement({ role: "officer", grants })).toBe(false);
  });
});

describe("what an observation proves", () => {
  const evidence = (
    levels: Record<string, "not-yet" | "developing" | "competent" | "strong">,
    scoringCount = 1,
  ): ObservationEvidence => ({
    id: "o",
    observedOn: new Date(),
    setting: "real-meeting",
    processKind: "joint-meeting",
    rubricSlug: "facilitating-a-meeting",
    settledLevels: levels,
    scoringCount,
    respondedAt: null,
  });

  it("settles each criterion on the lower level where two assessors differ", () => {
    expect(
      settledLevels([
        [
          { criterionId: "a", level: "strong" },
          { criterionId: "b", level: "developing" },
        ],
        [
          { criterionId: "a", level: "competent" },
          { criterionId: "b", level: "strong" },
        ],
      ]),
    ).toEqual({ a: "competent", b: "developing" });
  });

  it("meets a standard only with every criterion at the level or above, of the kind and scorings asked", () => {
    const good = evidence({ a: "competent", b: "strong" });
    expect(observationMeets(good, { minLevel: "competent", processKinds: ["joint-meeting"] })).toBe(true);
    expect(observationMeets(good, { minLevel: "competent", processKinds: ["circle"] })).toBe(false);
    expect(observationMeets(good, { minLevel: "competent", minScorings: 2 })).toBe(false);
    expect(observationMeets(evidence({ a: "competent", b: "developing" }), { minLevel: "competent" })).toBe(false);
    expect(observationMeets(evidence({}), { minLevel: "not-yet" })).toBe(false);
  });
});
