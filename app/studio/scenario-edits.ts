// The visual editor's edits: each takes a scenario draft's YAML text and returns the new text. The edit is made
// on the `yaml` package's Document (so comments and key order inside what changed survive), and only the part
// that changed is written back into the text: one node, or one top-level entry such as `start:`. Everything
// else, folded lines and comments included, stays byte for byte as the trainer wrote it
// (docs/decisions/0340-visual-editor-writes-back-one-node.md). Pure, so it runs in the browser; the rules stay
// in app/scenarios/parse.ts and validate.ts, which check whatever text comes out.
import { Document, isMap, isNode, isScalar, isSeq, Pair, parseDocument, Scalar, YAMLMap, YAMLSeq } from "yaml";
import { DomainError } from "../errors";
import { parseCondition } from "../scenarios/conditions";
import { meterCaption, metersOf, type ParticipantMeter, type ScenarioParticipant } from "../scenarios/scenario";

const NODE_KEYS = ["title", "narration", "lines", "choices", "ending", "image", "imageAlt"];
const PARTICIPANT_KEYS = ["id", "name", "role", "description", "meters", "initial", "portrait", "portraitAlt"];
const CHOICE_KEYS = ["id", "text", "effects", "scores", "critical", "feedback", "next"];
const ID = /^[a-z][a-z0-9-]*$/;
const ID_RULE = "use lowercase letters, digits and hyphens, starting with a letter";

// ---------------------------------------------------------------------------------------------------------------
// Reading: a tolerant outline of the draft, for the map and the panel (what is wrong is the validator's to say).

export interface OutlineTarget {
  if: string | null;
  goto: string;
}
export interface OutlineChoice {
  id: string;
  text: string;
  effects: Record<string, Record<string, number>>;
  scores: Record<string, number>;
  critical: string | null;
  feedback: string;
  targets: OutlineTarget[];
}
export interface OutlineNode {
  id: string;
  title: string | null;
  narration: string;
  lines: { speaker: string; text: string }[];
  choices: OutlineChoice[];
  ending: { outcome: string; success: boolean; debrief: string } | null;
  /** the node's first and last line in the text, to place the validator's messages */
  firstLine: number;
  lastLine: number;
}
/** A meter only this participant has, as the draft declares it: `start` is its `initial` value (null: none yet). */
export interface OutlineOwnMeter {
  id: string;
  label: string | null;
  start: number | null;
}
export interface OutlineParticipant {
  id: string;
  /** as written ("" when the draft has none yet) */
  name: string;
  role: string;
  description: string;
  /** every meter the participant has, by the scenario's one rule (`metersOf`): shared ones, then its own */
  meters: ParticipantMeter[];
  own: OutlineOwnMeter[];
  portrait: string | null;
  portraitAlt: string | null;
}
export interface ScenarioOutline {
  start: string;
  competencies: string[];
  meters: string[];
  participants: OutlineParticipant[];
  nodes: OutlineNode[];
}

export type OutlineResult = { ok: true; outline: ScenarioOutline } | { ok: false; message: string };

const str = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
const record = (v: unknown): Record<string, unknown> =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const numbers = (v: unknown): Record<string, number> =>
  Object.fromEntries(Object.entries(record(v)).filter((e): e is [string, number] => typeof e[1] === "number"));

/** The draft as the visual editor shows it, or why it cannot (YAML that does not parse, or an alias bomb). */
export function readOutline(text: string): OutlineResult {
  try {
    return outlineOf(text);
  } catch (error) {
    // The yaml package refuses documents whose aliases would expand too far: a message, never a crashed page.
    return { ok: false, message: `The visual editor cannot show this draft: ${(error as Error).message}.` };
  }
}

function outlineOf(text: string): OutlineResult {
  const doc = parseDocument(text, { uniqueKeys: false, schema: "core", merge: false });
  if (doc.errors.length) {
    const line = doc.errors[0]!.linePos?.[0]?.line ?? 1;
    return {
      ok: false,
      message: `The YAML does not parse (line ${line}): fix it in the text to use the visual editor.`,
    };
  }
  const raw = record(doc.toJS({ maxAliasCount: 50 }));
  const lineOf = lineIndex(text);
  const nodesMap = doc.get("nodes", true);
  const nodes: OutlineNode[] = isMap(nodesMap)
    ? nodesMap.items.map((pair) => outlineNode(pair as Pair<Scalar, unknown>, lineOf))
    : [];
  const meters = list(raw.meters).map(str);
  return {
    ok: true,
    outline: {
      start: str(raw.start),
      competencies: list(raw.competencies).map(str),
      meters,
      participants: list(raw.participants).map((p) => outlineParticipant(meters, record(p))),
      nodes,
    },
  };
}

