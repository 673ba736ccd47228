// Reads a scenario file: YAML syntax, then the schema, then every reference inside it.
import type { ContentIssue } from "../content/issues";
import { kB, LIMITS } from "../content/limits";
import { YamlSource } from "../content/yaml-source";
import { parseCondition } from "./conditions";
import { scenarioDocument, type ScenarioDocument } from "./format";
import type { Scenario, ScenarioNodeData, Target } from "./scenario";

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
  const participantIds = new Set<string>();
  doc.participants.forEach((p, index) => {
    if (participantIds.has(p.id))
      source.report("error", ["participants", index, "id"], `participant "${p.id}" is declared twice`);
    participantIds.add(p.id);
    for (const meter of doc.meters) {
      if (p.initial[meter] === undefined)
        source.report("error", ["participants", index, "initial"], `participant "${p.id}" has no initial ${meter}`);
    }
    for (const meter of Object.keys(p.initial)) {
      if (!doc.meters.includes(meter))
        source.report(
          "error",
          ["participants", index, "initial", meter],
          `"${meter}" is not one of the declared meters (${doc.meters.join(", ")})`,
        );
    }
  });
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
        if (!participantIds.has(pid))
          source.report("error", [...cat, "effects", pid], `unknown participant "${pid}" in effects`);
        for (const meter of Object.keys(changes)) {
          if (!doc.meters.includes(meter))
            source.report(
              "error",
              [...cat, "effects", pid, meter],
              `unknown meter "${meter}" (declared: ${doc.meters.join(", ")})`,
            );
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
          else if (!doc.meters.includes(c.meter))
            source.report("error", [...tat, "if"], `unknown meter "${c.meter}" in condition`);
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
