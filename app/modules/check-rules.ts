// When an officer may take a module's knowledge check: after opening the module, with its prerequisites passed,
// not while a cool-down runs, and not more often than the daily limit. Pure: the caller supplies the clock.
import type { ModuleFrontmatter } from "./format";

/** The defaults for every module; a module's frontmatter may override them (checkCooldownMinutes, checkAttemptsPerDay). */
export const CHECK_RULE_DEFAULTS = { cooldownMinutes: 10, attemptsPerDay: 5 } as const;

/** The daily limit counts attempts in the last 24 hours (a rolling day: the same for every time zone). */
export const DAY_MS = 24 * 60 * 60 * 1000;

export interface CheckRules {
  cooldownMinutes: number;
  attemptsPerDay: number;
}

export function checkRules(f: Pick<ModuleFrontmatter, "checkCooldownMinutes" | "checkAttemptsPerDay">): CheckRules {
  return {
    cooldownMinutes: f.checkCooldownMinutes ?? CHECK_RULE_DEFAULTS.cooldownMinutes,
    attemptsPerDay: f.checkAttemptsPerDay ?? CHECK_RULE_DEFAULTS.attemptsPerDay,
  };
}

export type CheckGate =
  | { open: true }
  | { open: false; reason: "not-opened" | "passed"; message: string }
  | { open: false; reason: "prerequisites"; message: string; missing: { slug: string; title: string }[] }
  | { open: false; reason: "cooldown" | "daily-limit"; message: string; nextAt: string };

/** "2026-12-02 14:10 UTC", rounded up to the minute so the time shown is never too early. */
export function utcMinute(at: Date): string {
  const up = new Date(Math.ceil(at.getTime() / 60_000) * 60_000);
  return `${up.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/**
 * The cool-down and the daily limit. `recent` holds the times of the officer's attempts of this module in the
 * 24 hours before `now` (the cool-down is at most a day, so the latest attempt is among them).
 */
export function timeGate(recent: readonly Date[], rules: CheckRules, now: Date): CheckGate {
  const times = recent
    .map((d) => d.getTime())
    .filter((t) => t > now.getTime() - DAY_MS && t <= now.getTime())
    .sort((a, b) => a - b);
  const latest = times.at(-1);
  const cooldownEnds = latest === undefined ? 0 : latest + rules.cooldownMinutes * 60_000;
  // With the limit reached, the next attempt waits until the oldest attempt that keeps it reached leaves the day.
  const dayFrees = times.length >= rules.attemptsPerDay ? times[times.length - rules.attemptsPerDay]! + DAY_MS : 0;
  const nextAt = Math.max(cooldownEnds, dayFrees);
  if (nextAt <= now.getTime()) return { open: true };
  const when = new Date(nextAt);
  if (dayFrees >= cooldownEnds) {
    return {
      open: false,
      reason: "daily-limit",
      nextAt: when.toISOString(),
      message: `You have used the ${rules.attemptsPerDay} attempts allowed in 24 hours. Your next attempt is allowed at ${utcMinute(when)}.`,
    };
  }
  return {
    open: false,
    reason: "cooldown",
    nextAt: when.toISOString(),
    message: `Your next attempt is allowed at ${utcMinute(when)}: there are ${rules.cooldownMinutes} minutes between attempts, time to go back over the module.`,
  };
}

export interface GateInput {
  opened: boolean;
  passed: boolean;
  missingPrerequisites: { slug: string; title: string }[];
  recent: readonly Date[];
  rules: CheckRules;
  now: Date;
}

/** Every rule in order; the first one that closes the check explains why. */
export function checkGate(input: GateInput): CheckGate {
  if (!input.opened)
    return {
      open: false,
      reason: "not-opened",
      message: "Open the module and read it before you take its knowledge check.",
    };
  if (input.passed) return { open: false, reason: "passed", message: "You have passed this knowledge check." };
  if (input.missingPrerequisites.length) {
    return {
      open: false,
      reason: "prerequisites",
      missing: input.missingPrerequisites,
      message: `The knowledge check opens once you have passed ${input.missingPrerequisites.map((m) => m.title).join(", ")}.`,
    };
  }
  return timeGate(input.recent, input.rules, input.now);
}