function outlineNode(pair: Pair<Scalar, unknown>, lineOf: (offset: number) => number): OutlineNode {
  const value = pair.value as { toJSON?: () => unknown; range?: [number, number, number] } | null;
  const node = record(value && isMap(value) ? value.toJSON() : null);
  const ending = node.ending === undefined ? null : record(node.ending);
  const end = value?.range?.[1] ?? pair.key?.range?.[1] ?? 0;
  return {
    id: str(pair.key?.value),
    title: typeof node.title === "string" ? node.title : null,
    narration: str(node.narration),
    lines: list(node.lines).map((l) => ({ speaker: str(record(l).speaker), text: str(record(l).text) })),
    choices: list(node.choices).map(outlineChoice),
    ending: ending && {
      outcome: str(ending.outcome),
      success: ending.success === true,
      debrief: str(ending.debrief),
    },
    firstLine: lineOf(pair.key?.range?.[0] ?? 0),
    lastLine: lineOf(Math.max(0, end - 1)),
  };
}

function outlineChoice(raw: unknown): OutlineChoice {
  const c = record(raw);
  const targets =
    typeof c.next === "string"
      ? [{ if: null, goto: c.next }]
      : list(c.next).map((t) => ({
          if: typeof record(t).if === "string" ? str(record(t).if) : null,
          goto: str(record(t).goto),
        }));
  const effects = Object.fromEntries(Object.entries(record(c.effects)).map(([p, m]) => [p, numbers(m)]));
  return {
    id: str(c.id),
    text: str(c.text),
    effects,
    scores: numbers(c.scores),
    critical: typeof c.critical === "string" ? c.critical : null,
    feedback: str(c.feedback),
    targets,
  };
}

/** A participant as the draft's text declares it; its meters by the scenario's one rule (`metersOf`). */
function outlineParticipant(shared: string[], participant: Record<string, unknown>): OutlineParticipant {
  const initial = numbers(participant.initial);
  const own = list(participant.meters).map((m) => {
    const meter = typeof m === "string" ? { id: m } : record(m);
    const id = str(meter.id);
    return { id, label: typeof meter.label === "string" ? meter.label : null, start: initial[id] ?? null };
  });
  const id = str(participant.id);
  const declared = own.map((m) => (m.label ? { id: m.id, label: m.label } : { id: m.id }));
  const scenario = { meters: shared, participants: [{ id, meters: declared } as unknown as ScenarioParticipant] };
  const image = (v: unknown) => (typeof v === "string" ? v : null);
  return {
    id,
    name: str(participant.name),
    role: str(participant.role),
    description: str(participant.description),
    meters: metersOf(scenario, id),
    own,
    portrait: image(participant.portrait),
    portraitAlt: image(participant.portraitAlt),
  };
}

function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Writing: one unit (a node, or a top-level entry) is edited on the Document and spliced back into the text.

function parsed(text: string): Document {
  const doc = parseDocument(text, { uniqueKeys: false, schema: "core", merge: false });
  if (doc.errors.length) throw new DomainError("invalid", "The YAML does not parse: fix it in the text first.");
  sourceTexts.set(doc, text);
  return doc;
}

function nodesOf(doc: Document): YAMLMap {
  const nodes = doc.get("nodes", true);
  if (!isMap(nodes)) throw new DomainError("invalid", "This draft has no `nodes:` map: add one in the text first.");
  return nodes;
}

function pairOf(map: YAMLMap, key: string): Pair<Scalar, unknown> | undefined {
  return map.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair<Scalar, unknown> | undefined;
}

function nodeMap(doc: Document, nodeId: string): YAMLMap {
  const pair = pairOf(nodesOf(doc), nodeId);
  if (!pair || !isMap(pair.value)) throw new DomainError("invalid", `There is no node "${nodeId}".`);
  return pair.value;
}

function choiceMap(doc: Document, nodeId: string, index: number): YAMLMap {
  const choices = nodeMap(doc, nodeId).get("choices", true);
  const choice = isSeq(choices) ? choices.items[index] : undefined;
  if (!isMap(choice)) throw new DomainError("invalid", `Node "${nodeId}" has no choice ${index + 1}.`);
  return choice;
}

