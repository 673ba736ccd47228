// Builds xAPI 1.0.3 statements for what happens in Circlekeeper. Pure: the outbox (outbox.server.ts) stores
// them in the event's transaction. The actor is the person's account at this deployment, never their e-mail.
import { ACTIVITY_TYPES, extensionIri, VERBS, type VerbName } from "./profile";

export type XapiEvent =
  | { kind: "module_opened"; moduleSlug: string }
  | { kind: "module_completed"; moduleSlug: string }
  | { kind: "check_answered"; moduleSlug: string; response: string; score: number; passed: boolean }
  | { kind: "attempt_launched"; scenarioSlug: string; attemptId: string; mode: string }
  | {
      kind: "choice";
      scenarioSlug: string;
      attemptId: string;
      nodeId: string;
      options: { id: string; text: string }[];
      choiceId: string;
      meterChanges: Record<string, Record<string, number>>;
      competencyPoints: Record<string, number>;
    }
  | {
      kind: "attempt_completed";
      scenarioSlug: string;
      attemptId: string;
      mode: string;
      score: number;
      passed: boolean;
      competencyScores: Record<string, number>;
    }
  | { kind: "observation_recorded"; observationId: string; rubricSlug: string }
  | {
      kind: "certification";
      verb: "earned" | "renewed" | "expired" | "revoked";
      programSlug: string;
      validUntil: Date | null;
    };

export interface StatementFrame {
  base: string;
  /** the person's account id: the statement's actor */
  userId: string;
  timestamp: Date;
  /** one id per statement, in order: a builder may make more than one statement for an event */
  newId: () => string;
}

type Statement = Record<string, unknown> & { id: string; verb: { id: string } };

function verb(base: string, name: VerbName) {
  return { id: VERBS[name].id(base), display: { "en-US": VERBS[name].display } };
}

function activity(id: string, type: string, name: string, extra: Record<string, unknown> = {}) {
  return { objectType: "Activity", id, definition: { type, name: { "en-US": name }, ...extra } };
}

function scaled(percent: number): number {
  return Math.round(Math.max(0, Math.min(100, percent)) * 100) / 10_000;
}

function make(frame: StatementFrame, name: VerbName, object: unknown, rest: Record<string, unknown> = {}): Statement {
  return {
    id: frame.newId(),
    actor: { objectType: "Agent", account: { homePage: frame.base, name: frame.userId } },
    verb: verb(frame.base, name),
    object,
    timestamp: frame.timestamp.toISOString(),
    version: "1.0.3",
    ...rest,
  };
}

function parentContext(id: string, type: string) {
  return { contextActivities: { parent: [{ objectType: "Activity", id, definition: { type } }] } };
}

/** The statements an event makes, in order (a graded check or finished attempt adds passed/failed). */
export function statementsFor(frame: StatementFrame, event: XapiEvent): Statement[] {
  const { base } = frame;
  switch (event.kind) {
    case "module_opened":
    case "module_completed": {
      const module = activity(
        `${base}/modules/${event.moduleSlug}`,
        ACTIVITY_TYPES.module.id,
        `Module ${event.moduleSlug}`,
      );
      return [
        make(
          frame,
          event.kind === "module_opened" ? "opened" : "completed",
          module,
          event.kind === "module_completed" ? { result: { completion: true } } : {},
        ),
      ];
    }
    case "check_answered": {
      const check = activity(
        `${base}/modules/${event.moduleSlug}/check`,
        ACTIVITY_TYPES.assessment.id,
        `Knowledge check of ${event.moduleSlug}`,
      );
      const context = parentContext(`${base}/modules/${event.moduleSlug}`, ACTIVITY_TYPES.module.id);
      const score = { scaled: scaled(event.score), raw: event.score, min: 0, max: 100 };
      return [
        make(frame, "answered", check, { result: { response: event.response, score, completion: true }, context }),
        make(frame, event.passed ? "passed" : "failed", check, {
          result: { score, success: event.passed, completion: true },
          context,
        }),
      ];
    }
    case "attempt_launched":
      return [
        make(frame, "launched", attemptActivity(base, event), {
          context: attemptContext(base, event.scenarioSlug, event.mode),
        }),
      ];
    case "choice": {
      const decision = activity(
        `${base}/scenarios/${event.scenarioSlug}/nodes/${event.nodeId}`,
        ACTIVITY_TYPES.interaction.id,
        `Decision ${event.nodeId}`,
        {
          interactionType: "choice",
          choices: event.options.map((option) => ({ id: option.id, description: { "en-US": option.text } })),
        },
      );
      const result = {
        response: event.choiceId,
        extensions: {
          [extensionIri(base, "meterChanges")]: event.meterChanges,
          [extensionIri(base, "competencyPoints")]: event.competencyPoints,
        },
      };
      const context = parentContext(
        `${base}/scenarios/${event.scenarioSlug}/attempts/${event.attemptId}`,
        ACTIVITY_TYPES.attempt.id,
      );
      return [make(frame, "answered", decision, { result, context })];
    }
    case "attempt_completed": {
      const object = attemptActivity(base, event);
      const scores = Object.fromEntries(
        Object.entries(event.competencyScores).map(([c, percent]) => [c, scaled(percent)]),
      );
      const result = {
        score: { scaled: scaled(event.score), raw: event.score, min: 0, max: 100 },
        success: event.passed,
        completion: true,
        extensions: { [extensionIri(base, "competencyScores")]: scores },
      };
      const context = attemptContext(base, event.scenarioSlug, event.mode);
      return [
        make(frame, "completed", object, { result, context }),
        make(frame, event.passed ? "passed" : "failed", object, { result, context }),
      ];
    }
    case "observation_recorded": {
      const object = activity(
        `${base}/observations/${event.observationId}`,
        ACTIVITY_TYPES.performance.id,
        "Observed facilitation",
      );
      return [
        make(frame, "observed", object, {
          context: { extensions: { [extensionIri(base, "rubric")]: event.rubricSlug } },
        }),
      ];
    }
    case "certification": {
      const object = activity(
        `${base}/certifications/${event.programSlug}`,
        ACTIVITY_TYPES.certification.id(base),
        `Certification ${event.programSlug}`,
      );
      const extensions = event.validUntil
        ? { [extensionIri(base, "validUntil")]: event.validUntil.toISOString() }
        : undefined;
      return [make(frame, event.verb, object, extensions ? { context: { extensions } } : {})];
    }
  }
}

function attemptActivity(base: string, event: { scenarioSlug: string; attemptId: string }) {
  return activity(
    `${base}/scenarios/${event.scenarioSlug}/attempts/${event.attemptId}`,
    ACTIVITY_TYPES.attempt.id,
    `Attempt at ${event.scenarioSlug}`,
  );
}

function attemptContext(base: string, scenarioSlug: string, mode: string) {
  return {
    ...parentContext(`${base}/scenarios/${scenarioSlug}`, ACTIVITY_TYPES.simulation.id),
    extensions: { [extensionIri(base, "mode")]: mode },
  };
}
