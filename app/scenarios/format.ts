// The scenario document format (content/README.md describes it for trainers).
import { z } from "zod";
import { LIMITS } from "../content/limits";
import { IMAGE_REF, IMAGE_REF_MESSAGE } from "../media/image-rules";

export const COMPETENCIES = ["neutrality", "empathy", "safety", "accountability", "process"] as const;
export type Competency = (typeof COMPETENCIES)[number];

const id = z.string().regex(/^[a-z][a-z0-9-]*$/, "use lowercase letters, digits and hyphens, starting with a letter");
const text = z.string().trim().min(1, "must not be empty");
const meterValue = z.number().int().min(0).max(100);

const imageRef = z.string().regex(IMAGE_REF, IMAGE_REF_MESSAGE);
const altText = text.max(300, "alt text has at most 300 characters: say what matters in the picture");

/** An image needs its alt text, for officers who do not see it (the field is named after the image's). */
function altRequired(imageKey: string, altKey: string) {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
    if (value[imageKey] !== undefined && value[altKey] === undefined)
      ctx.addIssue({
        code: "custom",
        path: [imageKey],
        message: `add \`${altKey}\`: describe the image for officers who cannot see it`,
      });
    if (value[altKey] !== undefined && value[imageKey] === undefined)
      ctx.addIssue({
        code: "custom",
        path: [altKey],
        message: `\`${altKey}\` describes an image: add \`${imageKey}\` or remove it`,
      });
  };
}

const target = z.object({ if: text.optional(), goto: id }).strict();

const choice = z
  .object({
    id,
    text,
    effects: z.record(id, z.record(id, z.number().int().min(-100).max(100))).optional(),
    scores: z.record(z.enum(COMPETENCIES), z.number().int().min(-3).max(3)).optional(),
    critical: text.optional(),
    feedback: text,
    next: z.union([id, z.array(target).min(1)]),
  })
  .strict();

const ending = z.object({ outcome: text, success: z.boolean(), debrief: text }).strict();

const node = z
  .object({
    // A short name for the map (studio only); without one the map shows the narration's first words.
    title: text.max(60, "a node title has at most 60 characters: it names the node on the map").optional(),
    narration: text,
    lines: z.array(z.object({ speaker: id, text }).strict()).optional(),
    choices: z
      .array(choice)
      .min(2, "a decision offers at least 2 choices")
      .max(LIMITS.choicesPerNode, `a decision offers at most ${LIMITS.choicesPerNode} choices`)
      .optional(),
    ending: ending.optional(),
    // An illustration shown above the narration (studio upload; a sha256 name), with its alt text.
    image: imageRef.optional(),
    imageAlt: altText.optional(),
  })
  .strict()
  .superRefine(altRequired("image", "imageAlt"))
  .refine((n) => (n.choices ? !n.ending : !!n.ending), {
    message: "dead end: a node needs either `choices` (a decision) or an `ending`, not both",
  });

/** How the player names a meter beside a participant's name ("Maria's sense of voice"); the id when absent. */
const meterLabel = text.max(40, "a meter label has at most 40 characters: the player shows it beside a name");

/** A meter only this participant has: written as an id, or as an id with a label. */
const ownMeter = z.preprocess(
  (raw) => (typeof raw === "string" ? { id: raw } : raw),
  z.object({ id, label: meterLabel.optional() }).strict(),
);

const participant = z
  .object({
    id,
    name: text,
    role: text,
    description: text,
    meters: z.array(ownMeter).max(LIMITS.meters, `a participant has at most ${LIMITS.meters} meters`).optional(),
    initial: z.record(id, meterValue),
    // A portrait (studio upload; a sha256 name), with its alt text.
    portrait: imageRef.optional(),
    portraitAlt: altText.optional(),
  })
  .strict()
  .superRefine(altRequired("portrait", "portraitAlt"));

export const scenarioDocument = z
  .object({
    slug: id,
    title: text,
    summary: text,
    setting: text,
    estimatedMinutes: z.number().int().positive(),
    passMark: z.number().int().min(1).max(100),
    competencies: z.array(z.enum(COMPETENCIES)).min(1),
    contentNotes: z.array(text).default([]),
    // Shared meters: every participant has each of them (a participant may declare more of its own).
    meters: z
      .array(id)
      .max(LIMITS.meters, `at most ${LIMITS.meters} meters: each one multiplies the states to check`)
      .default([]),
    participants: z.array(participant).min(2, "a scenario has at least two participants besides the facilitator"),
    start: id,
    nodes: z.record(id, node),
  })
  .strict();

export type ScenarioDocument = z.infer<typeof scenarioDocument>;
export type ScenarioNode = ScenarioDocument["nodes"][string];
export type ScenarioChoice = NonNullable<ScenarioNode["choices"]>[number];
export type ScenarioEnding = NonNullable<ScenarioNode["ending"]>;
export type Participant = ScenarioDocument["participants"][number];
export type OwnMeterDeclaration = NonNullable<Participant["meters"]>[number];

/** participant id -> meter -> value */
export type Meters = Record<string, Record<string, number>>;
