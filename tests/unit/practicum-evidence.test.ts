import { describe, expect, it } from "vitest";
import { countPracticum, hasReflectiveLog, type PracticumEvidence } from "../../app/certification/practicum";

const d = new Date("2026-06-01T00:00:00Z");
const entry = (
  id: string,
  kind: PracticumEvidence["kind"],
  role: PracticumEvidence["role"],
  hasLog: boolean,
): PracticumEvidence => ({ id, date: d, confirmedAt: d, kind, role, hasReflectiveLog: hasLog });

describe("practicum counts a program requirement asks for", () => {
  const entries = [
    entry("a", "joint-meeting", "Co-facilitator", true),
    entry("b", "joint-meeting", "Lead facilitator", true),
    entry("c", "joint-meeting", "Co-facilitator", false), // migrated: no log
    entry("d", "circle", "Lead facilitator", true),
    entry("e", "pre-meeting", "Lead facilitator", false),
  ];

  it("counts joint meetings with reflective logs, whatever the role", () => {
    expect(countPracticum(entries, { kinds: ["joint-meeting"], withReflectiveLog: true })).toBe(2);
  });

  it("counts face-to-face sessions led", () => {
    expect(countPracticum(entries, { kinds: ["joint-meeting", "circle"], roles: ["Lead facilitator"] })).toBe(2);
  });

  it("counts everything with no filter", () => {
    expect(countPracticum(entries, {})).toBe(5);
  });

  it("takes a log as written only when all four parts are", () => {
    const full = { logWhatHappened: "x", logWentWell: "y", logWouldChange: "z", logSupportNeeded: "none" };
    expect(hasReflectiveLog(full)).toBe(true);
    expect(hasReflectiveLog({ ...full, logSupportNeeded: null })).toBe(false);
    expect(hasReflectiveLog({ ...full, logWentWell: "   " })).toBe(false);
  });
});