/**
 * What an edit did to a document: scalars changed in place on one line (written back alone, so the rest of their
 * node keeps its folds and spacing), or anything more (the node is written back whole).
 */
interface EditTrace {
  patches: { from: number; to: number; text: string }[];
  restructured: boolean;
}
const traces = new WeakMap<Document, EditTrace>();

function traceOf(doc: Document): EditTrace {
  let trace = traces.get(doc);
  if (!trace) traces.set(doc, (trace = { patches: [], restructured: false }));
  return trace;
}

/** Sets `key` in `map`, a new key going where `order` puts it (so a title lands above the narration). */
function setInOrder(doc: Document, map: YAMLMap, key: string, value: unknown, order: readonly string[]): void {
  const node = isNode(value) ? value : doc.createNode(value);
  const current = map.get(key, true);
  if (isScalar(current) && isScalar(node)) {
    const patch = inPlace(doc, current, node.value, map.flow === true);
    // An empty value was quoted only because it was empty.
    if (current.value === "") current.type = undefined;
    current.value = node.value;
    if (patch) traceOf(doc).patches.push(patch);
    else traceOf(doc).restructured = true;
    return;
  }
  traceOf(doc).restructured = true;
  if (current !== undefined) {
    map.set(key, node);
    return;
  }
  const pair = new Pair(new Scalar(key), node);
  const rank = order.indexOf(key);
  const at = map.items.findIndex((p) => order.indexOf(String((p.key as Scalar).value)) > rank);
  if (at < 0) map.items.push(pair);
  else map.items.splice(at, 0, pair);
}

const BLOCK_TYPES = new Set([Scalar.BLOCK_FOLDED, Scalar.BLOCK_LITERAL]);

/** The new value written over the old one's own characters, when both fit on one line. */
function inPlace(doc: Document, scalar: Scalar, value: unknown, inFlow: boolean): EditTrace["patches"][number] | null {
  const source = sourceTexts.get(doc);
  const range = scalar.range;
  if (source === undefined || !range || BLOCK_TYPES.has(scalar.type!)) return null;
  if (source.slice(range[0], range[1]).includes("\n")) return null;
  const single = new Document();
  // Written as plain as YAML allows (quoted only when it must be), like a value typed into the text.
  const holder = single.createNode({ k: value }) as YAMLMap;
  holder.flow = inFlow;
  single.contents = holder as never;
  const out = single.toString({ lineWidth: 0, minContentWidth: 0 }).trim();
  const text = inFlow ? out.slice("{ k: ".length, -" }".length) : out.slice("k: ".length);
  return text.includes("\n") ? null : { from: range[0], to: range[1], text };
}

const sourceTexts = new WeakMap<Document, string>();

function mapAt(map: YAMLMap, key: string): YAMLMap | null {
  const value = map.get(key, true);
  return isMap(value) ? value : null;
}

function seqAt(map: YAMLMap, key: string): YAMLSeq | null {
  const value = map.get(key, true);
  return isSeq(value) ? value : null;
}

/** A flow map (`{ trust: 10 }`), the way the library writes effects and scores. */
function flowMap(doc: Document, value: Record<string, unknown>): YAMLMap {
  const map = doc.createNode(value) as YAMLMap;
  map.flow = true;
  return map;
}

/** Applies `change` to node `nodeId` and writes that node back into the text. */
function editNode(text: string, nodeId: string, change: (doc: Document, node: YAMLMap) => void): string {
  const doc = parsed(text);
  const node = nodeMap(doc, nodeId);
  change(doc, node);
  const trace = traceOf(doc);
  if (trace.patches.length && !trace.restructured)
    return [...trace.patches]
      .sort((a, b) => b.from - a.from)
      .reduce((t, p) => t.slice(0, p.from) + p.text + t.slice(p.to), text);
  const pair = pairOf(nodesOf(doc), nodeId)!;
  return splice(text, unitRange(text, pair), emitPair(doc, pair, columnOf(text, pair.key.range![0])));
}

/** Applies `change` to the whole document and writes the top-level entry `key` back into the text. */
function editTopLevel(text: string, key: string, change: (doc: Document) => void): string {
  const doc = parsed(text);
  change(doc);
  const pair = pairOf(doc.contents as YAMLMap, key);
  if (!pair) throw new DomainError("invalid", `This draft has no \`${key}:\`.`);
  return splice(text, unitRange(text, pair), emitPair(doc, pair, 0));
}

