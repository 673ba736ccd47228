// The certification expiry and renewal rule, stated once. computeStanding (status.ts) reads a held
// certification's status from it, statusFromSummary reads a roster summary row with it, and the roster's and
// home page's SQL conditions are generated from the same ranges and cases (validity-sql.server.ts), so a change
// here changes every one of them.

export const STATUSES = [
  "not_started",
  "in_progress",
  "ready_for_sign_off",
  "certified",
  "expiring_soon",
  "expired",
  "revoked",
] as const;
export type CertificationStatus = (typeof STATUSES)[number];

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A span of time: later than `after`, up to and including `upTo`; null on either side is unbounded.
 * A missing date (no end of validity, no moment of readiness) counts as "never", so it lies in a span only when
 * the span is unbounded above.
 */
export interface TimeSpan {
  after: Date | null;
  upTo: Date | null;
}

export function inSpan(date: Date | null, span: TimeSpan): boolean {
  if (!date) return span.upTo === null;
  return (span.after === null || date > span.after) && (span.upTo === null || date <= span.upTo);
}

/** Where a certification's valid-until date stands at a moment. */
export const VALIDITY_PHASES = ["lapsed", "expiring_soon", "valid"] as const;
export type ValidityPhase = (typeof VALIDITY_PHASES)[number];

/** The valid-until dates of each phase at `now`: lapsed on the day itself, expiring soon within `expiringDays`. */
export function validUntilSpan(phase: ValidityPhase, now: Date, expiringDays: number): TimeSpan {
  const expiringFrom = new Date(now.getTime() + expiringDays * DAY_MS);
  switch (phase) {
    case "lapsed":
      return { after: null, upTo: now };
    case "expiring_soon":
      return { after: now, upTo: expiringFrom };
    case "valid":
      return { after: expiringFrom, upTo: null };
  }
}

export function validityPhase(validUntil: Date | null, now: Date, expiringDays: number): ValidityPhase {
  return VALIDITY_PHASES.find((phase) => inSpan(validUntil, validUntilSpan(phase, now, expiringDays))) ?? "valid";
}

export function hasLapsed(validUntil: Date, now: Date): boolean {
  return validityPhase(validUntil, now, 0) === "lapsed";
}

/** Renewal evidence counts from this moment, `windowDays` before the certification ends. */
export function renewalOpensAt(validUntil: Date, windowDays: number): Date {
  return new Date(validUntil.getTime() - windowDays * DAY_MS);
}

/** The status of a signed-off, unrevoked certification: once lapsed, a met renewal waits for sign-off. */
export function heldStatus(phase: ValidityPhase, renewalMet: boolean): CertificationStatus {
  switch (phase) {
    case "lapsed":
      return renewalMet ? "ready_for_sign_off" : "expired";
    case "expiring_soon":
      return "expiring_soon";
    case "valid":
      return "certified";
  }
}

/** An officer in progress only for want of time becomes ready at `readyAt`: the span of moments it has passed. */
export function readyAtPassedSpan(now: Date): TimeSpan {
  return { after: null, upTo: now };
}

/**
 * What a roster summary row stands for at a moment. The summary stores time-dependent statuses as "certified"
 * plus dates (and "in progress" plus the moment it turns ready), so a row stays true as time passes; each case
 * says which stored rows show `status`.
 */
export interface SummaryCase {
  status: CertificationStatus;
  stored: CertificationStatus;
  phase?: ValidityPhase;
  renewalReady?: boolean;
  readyAtPassed?: boolean;
}

/** The held cases, from heldStatus: renewalReady is a condition only where it changes the answer. */
function heldCases(): SummaryCase[] {
  return VALIDITY_PHASES.flatMap((phase): SummaryCase[] => {
    const ifMet = heldStatus(phase, true);
    const ifNot = heldStatus(phase, false);
    if (ifMet === ifNot) return [{ status: ifMet, stored: "certified", phase }];
    return [
      { status: ifMet, stored: "certified", phase, renewalReady: true },
      { status: ifNot, stored: "certified", phase, renewalReady: false },
    ];
  });
}

export const SUMMARY_CASES: readonly SummaryCase[] = [
  { status: "not_started", stored: "not_started" },
  { status: "in_progress", stored: "in_progress", readyAtPassed: false },
  { status: "ready_for_sign_off", stored: "in_progress", readyAtPassed: true },
  { status: "ready_for_sign_off", stored: "ready_for_sign_off" },
  { status: "revoked", stored: "revoked" },
  ...heldCases(),
];

export interface SummaryRow {
  status: string;
  validUntil: Date | null;
  renewalReady: boolean;
  expiringDays: number;
  readyAt?: Date | null;
}

function caseMatches(c: SummaryCase, row: SummaryRow, now: Date): boolean {
  if (row.status !== c.stored) return false;
  if (c.phase && validityPhase(row.validUntil, now, row.expiringDays) !== c.phase) return false;
  if (c.renewalReady !== undefined && row.renewalReady !== c.renewalReady) return false;
  if (c.readyAtPassed !== undefined && inSpan(row.readyAt ?? null, readyAtPassedSpan(now)) !== c.readyAtPassed)
    return false;
  return true;
}

/** The status a summary row stands for at `now`: the same answer computeStanding gives. */
export function statusFromSummary(row: SummaryRow | null, now: Date): CertificationStatus {
  if (!row) return "not_started";
  return SUMMARY_CASES.find((c) => caseMatches(c, row, now))?.status ?? "not_started";
}
