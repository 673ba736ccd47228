// Observed assessment, the pure part: the forms an assessor and an officer fill in, who sees what of an
// observation, how two scorings compare, and what an observation proves for a program requirement.
import { z } from "zod";
import { PRACTICUM_KINDS, type PracticumKind } from "./practicum";
import { isLevel, LEVEL_LABELS, LEVELS, levelRank, type Level, type RubricCriterion } from "./rubric-format";

export const OBSERVATION_SETTINGS = ["role-play", "real-meeting"] as const;
export type ObservationSetting = (typeof OBSERVATION_SETTINGS)[number];
export const OBSERVATION_SETTING_LABELS: Record<ObservationSetting, string> = {
  "role-play": "Live role-play",
  "real-meeting": "Real meeting",
};

/** At most this many independent scorings of one observation: the recording assessor's and one more. */
export const MAX_SCORINGS = 2;

const EVIDENCE_MIN = 10;
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date as YYYY-MM-DD.")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "Enter a real date.")
  .refine((v) => Date.parse(`${v}T00:00:00Z`) <= Date.now(), "The date cannot be in the future.");

/** What an observation is of: who, when, where, what kind of process, which rubric. */
export const ObservationHeader = z.object({
  officerId: z.string().min(1, "Choose the officer you observed."),
  observedOn: day,
  setting: z.enum(OBSERVATION_SETTINGS, {
    errorMap: () => ({ message: "Choose whether it was a role-play or a real meeting." }),
  }),
  processKind: z.enum(PRACTICUM_KINDS, { errorMap: () => ({ message: "Choose the kind of process." }) }),
  rubric: z.string().min(1, "Choose a rubric."),
  submissionKey: z.string().uuid("The form is incomplete; reload the page."),
});
export type ObservationHeader = z.infer<typeof ObservationHeader>;

export const ObservationResponse = z.object({
  response: z
    .string()
    .trim()
    .min(10, "Write your response in a sentence or more.")
    .max(4000, "Keep your response under 4,000 characters."),
});

export const levelField = (criterionId: string) => `level-${criterionId}`;
export const evidenceField = (criterionId: string) => `evidence-${criterionId}`;

export interface CriterionLevel {
  criterionId: string;
  criterionTitle: string;
  competency: string;
  level: Level;
  evidence: string;
}

export interface Scoring {
  levels: CriterionLevel[];
  overall: Level;
  comment: string;
}

type Parsed = { ok: true; value: Scoring } | { ok: false; errors: Record<string, string> };

/** Every criterion needs a level and evidence notes; the overall judgement needs a comment. */
export function parseScoring(
  criteria: readonly Pick<RubricCriterion, "id" | "title" | "competency">[],
  raw: Record<string, unknown>,
): Parsed {
  const errors: Record<string, string> = {};
  const levels: CriterionLevel[] = [];
  for (const c of criteria) {
    const level = raw[levelField(c.id)];
    const evidence = typeof raw[evidenceField(c.id)] === "string" ? (raw[evidenceField(c.id)] as string).trim() : "";
    if (!isLevel(level)) errors[levelField(c.id)] = `${c.title}: choose a level.`;
    if (evidence.length < EVIDENCE_MIN)
      errors[evidenceField(c.id)] = `${c.title}: write the evidence you saw (at least ${EVIDENCE_MIN} characters).`;
    else if (evidence.length > 2000)
      errors[evidenceField(c.id)] = `${c.title}: keep the evidence notes under 2,000 characters.`;
    if (isLevel(level) && !errors[evidenceField(c.id)])
      levels.push({ criterionId: c.id, criterionTitle: c.title, competency: c.competency, level, evidence });
  }
  const overall = raw.overall;
  const comment = typeof raw.comment === "string" ? raw.comment.trim() : "";
  if (!isLevel(overall)) errors.overall = "Choose an overall judgement.";
  if (comment.length < EVIDENCE_MIN) errors.comment = "Write a comment on the overall judgement (a sentence or more).";
  else if (comment.length > 4000) errors.comment = "Keep the comment under 4,000 characters.";
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { levels, overall: overall as Level, comment } };
}