/** From the start of the key's line to the end of the value's last line. */
function unitRange(text: string, pair: Pair<Scalar, unknown>): [number, number] {
  const start = text.lastIndexOf("\n", pair.key.range![0] - 1) + 1;
  const valueEnd = (pair.value as { range?: [number, number, number] } | null)?.range?.[1] ?? pair.key.range![1];
  const newline = text.indexOf("\n", Math.max(start, valueEnd - 1));
  return [start, newline < 0 ? text.length : newline + 1];
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf("\n", offset - 1) + 1);
}

/** One entry as YAML at the given indent; the comment above its key stays where it is, outside the unit. */
function emitPair(doc: Document, pair: Pair<Scalar, unknown>, indent: number): string {
  const single = new Document();
  const map = new YAMLMap();
  map.items.push(new Pair(new Scalar(pair.key.value), pair.value));
  single.contents = map as never;
  const out = single.toString({ lineWidth: 0, minContentWidth: 0 });
  const pad = " ".repeat(indent);
  return out
    .split("\n")
    .map((line) => (line ? pad + line : line))
    .join("\n");
}

function splice(text: string, [start, end]: [number, number], insert: string): string {
  const body = insert.endsWith("\n") ? insert : `${insert}\n`;
  return text.slice(0, start) + body + text.slice(end);
}

function requireId(id: string, what: string): void {
  if (!ID.test(id)) throw new DomainError("invalid", `A ${what} id: ${ID_RULE} ("${id}" is not).`);
}

// --- nodes ---

export type NodeKind = "decision" | "ending";

/** Adds an empty node at the end of `nodes:` (the validator then says what it still needs). */
export function addNode(text: string, nodeId: string, kind: NodeKind): string {
  requireId(nodeId, "node");
  const doc = parsed(text);
  const nodes = nodesOf(doc);
  if (pairOf(nodes, nodeId)) throw new DomainError("invalid", `There is already a node "${nodeId}".`);
  const value =
    kind === "ending"
      ? { narration: "", ending: { outcome: "", success: false, debrief: "" } }
      : { narration: "", choices: [] };
  const pair = new Pair(new Scalar(nodeId), doc.createNode(value));
  const last = nodes.items[nodes.items.length - 1] as Pair<Scalar, unknown> | undefined;
  if (!last) return editTopLevel(text, "nodes", () => nodes.items.push(pair));
  const [, end] = unitRange(text, last);
  const before = text.slice(0, end);
  const joined = before.endsWith("\n") || !before ? before : `${before}\n`;
  return joined + emitPair(doc, pair, columnOf(text, last.key.range![0])) + text.slice(end);
}

/** Removes a node (choices that led to it are left for the trainer to point elsewhere: the validator lists them). */
export function deleteNode(text: string, nodeId: string): string {
  const doc = parsed(text);
  const pair = pairOf(nodesOf(doc), nodeId);
  if (!pair) throw new DomainError("invalid", `There is no node "${nodeId}".`);
  const [start, end] = unitRange(text, pair);
  return text.slice(0, start) + text.slice(end);
}

/** The choices (node and choice ids) that lead to `nodeId`: what deleting it would leave pointing nowhere. */
export function choicesLeadingTo(outline: ScenarioOutline, nodeId: string): string[] {
  return outline.nodes.flatMap((n) =>
    n.choices.filter((c) => c.targets.some((t) => t.goto === nodeId)).map((c) => `${n.id}: ${c.id}`),
  );
}

export function setStart(text: string, nodeId: string): string {
  requireId(nodeId, "node");
  return editTopLevel(text, "start", (doc) => doc.set("start", nodeId));
}

export type NodeTextField = "title" | "narration";

/** Sets a node's title or narration; an empty title is removed (the map then shows the narration's first words). */
export function setNodeText(text: string, nodeId: string, field: NodeTextField, value: string): string {
  return editNode(text, nodeId, (doc, node) => {
    if (field === "title" && !value.trim()) node.delete("title");
    else setInOrder(doc, node, field, value, NODE_KEYS);
  });
}

