// Reads a scenario file: YAML syntax, then the schema, then every reference inside it.
import type { ContentIssue } from "../content/issues";
import { kB, LIMITS } from "../content/limits";
import { YamlSource, type PathPart } from "../content/yaml-source";
import { parseCondition } from "./conditions";
import { scenarioDocument, type ScenarioDocument } from "./format";
import { hasMeter, metersOf, type Scenario, type ScenarioNodeData, type Target } from "./scenario";

export interface ParsedScenario {
  scenario: Scenario | null;
  issues: ContentIssue[];
  source: YamlSource;
}

export function parseScenario(file: string, text: string): ParsedScenario {
  if (Buffer.byteLength(text) > LIMITS.scenarioBytes) {
    const source = new YamlSource(file, "");
    source.report(
      "error",
      [],
      `this scenario is ${kB(Buffer.byteLength(text))}; at most ${kB(LIMITS.scenarioBytes)}: split it into smaller scenarios`,
    );
    return { scenario: null, issues: source.issues, source };
  }
  const source = new YamlSource(file, text);
  if (!source.ok) return { scenario: null, issues: source.issues, source };
  const raw = source.toJS();
  if (!withinCountLimits(raw, source)) return { scenario: null, issues: source.issues, source };
  const result = scenarioDocument.safeParse(raw);
  if (!result.success) {
    source.reportZod(result.error.issues);
    return { scenario: null, issues: source.issues, source };
  }
  const scenario = normalise(result.data, source, file);
  return {
    scenario: source.issues.some((i) => i.severity === "error") ? null : scenario,
    issues: source.issues,
    source,
  };
}

/** Counts checked before anything else looks at the document, so an oversized one costs nothing more. */
function withinCountLimits(raw: unknown, source: YamlSource): boolean {
  const doc = (raw ?? {}) as { participants?: unknown; nodes?: unknown };
  if (Array.isArray(doc.participants) && doc.participants.length > LIMITS.participants) {
    source.report(
      "error",
      ["participants", LIMITS.participants],
      `${doc.participants.length} participants; a scenario has at most ${LIMITS.participants}`,
    );
  }
  if (doc.nodes && typeof doc.nodes === "object") {
    const ids = Object.keys(doc.nodes);
    if (ids.length > LIMITS.nodes)
      source.report(
        "error",
        ["nodes", ids[LIMITS.nodes]!],
        `${ids.length} nodes; a scenario has at most ${LIMITS.nodes}: split it into smaller scenarios`,
      );
  }
  return source.issues.length === 0;
}

function normalise(doc: ScenarioDocument, source: YamlSource, file: string): Scenario {
  const expectedName = `${doc.slug}.yaml`;
  if (!file.endsWith(expectedName) && !file.startsWith("<")) {
    source.report("error", ["slug"], `slug "${doc.slug}" must match the file name (expected ${expectedName})`);
  }
  const participantIds = checkParticipants(doc, source);
  if (!doc.nodes[doc.start]) source.report("error", ["start"], `start node "${doc.start}" does not exist`);

  const nodes: Record<string, ScenarioNodeData> = {};
  for (const [nodeId, node] of Object.entries(doc.nodes)) {
    const at = ["nodes", nodeId];
    (node.lines ?? []).forEach((line, index) => {
      if (!participantIds.has(line.speaker))
        source.report("error", [...at, "lines", index, "speaker"], `unknown speaker "${line.speaker}"`);
    });
    const seen = new Set<string>();
    const choices = (node.choices ?? []).map((choice, index) => {
      const cat = [...at, "choices", index];
      if (seen.has(choice.id))
        source.report("error", [...cat, "id"], `choice id "${choice.id}" is used twice in node "${nodeId}"`);
      seen.add(choice.id);
      for (const [pid, changes] of Object.entries(choice.effects ?? {})) {
        if (!participantIds.has(pid)) {
          source.report("error", [...cat, "effects", pid], `unknown participant "${pid}" in effects`);
          continue;
        }
        for (const meter of Object.keys(changes)) {
          if (!hasMeter(doc, pid, meter))
            source.report("error", [...cat, "effects", pid, meter], unknownMeter(doc, pid, meter));
        }
      }
      for (const competency of Object.keys(choice.scores ?? {})) {
        if (!doc.competencies.includes(competency as never)) {
          source.report(
            "error",
            [...cat, "scores", competency],
            `competency "${competency}" is not listed in this scenario's competencies`,
          );
        }
      }
      const rawTargets = typeof choice.next === "string" ? [{ goto: choice.next }] : choice.next;
      const targets: Target[] = rawTargets.map((t, ti) => {
        const tat = typeof choice.next === "string" ? [...cat, "next"] : [...cat, "next", ti];
        if (!doc.nodes[t.goto])
          source.report(
            "error",
            typeof choice.next === "string" ? tat : [...tat, "goto"],
            `choice "${choice.id}" leads to unknown node "${t.goto}"`,
          );
        if (t.if === undefined) {
          if (ti !== rawTargets.length - 1)
            source.report("error", tat, "only the last target may have no `if`; the ones after it could never be used");
          return { condition: null, source: null, goto: t.goto };
        }
        const parsed = parseCondition(t.if);
        if (!parsed.ok) {
          source.report("error", [...tat, "if"], parsed.message);
          return { condition: null, source: t.if, goto: t.goto };
        }
        for (const c of parsed.condition) {
          if (!participantIds.has(c.participant))
            source.report("error", [...tat, "if"], `unknown participant "${c.participant}" in condition`);
          else if (!hasMeter(doc, c.participant, c.meter))
            source.report("error", [...tat, "if"], `${unknownMeter(doc, c.participant, c.meter)} in condition`);
        }
        return { condition: parsed.condition, source: t.if, goto: t.goto };
      });
      if (rawTargets[rawTargets.length - 1]?.if !== undefined) {
        source.report(
          "error",
          [...cat, "next"],
          "the last target must have no `if`, so play always has somewhere to go",
        );
      }
      return {
        id: choice.id,
        text: choice.text,
        effects: choice.effects ?? {},
        scores: choice.scores ?? {},
        critical: choice.critical ?? null,
        feedback: choice.feedback,
        targets,
      };
    });
    nodes[nodeId] = {
      id: nodeId,
      title: node.title ?? null,
      image: node.image && node.imageAlt ? { ref: node.image, alt: node.imageAlt } : null,
      narration: node.narration,
      lines: node.lines ?? [],
      choices,
      ending: node.ending ?? null,
    };
  }
  return { ...doc, nodes };
}

