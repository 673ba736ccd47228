// Filling in an observation form in tests: header fields and a level with evidence for every criterion.
import type { Level } from "../../app/certification/rubric-format";
import { findRubric } from "../../app/certification/rubrics.server";

export const MEETING_RUBRIC = "facilitating-a-meeting";

/** The rubric's criterion ids, in order. */
export function criterionIds(slug = MEETING_RUBRIC): string[] {
  return findRubric(slug)!.criteria.map((c) => c.id);
}

/** Levels and evidence for every criterion: `levels` in criterion order (the last one repeats). */
export function scoringFields(
  levels: Level[],
  tag = "",
  overall: Level = "competent",
  slug = MEETING_RUBRIC,
): Record<string, string> {
  const fields: Record<string, string> = {
    overall,
    comment: `Overall comment ${tag}: a sound meeting with one clear area to work on.`,
  };
  criterionIds(slug).forEach((id, i) => {
    fields[`level-${id}`] = levels[Math.min(i, levels.length - 1)]!;
    fields[`evidence-${id}`] = `Evidence ${tag} for ${id}: what the assessor saw and heard.`;
  });
  return fields;
}

export function observationFields(
  officerId: string,
  levels: Level[],
  tag = "",
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    officerId,
    observedOn: "2026-11-20",
    setting: "real-meeting",
    processKind: "joint-meeting",
    rubric: MEETING_RUBRIC,
    submissionKey: crypto.randomUUID(),
    ...scoringFields(levels, tag),
    ...extra,
  };
}