export function setEnding(
  text: string,
  nodeId: string,
  change: Partial<{ outcome: string; success: boolean; debrief: string }>,
): string {
  return editNode(text, nodeId, (doc, node) => {
    if (!isMap(node.get("ending", true)))
      setInOrder(doc, node, "ending", doc.createNode({ outcome: "", success: false, debrief: "" }), NODE_KEYS);
    const ending = mapAt(node, "ending")!;
    for (const [key, value] of Object.entries(change))
      setInOrder(doc, ending, key, value, ["outcome", "success", "debrief"]);
  });
}

// --- lines ---

export function addLine(text: string, nodeId: string, speaker: string): string {
  return editNode(text, nodeId, (doc, node) => {
    if (!isSeq(node.get("lines", true))) setInOrder(doc, node, "lines", new YAMLSeq(), NODE_KEYS);
    seqAt(node, "lines")!.items.push(doc.createNode({ speaker, text: "" }));
  });
}

export function setLine(
  text: string,
  nodeId: string,
  index: number,
  change: Partial<{ speaker: string; text: string }>,
): string {
  return editNode(text, nodeId, (doc, node) => {
    const line = seqAt(node, "lines")?.items[index];
    if (!isMap(line)) throw new DomainError("invalid", `Node "${nodeId}" has no line ${index + 1}.`);
    for (const [key, value] of Object.entries(change)) setInOrder(doc, line, key, value, ["speaker", "text"]);
  });
}

export function deleteLine(text: string, nodeId: string, index: number): string {
  return editNode(text, nodeId, (_doc, node) => {
    const lines = node.get("lines", true);
    if (!isSeq(lines) || !lines.items[index])
      throw new DomainError("invalid", `Node "${nodeId}" has no line ${index + 1}.`);
    lines.items.splice(index, 1);
    if (!lines.items.length) node.delete("lines");
  });
}

// --- choices ---

/** The first free id `choice-N` in the node. */
export function nextChoiceId(outline: ScenarioOutline, nodeId: string): string {
  const taken = new Set(outline.nodes.find((n) => n.id === nodeId)?.choices.map((c) => c.id));
  let n = taken.size + 1;
  while (taken.has(`choice-${n}`)) n++;
  return `choice-${n}`;
}

/** Adds a choice leading to `target`; an ending node becomes a decision only through the text (it has no choices). */
export function addChoice(text: string, nodeId: string, choiceId: string, target: string): string {
  requireId(choiceId, "choice");
  return editNode(text, nodeId, (doc, node) => {
    if (node.has("ending")) throw new DomainError("invalid", `"${nodeId}" is an ending: endings have no choices.`);
    if (!isSeq(node.get("choices", true))) setInOrder(doc, node, "choices", new YAMLSeq(), NODE_KEYS);
    const choices = seqAt(node, "choices")!;
    if (choices.items.some((c) => isMap(c) && c.get("id") === choiceId))
      throw new DomainError("invalid", `Node "${nodeId}" already has a choice "${choiceId}".`);
    choices.flow = false;
    choices.items.push(doc.createNode({ id: choiceId, text: "", feedback: "", next: target }));
  });
}

export function deleteChoice(text: string, nodeId: string, index: number): string {
  return editNode(text, nodeId, (doc, node) => {
    choiceMap(doc, nodeId, index);
    seqAt(node, "choices")!.items.splice(index, 1);
  });
}

export type ChoiceTextField = "id" | "text" | "feedback" | "critical";

/** Sets a choice's id, text, feedback or critical-error reason; an empty reason makes it an ordinary choice. */
export function setChoiceText(
  text: string,
  nodeId: string,
  index: number,
  field: ChoiceTextField,
  value: string,
): string {
  return editNode(text, nodeId, (doc) => {
    const choice = choiceMap(doc, nodeId, index);
    if (field === "critical" && !value.trim()) choice.delete("critical");
    else setInOrder(doc, choice, field, value, CHOICE_KEYS);
  });
}

/** Where a choice leads: one node, or guarded targets checked in order (the last one without a condition). */
export function setTargets(text: string, nodeId: string, index: number, targets: OutlineTarget[]): string {
  return editNode(text, nodeId, (doc) => {
    const choice = choiceMap(doc, nodeId, index);
    const only = targets.length === 1 && targets[0]!.if === null ? targets[0]!.goto : null;
    const next =
      only !== null
        ? only
        : doc.createNode(targets.map((t) => (t.if === null ? { goto: t.goto } : { if: t.if, goto: t.goto })));
    setInOrder(doc, choice, "next", next, CHOICE_KEYS);
  });
}

