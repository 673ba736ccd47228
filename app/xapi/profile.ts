// The vocabulary of Circlekeeper's xAPI statements: verbs, activity types and extensions. Pure: the statement
// builders use it, and /xapi/profile publishes it so an LRS's users can read what each statement means.
// ADL's verbs are used where one fits; Circlekeeper's own live under the deployment's base URL.

const ADL = "http://adlnet.gov/expapi";

export function baseUrl(): string {
  return (process.env.PUBLIC_BASE_URL ?? "http://localhost:3000").replace(/\/$/, "");
}

export const VERBS = {
  opened: {
    id: (base: string) => `${base}/xapi/verbs/opened`,
    display: "opened",
    definition: "Opened a training module to read it.",
  },
  completed: {
    id: () => `${ADL}/verbs/completed`,
    display: "completed",
    definition: "Finished a module or a role-play attempt.",
  },
  answered: {
    id: () => `${ADL}/verbs/answered`,
    display: "answered",
    definition: "Submitted a knowledge check, or made a choice in a role-play.",
  },
  passed: {
    id: () => `${ADL}/verbs/passed`,
    display: "passed",
    definition: "Reached the pass mark of a knowledge check or role-play.",
  },
  failed: {
    id: () => `${ADL}/verbs/failed`,
    display: "failed",
    definition: "Did not reach the pass mark of a knowledge check or role-play.",
  },
  launched: {
    id: () => `${ADL}/verbs/launched`,
    display: "launched",
    definition: "Started a role-play attempt (practice or assessed).",
  },
  observed: {
    id: (base: string) => `${base}/xapi/verbs/observed`,
    display: "was observed",
    definition: "An assessor recorded an observation of the officer facilitating a process.",
  },
  earned: {
    id: (base: string) => `${base}/xapi/verbs/earned`,
    display: "earned",
    definition: "Was certified in a program for the first time, or again after a lapse.",
  },
  renewed: {
    id: (base: string) => `${base}/xapi/verbs/renewed`,
    display: "renewed",
    definition: "Renewed a certification held: its expiry moved later.",
  },
  expired: {
    id: (base: string) => `${base}/xapi/verbs/expired`,
    display: "let expire",
    definition: "A certification reached its expiry date without renewal.",
  },
  revoked: {
    id: (base: string) => `${base}/xapi/verbs/revoked`,
    display: "had revoked",
    definition: "A supervisor revoked the officer's certification.",
  },
} as const;
export type VerbName = keyof typeof VERBS;

export const ACTIVITY_TYPES = {
  module: { id: `${ADL}/activities/module`, definition: "A training module (reading with a knowledge check)." },
  assessment: { id: `${ADL}/activities/assessment`, definition: "A module's knowledge check." },
  simulation: { id: `${ADL}/activities/simulation`, definition: "A role-play scenario." },
  attempt: { id: `${ADL}/activities/attempt`, definition: "One attempt at a role-play scenario." },
  interaction: {
    id: `${ADL}/activities/cmi.interaction`,
    definition: "A decision point in a role-play: a choice interaction.",
  },
  performance: { id: `${ADL}/activities/performance`, definition: "A facilitation observed by an assessor." },
  certification: {
    id: (base: string) => `${base}/xapi/activity-types/certification`,
    definition: "A certification program.",
  },
} as const;

export const EXTENSIONS = {
  meterChanges: {
    path: "meter-changes",
    definition: "What the choice did to the participants' meters: {participant: {meter: change}}.",
  },
  competencyPoints: {
    path: "competency-points",
    definition: "Competency points the choice earned or cost: {competency: points}.",
  },
  competencyScores: {
    path: "competency-scores",
    definition: "Scaled score (0 to 1) per competency for a finished attempt.",
  },
  mode: { path: "attempt-mode", definition: "practice or assessed." },
  validUntil: { path: "valid-until", definition: "The certification's expiry date (ISO 8601)." },
  rubric: { path: "rubric", definition: "The rubric an observation was scored with." },
} as const;
export type ExtensionName = keyof typeof EXTENSIONS;

export function extensionIri(base: string, name: ExtensionName): string {
  return `${base}/xapi/extensions/${EXTENSIONS[name].path}`;
}

/** The published profile document: plain JSON listing every verb, activity type and extension, with meanings. */
export function profileDocument(base = baseUrl()) {
  return {
    id: `${base}/xapi/profile`,
    name: "Circlekeeper xAPI profile",
    xapiVersion: "1.0.3",
    actor:
      "account {homePage: the deployment's base URL, name: the person's Circlekeeper account id}; never an e-mail address",
    verbs: Object.entries(VERBS).map(([name, verb]) => ({
      name,
      id: verb.id(base),
      display: { "en-US": verb.display },
      definition: verb.definition,
    })),
    activityTypes: Object.entries(ACTIVITY_TYPES).map(([name, type]) => ({
      name,
      id: typeof type.id === "string" ? type.id : type.id(base),
      definition: type.definition,
    })),
    extensions: Object.keys(EXTENSIONS).map((name) => ({
      id: extensionIri(base, name as ExtensionName),
      definition: EXTENSIONS[name as ExtensionName].definition,
    })),
    activities: {
      module: `${base}/modules/<slug>`,
      knowledgeCheck: `${base}/modules/<slug>/check`,
      scenario: `${base}/scenarios/<slug>`,
      attempt: `${base}/scenarios/<slug>/attempts/<attempt id>`,
      decision: `${base}/scenarios/<slug>/nodes/<node id>`,
      observation: `${base}/observations/<id>`,
      certification: `${base}/certifications/<program slug>`,
    },
  };
}
