// The competency summary's rows (docs/decisions/0400-competency-summary.md), as pure functions: an officer's rows
// from their tallies, and what rows add to (or take from) the unit and agency sums. The app
// (competency-summary.server.ts) and the bench generator both write them from here.
import type { Competency } from "../scenarios/format";
import { officerMeanMicro, type CompetencyTally } from "./profiles";

/** The pseudo-competency of a group row that counts officers with evidence on any competency. */
export const ANY_COMPETENCY = "*";

/** A row of OfficerCompetency. */
export interface SummaryRow {
  officerId: string;
  competency: string;
  points: number;
  total: number;
  meanMicro: number;
  countedAgencyId: string | null;
  countedUnitId: string | null;
}

/** One officer's summary rows from their tallies, counted in their agency and unit if they are an officer. */
export function officerSummaryRows(
  officerId: string,
  tallies: Map<Competency, CompetencyTally>,
  placement: { role: string; agencyId: string; unitId: string | null } | null,
): SummaryRow[] {
  const counted = placement?.role === "officer";
  return [...tallies].map(([competency, tally]) => ({
    officerId,
    competency,
    points: tally.points,
    total: tally.total,
    meanMicro: officerMeanMicro(tally),
    countedAgencyId: counted ? placement.agencyId : null,
    countedUnitId: counted ? placement.unitId : null,
  }));
}

type GroupKey = `${"unit" | "agency"}\u0000${string}\u0000${string}`;
/** Per group and competency: officers and sum of means (millionths) to add. */
export type GroupDeltas = Map<GroupKey, { officers: number; sum: number }>;

export function splitGroupKey(key: GroupKey) {
  const [scopeKind, scopeId, competency] = key.split("\u0000") as [string, string, string];
  return { scopeKind, scopeId, competency };
}

/** What a set of officer rows adds to the group sums (negated with `sign` -1: what removing them takes away). */
export function addGroupShares(into: GroupDeltas, rows: SummaryRow[], sign: 1 | -1) {
  const add = (kind: "unit" | "agency", scopeId: string | null, competency: string, meanMicro: number) => {
    if (!scopeId) return;
    const key: GroupKey = `${kind}\u0000${scopeId}\u0000${competency}`;
    const d = into.get(key) ?? { officers: 0, sum: 0 };
    into.set(key, { officers: d.officers + sign, sum: d.sum + sign * meanMicro });
  };
  for (const r of rows) {
    add("agency", r.countedAgencyId, r.competency, r.meanMicro);
    add("unit", r.countedUnitId, r.competency, r.meanMicro);
  }
  // The officer counts once among those with any evidence.
  const first = rows[0];
  if (first) {
    add("agency", first.countedAgencyId, ANY_COMPETENCY, 0);
    add("unit", first.countedUnitId, ANY_COMPETENCY, 0);
  }
}

/** The group sums of many officers' rows at once (the back-fill and the bench generator write them in one go). */
export function groupRowsOf(rows: SummaryRow[][]) {
  const sums: GroupDeltas = new Map();
  for (const officerRows of rows) addGroupShares(sums, officerRows, 1);
  return [...sums].map(([key, { officers, sum }]) => ({ ...splitGroupKey(key), officers, meanMicroSum: sum }));
}