/** How the viewer stands to one observation; computed by the server from scope and the stored scorings. */
export interface ViewerStanding {
  isOfficer: boolean;
  /** holds observations:record and the officer is in their scope */
  mayAssess: boolean;
  /** supervises the officer's unit, or is an admin of the agency */
  mayRead: boolean;
  hasScored: boolean;
  scoringCount: number;
  /** the rubric's text is still the one the observation was scored against */
  rubricUnchanged: boolean;
  hasResponse: boolean;
}

export interface Access {
  visible: boolean;
  /** may add the independent second scoring */
  canScore: boolean;
  /** sees levels, evidence, judgements, comments and the officer's response */
  scoresShown: boolean;
  canRespond: boolean;
}

/**
 * Who sees what (docs/decisions/0161-blind-second-scoring.md). An assessor who may still add the second
 * scoring sees none of the first one, nor the officer's response (which may quote it), until theirs is saved.
 */
export function observationAccess(v: ViewerStanding): Access {
  const visible = v.isOfficer || v.mayAssess || v.mayRead;
  const canScore = !v.isOfficer && v.mayAssess && !v.hasScored && v.scoringCount < MAX_SCORINGS && v.rubricUnchanged;
  return { visible, canScore, scoresShown: visible && !canScore, canRespond: v.isOfficer && !v.hasResponse };
}

export interface CriterionComparison {
  criterionId: string;
  criterionTitle: string;
  levels: [Level, Level];
  /** levels apart: 0 is the same level */
  distance: number;
}

/** Criterion by criterion, how far apart two scorings of the same observation are. */
export function compareScorings(
  first: readonly CriterionLevel[],
  second: readonly CriterionLevel[],
): CriterionComparison[] {
  const other = new Map(second.map((c) => [c.criterionId, c]));
  return first.flatMap((c) => {
    const match = other.get(c.criterionId);
    if (!match) return [];
    return [
      {
        criterionId: c.criterionId,
        criterionTitle: c.criterionTitle,
        levels: [c.level, match.level],
        distance: Math.abs(levelRank(c.level) - levelRank(match.level)),
      },
    ];
  });
}

export function describeDistance(distance: number): string {
  return distance === 0 ? "Same level" : `${distance} level${distance === 1 ? "" : "s"} apart`;
}

/** An observation as a program requirement sees it. */
export interface ObservationEvidence {
  id: string;
  observedOn: Date;
  setting: ObservationSetting;
  processKind: PracticumKind;
  rubricSlug: string;
  /** per criterion, the lower level where two assessors differ: disagreement never raises a level */
  settledLevels: Record<string, Level>;
  scoringCount: number;
  respondedAt: Date | null;
}

export interface ObservationStandard {
  minLevel: Level;
  rubricSlug?: string;
  processKinds?: readonly PracticumKind[];
  setting?: ObservationSetting;
  /** 2: only observations a second assessor has scored count */
  minScorings?: number;
}

/** The per-criterion levels an observation settles on: the lowest any of its scorings gave. */
export function settledLevels(
  scorings: readonly (readonly Pick<CriterionLevel, "criterionId" | "level">[])[],
): Record<string, Level> {
  const settled: Record<string, Level> = {};
  for (const scoring of scorings) {
    for (const c of scoring) {
      const current = settled[c.criterionId];
      if (current === undefined || levelRank(c.level) < levelRank(current)) settled[c.criterionId] = c.level;
    }
  }
  return settled;
}

/** "Has an observation of kind K with every criterion at `minLevel` or above?" */
export function observationMeets(o: ObservationEvidence, standard: ObservationStandard): boolean {
  const levels = Object.values(o.settledLevels);
  return (
    (!standard.rubricSlug || o.rubricSlug === standard.rubricSlug) &&
    (!standard.processKinds || standard.processKinds.includes(o.processKind)) &&
    (!standard.setting || o.setting === standard.setting) &&
    o.scoringCount >= (standard.minScorings ?? 1) &&
    levels.length > 0 &&
    levels.every((level) => levelRank(level) >= levelRank(standard.minLevel))
  );
}

export function levelLabel(level: string): string {
  return isLevel(level) ? LEVEL_LABELS[level] : level;
}

export { LEVELS, LEVEL_LABELS };