/** One meter change for one participant; null removes it (and the participant's entry when it was the last). */
export function setEffect(
  text: string,
  nodeId: string,
  index: number,
  participantId: string,
  meter: string,
  value: number | null,
): string {
  return editNode(text, nodeId, (doc) => {
    const choice = choiceMap(doc, nodeId, index);
    if (!isMap(choice.get("effects", true))) {
      if (value === null) return;
      setInOrder(doc, choice, "effects", flowMap(doc, {}), CHOICE_KEYS);
    }
    const effects = mapAt(choice, "effects")!;
    if (!isMap(effects.get(participantId, true))) {
      if (value === null) return;
      effects.set(participantId, flowMap(doc, {}));
    }
    const changes = mapAt(effects, participantId)!;
    if (value === null) changes.delete(meter);
    else setInOrder(doc, changes, meter, value, []);
    if (!changes.items.length) effects.delete(participantId);
    if (!effects.items.length) choice.delete("effects");
  });
}

/** A choice's points for one competency; null removes them. Which competencies count is the validator's to say. */
export function setScore(
  text: string,
  nodeId: string,
  index: number,
  competency: string,
  value: number | null,
): string {
  requireId(competency, "competency");
  return editNode(text, nodeId, (doc) => {
    const choice = choiceMap(doc, nodeId, index);
    if (!isMap(choice.get("scores", true))) {
      if (value === null) return;
      setInOrder(doc, choice, "scores", flowMap(doc, {}), CHOICE_KEYS);
    }
    const scores = mapAt(choice, "scores")!;
    if (value === null) scores.delete(competency);
    else setInOrder(doc, scores, competency, value, []);
    if (!scores.items.length) choice.delete("scores");
  });
}

/** Sets a node's illustration and its alt text (the image upload writes it; the name is checked by the validator). */
export function setNodeImage(text: string, nodeId: string, ref: string, alt: string): string {
  return editNode(text, nodeId, (doc, node) => {
    setInOrder(doc, node, "image", ref, NODE_KEYS);
    setInOrder(doc, node, "imageAlt", alt, NODE_KEYS);
  });
}

// --- participants and their own meters ---

/** Where the draft uses a participant (or one of its meters): lines it says, effects on it, conditions reading it. */
interface Use {
  place: string;
  what: "line" | "effect" | "condition";
}

function usesOf(outline: ScenarioOutline, participantId: string, meter: string | null): Use[] {
  const uses: Use[] = [];
  for (const node of outline.nodes) {
    if (meter === null)
      node.lines.forEach((line, i) => {
        if (line.speaker === participantId) uses.push({ place: `${node.id}: line ${i + 1}`, what: "line" });
      });
    for (const choice of node.choices) {
      const place = `${node.id}: choice ${choice.id}`;
      const reads = choice.targets.some((t) => {
        const parsed = t.if === null ? null : parseCondition(t.if);
        return parsed?.ok
          ? parsed.condition.some((c) => c.participant === participantId && (meter === null || c.meter === meter))
          : false;
      });
      if (reads) uses.push({ place, what: "condition" });
      const effects = choice.effects[participantId];
      if (effects && (meter === null ? Object.keys(effects).length : effects[meter] !== undefined))
        uses.push({ place, what: "effect" });
    }
  }
  return uses;
}

function refuseWhileUsed(uses: Use[], who: string, pronoun: "them" | "it"): void {
  if (!uses.length) return;
  const said = uses.map((u) =>
    u.what === "line"
      ? `${u.place} is theirs`
      : u.what === "condition"
        ? `${u.place}'s condition reads ${pronoun === "it" ? "it" : "their meters"}`
        : `${u.place} changes ${pronoun === "it" ? "it" : "their meters"}`,
  );
  throw new DomainError(
    "invalid",
    `${who} is still used: ${said.join("; ")}. Change ${uses.length > 1 ? "those" : "that"} first, then remove ${pronoun}.`,
  );
}

function participantsOf(doc: Document): YAMLSeq {
  const participants = doc.get("participants", true);
  if (!isSeq(participants))
    throw new DomainError("invalid", "This draft has no `participants:` list: add one in the text first.");
  return participants;
}

function participantMap(doc: Document, participantId: string): YAMLMap {
  const item = participantsOf(doc).items.find((p) => isMap(p) && p.get("id") === participantId);
  if (!isMap(item)) throw new DomainError("invalid", `There is no participant "${participantId}".`);
  return item;
}

