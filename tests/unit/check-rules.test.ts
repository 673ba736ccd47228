// When a knowledge check may be taken, with fixed clocks.
import { describe, expect, it } from "vitest";
import { checkGate, checkRules, CHECK_RULE_DEFAULTS, timeGate, utcMinute } from "../../app/modules/check-rules";

const T0 = new Date("2026-12-02T14:00:00.000Z");
const at = (minutes: number, ms = 0) => new Date(T0.getTime() + minutes * 60_000 + ms);
const rules = checkRules({});

describe("cool-down between attempts", () => {
  it("defaults to 10 minutes and 5 attempts in 24 hours, each overridable per module", () => {
    expect(rules).toEqual({ cooldownMinutes: 10, attemptsPerDay: 5 });
    expect(CHECK_RULE_DEFAULTS).toEqual(rules);
    expect(checkRules({ checkCooldownMinutes: 0, checkAttemptsPerDay: 2 })).toEqual({
      cooldownMinutes: 0,
      attemptsPerDay: 2,
    });
  });

  it("opens with no attempts", () => {
    expect(timeGate([], rules, T0)).toEqual({ open: true });
  });

  it("stays closed until exactly 10 minutes after the last attempt, and says until when", () => {
    expect(timeGate([T0], rules, at(10, -1))).toEqual({
      open: false,
      reason: "cooldown",
      nextAt: "2026-12-02T14:10:00.000Z",
      message:
        "Your next attempt is allowed at 2026-12-02 14:10 UTC: there are 10 minutes between attempts, time to go back over the module.",
    });
    expect(timeGate([T0], rules, at(10))).toEqual({ open: true });
  });

  it("counts from the latest attempt", () => {
    expect(timeGate([at(-30), at(-5)], rules, T0)).toMatchObject({ open: false, nextAt: at(5).toISOString() });
  });

  it("never shows a time earlier than allowed: seconds round up to the next minute", () => {
    expect(utcMinute(new Date("2026-12-02T14:10:00.000Z"))).toBe("2026-12-02 14:10 UTC");
    expect(utcMinute(new Date("2026-12-02T14:10:00.001Z"))).toBe("2026-12-02 14:11 UTC");
  });
});

describe("daily limit", () => {
  // Five attempts an hour apart, the first at T0.
  const five = [0, 60, 120, 180, 240].map((m) => at(m));

  it("closes after the fifth attempt in 24 hours until the oldest of them is a day old", () => {
    const limited = timeGate(five, rules, at(300));
    expect(limited).toEqual({
      open: false,
      reason: "daily-limit",
      nextAt: "2026-12-03T14:00:00.000Z",
      message:
        "You have used the 5 attempts allowed in 24 hours. Your next attempt is allowed at 2026-12-03 14:00 UTC.",
    });
    expect(timeGate(five, rules, at(24 * 60, -1))).toMatchObject({ open: false, reason: "daily-limit" });
    expect(timeGate(five, rules, at(24 * 60))).toEqual({ open: true });
  });

  it("allows the fifth attempt: four in the day leave it open", () => {
    expect(timeGate(five.slice(0, 4), rules, at(300))).toEqual({ open: true });
  });

  it("names the later of the two waits", () => {
    // Limit reached, and the last attempt a minute ago: the day frees later than the cool-down ends.
    expect(timeGate([...five.slice(0, 4), at(299)], rules, at(300))).toMatchObject({
      reason: "daily-limit",
      nextAt: at(24 * 60).toISOString(),
    });
    // A module with a limit of 2 and no cool-down.
    const strict = checkRules({ checkCooldownMinutes: 0, checkAttemptsPerDay: 2 });
    expect(timeGate([at(0)], strict, at(0))).toEqual({ open: true });
    expect(timeGate([at(0), at(1)], strict, at(1))).toMatchObject({
      reason: "daily-limit",
      nextAt: at(24 * 60).toISOString(),
    });
  });
});

describe("who may take a check", () => {
  const base = { opened: true, passed: false, missingPrerequisites: [], recent: [], rules, now: T0 };

  it("asks to open the module first, then to pass its prerequisites", () => {
    expect(checkGate({ ...base, opened: false })).toMatchObject({
      open: false,
      reason: "not-opened",
      message: "Open the module and read it before you take its knowledge check.",
    });
    const missing = [{ slug: "what-is-restoration", title: "What is restorative justice?" }];
    expect(checkGate({ ...base, missingPrerequisites: missing })).toEqual({
      open: false,
      reason: "prerequisites",
      missing,
      message: "The knowledge check opens once you have passed What is restorative justice?.",
    });
  });

  it("is done once passed, and otherwise follows the clock", () => {
    expect(checkGate({ ...base, passed: true })).toMatchObject({ open: false, reason: "passed" });
    expect(checkGate(base)).toEqual({ open: true });
    expect(checkGate({ ...base, recent: [at(-1)] })).toMatchObject({ reason: "cooldown" });
  });
});