/**
 * The participants and their meters (see `metersOf`): ids used once, meter names and labels used once per
 * participant, at most LIMITS.meters each, and an initial value for every meter and nothing else.
 */
function checkParticipants(doc: ScenarioDocument, source: YamlSource): Set<string> {
  doc.meters.forEach((meter, index) => {
    if (doc.meters.indexOf(meter) !== index)
      source.report("error", ["meters", index], `meter "${meter}" is declared twice`);
  });
  if (!doc.meters.length && !doc.participants.some((p) => p.meters?.length))
    source.report("error", ["meters"], "declare at least one meter: shared under `meters`, or a participant's own");
  const participantIds = new Set<string>();
  doc.participants.forEach((p, index) => {
    const at = ["participants", index];
    if (participantIds.has(p.id)) source.report("error", [...at, "id"], `participant "${p.id}" is declared twice`);
    participantIds.add(p.id);
    checkOwnMeters(doc, p, at, source);
    const meters = metersOf(doc, p.id);
    for (const meter of meters) {
      if (p.initial[meter.id] === undefined)
        source.report("error", [...at, "initial"], `participant "${p.id}" has no initial ${meter.id}`);
    }
    for (const meter of Object.keys(p.initial)) {
      if (!meters.some((m) => m.id === meter))
        source.report(
          "error",
          [...at, "initial", meter],
          `"${meter}" is not one of ${p.id}'s meters (${meters.map((m) => m.id).join(", ")})`,
        );
    }
  });
  return participantIds;
}

function checkOwnMeters(
  doc: ScenarioDocument,
  p: ScenarioDocument["participants"][number],
  at: PathPart[],
  source: YamlSource,
): void {
  const own = p.meters ?? [];
  const all = metersOf(doc, p.id);
  if (all.length > LIMITS.meters)
    source.report(
      "error",
      [...at, "meters"],
      `participant "${p.id}" has ${all.length} meters with the shared ones; at most ${LIMITS.meters}: each one multiplies the states to check`,
    );
  own.forEach((meter, index) => {
    const where = [...at, "meters", index];
    if (doc.meters.includes(meter.id))
      source.report("error", where, `"${meter.id}" is a shared meter already: every participant has it`);
    else if (own.findIndex((m) => m.id === meter.id) !== index)
      source.report("error", where, `participant "${p.id}" declares the meter "${meter.id}" twice`);
    const label = (meter.label ?? meter.id).toLowerCase();
    const clash = all.find(
      (m, i) => i < doc.meters.length + index && m.id !== meter.id && m.label.toLowerCase() === label,
    );
    if (clash)
      source.report(
        "error",
        meter.label === undefined ? where : [...where, "label"],
        `the label "${meter.label ?? meter.id}" also names ${p.id}'s meter "${clash.id}": the player could not tell them apart`,
      );
  });
}

/** "unknown meter "voice" for participant "ben" (ben's meters: trust, safety)" */
function unknownMeter(doc: ScenarioDocument, participantId: string, meter: string): string {
  const meters = metersOf(doc, participantId).map((m) => m.id);
  return `unknown meter "${meter}" for participant "${participantId}" (${participantId}'s meters: ${meters.join(", ")})`;
}