function outlineOrRefuse(text: string): ScenarioOutline {
  const read = readOutline(text);
  if (!read.ok) throw new DomainError("invalid", read.message);
  return read.outline;
}

function participantOf(outline: ScenarioOutline, participantId: string): OutlineParticipant {
  const participant = outline.participants.find((p) => p.id === participantId);
  if (!participant) throw new DomainError("invalid", `There is no participant "${participantId}".`);
  return participant;
}

/** The text range of one item of a block list: from its dash's line to the end of its last line. */
function itemRange(text: string, item: YAMLMap): [number, number] {
  const [from, valueEnd] = item.range!;
  const start = text.lastIndexOf("\n", from - 1) + 1;
  const newline = text.indexOf("\n", Math.max(start, valueEnd - 1));
  return [start, newline < 0 ? text.length : newline + 1];
}

/** One list item as YAML, its dash at `indent`. */
function emitItem(item: YAMLMap, indent: number): string {
  const single = new Document();
  const seq = new YAMLSeq();
  seq.items.push(item);
  single.contents = seq as never;
  const pad = " ".repeat(indent);
  return single
    .toString({ lineWidth: 0, minContentWidth: 0 })
    .split("\n")
    .map((line) => (line ? pad + line : line))
    .join("\n");
}

/** Applies `change` to one participant and writes that participant (only) back into the text. */
function editParticipant(
  text: string,
  participantId: string,
  change: (doc: Document, participant: YAMLMap) => void,
): string {
  const doc = parsed(text);
  if (participantsOf(doc).flow)
    throw new DomainError("invalid", "The participants are written on one line: edit them in the text.");
  const participant = participantMap(doc, participantId);
  const range = itemRange(text, participant);
  change(doc, participant);
  const trace = traceOf(doc);
  if (trace.patches.length && !trace.restructured)
    return [...trace.patches]
      .sort((a, b) => b.from - a.from)
      .reduce((t, p) => t.slice(0, p.from) + p.text + t.slice(p.to), text);
  const dash = text.lastIndexOf("-", participant.range![0]);
  return splice(text, range, emitItem(participant, columnOf(text, dash)));
}

export interface NewParticipant {
  id: string;
  name: string;
  role: string;
}

/**
 * Adds a participant at the end of `participants:`, with every shared meter starting at 50 and an empty
 * description (the validator asks for it).
 */
export function addParticipant(text: string, { id, name, role }: NewParticipant): string {
  requireId(id, "participant");
  const outline = outlineOrRefuse(text);
  if (outline.participants.some((p) => p.id === id))
    throw new DomainError("invalid", `There is already a participant "${id}".`);
  const doc = parsed(text);
  const participants = participantsOf(doc);
  const value = doc.createNode({ id, name, role, description: "" }) as YAMLMap;
  value.items.push(
    new Pair(new Scalar("initial"), flowMap(doc, Object.fromEntries(outline.meters.map((m) => [m, 50])))),
  );
  const last = participants.items[participants.items.length - 1];
  if (participants.flow || !isMap(last))
    return editTopLevel(text, "participants", () => {
      participants.flow = false;
      participants.items.push(value);
    });
  const [, end] = itemRange(text, last);
  const dash = text.lastIndexOf("-", last.range![0]);
  return text.slice(0, end) + emitItem(value, columnOf(text, dash)) + text.slice(end);
}

export type ParticipantTextField = "name" | "role" | "description";

export function setParticipantText(
  text: string,
  participantId: string,
  field: ParticipantTextField,
  value: string,
): string {
  return editParticipant(text, participantId, (doc, participant) =>
    setInOrder(doc, participant, field, value, PARTICIPANT_KEYS),
  );
}

/** Removes a participant no line, effect or condition names any more (otherwise says where it is still used). */
export function removeParticipant(text: string, participantId: string): string {
  const participant = participantOf(outlineOrRefuse(text), participantId);
  refuseWhileUsed(
    usesOf(outlineOrRefuse(text), participantId, null),
    `${participant.name || participant.id} (${participant.id})`,
    "them",
  );
  const doc = parsed(text);
  const [start, end] = itemRange(text, participantMap(doc, participantId));
  return text.slice(0, start) + text.slice(end);
}

export interface NewOwnMeter {
  id: string;
  /** how the player names it beside the participant's name; blank: the id */
  label: string;
  /** its value when an attempt starts, 0 to 100 */
  start: number;
}

function requireStart(start: number): void {
  if (!Number.isInteger(start) || start < 0 || start > 100)
    throw new DomainError("invalid", `A meter starts at a whole number from 0 to 100 (${start} is not).`);
}

/** Declares a meter only this participant has, with its start value (its `initial`). */
export function addOwnMeter(text: string, participantId: string, meter: NewOwnMeter): string {
  requireId(meter.id, "meter");
  requireStart(meter.start);
  const participant = participantOf(outlineOrRefuse(text), participantId);
  if (participant.meters.some((m) => m.id === meter.id))
    throw new DomainError("invalid", `${participant.name || participant.id} already has a meter "${meter.id}".`);
  return editParticipant(text, participantId, (doc, map) => {
    if (!isSeq(map.get("meters", true))) setInOrder(doc, map, "meters", new YAMLSeq(), PARTICIPANT_KEYS);
    const label = meter.label.trim();
    seqAt(map, "meters")!.items.push(label ? flowMap(doc, { id: meter.id, label }) : doc.createNode(meter.id));
    if (!isMap(map.get("initial", true))) setInOrder(doc, map, "initial", flowMap(doc, {}), PARTICIPANT_KEYS);
    setInOrder(doc, mapAt(map, "initial")!, meter.id, meter.start, []);
  });
}

function ownMeterIndex(doc: Document, map: YAMLMap, participantId: string, meterId: string): number {
  const meters = seqAt(map, "meters");
  const index = meters
    ? meters.items.findIndex((m) => (isScalar(m) ? m.value === meterId : isMap(m) && m.get("id") === meterId))
    : -1;
  if (index < 0) {
    const shared = doc.get("meters", true);
    throw new DomainError(
      "invalid",
      isSeq(shared) && shared.items.some((m) => isScalar(m) && m.value === meterId)
        ? `"${meterId}" is a shared meter (every participant has it): change it in the text.`
        : `Participant "${participantId}" has no meter of its own "${meterId}".`,
    );
  }
  return index;
}

/** Changes an own meter's label (blank: the id is shown) or its start value. */
export function setOwnMeter(
  text: string,
  participantId: string,
  meterId: string,
  change: Partial<{ label: string; start: number }>,
): string {
  if (change.start !== undefined) requireStart(change.start);
  return editParticipant(text, participantId, (doc, map) => {
    const index = ownMeterIndex(doc, map, participantId, meterId);
    const meters = seqAt(map, "meters")!;
    if (change.label !== undefined) {
      const label = change.label.trim();
      const current = meters.items[index];
      if (isMap(current) && label) setInOrder(doc, current, "label", label, ["id", "label"]);
      else {
        traceOf(doc).restructured = true;
        meters.items[index] = label ? flowMap(doc, { id: meterId, label }) : doc.createNode(meterId);
      }
    }
    if (change.start !== undefined) {
      if (!isMap(map.get("initial", true))) setInOrder(doc, map, "initial", flowMap(doc, {}), PARTICIPANT_KEYS);
      setInOrder(doc, mapAt(map, "initial")!, meterId, change.start, []);
    }
  });
}

/** Removes an own meter (and its start value) that no effect or condition uses (otherwise says where it is used). */
export function removeOwnMeter(text: string, participantId: string, meterId: string): string {
  const outline = outlineOrRefuse(text);
  const participant = participantOf(outline, participantId);
  const meter = participant.meters.find((m) => m.id === meterId);
  if (meter && !meter.shared)
    refuseWhileUsed(
      usesOf(outline, participantId, meterId),
      `${meterCaption(participant.name || participant.id, meter.label).replace(": ", "'s ")} (${meterId})`,
      "it",
    );
  return editParticipant(text, participantId, (doc, map) => {
    const index = ownMeterIndex(doc, map, participantId, meterId);
    const meters = seqAt(map, "meters")!;
    traceOf(doc).restructured = true;
    meters.items.splice(index, 1);
    if (!meters.items.length) map.delete("meters");
    mapAt(map, "initial")?.delete(meterId);
  });
}

/** Sets a participant's portrait and its alt text (the image upload writes it). */
export function setPortrait(text: string, participantId: string, ref: string, alt: string): string {
  return editParticipant(text, participantId, (doc, map) => {
    setInOrder(doc, map, "portrait", ref, PARTICIPANT_KEYS);
    setInOrder(doc, map, "portraitAlt", alt, PARTICIPANT_KEYS);
  });
}
