// The visual editor's edits: each takes a scenario draft's YAML text and returns the new text. The edit is made
// on the `yaml` package's Document (so comments and key order inside what changed survive), and only the part
// that changed is written back into the text: one node, or one top-level entry such as `start:`. Everything
// else, folded lines and comments included, stays byte for byte as the trainer wrote it
// (docs/decisions/0340-visual-editor-writes-back-one-node.md). Pure, so it runs in the browser; the rules stay
// in app/scenarios/parse.ts and validate.ts, which check whatever text comes out.
import { Document, isMap, isNode, isScalar, isSeq, Pair, parseDocument, Scalar, YAMLMap, YAMLSeq } from "yaml";
import { DomainError } from "../errors";
import { metersOf, type ScenarioParticipant } from "../scenarios/scenario";

const NODE_KEYS = ["title", "narration", "lines", "choices", "ending"];
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
export interface ScenarioOutline {
  start: string;
  competencies: string[];
  meters: string[];
  participants: { id: string; name: string; meters: string[] }[];
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
      participants: list(raw.participants).map((p) => {
        const participant = record(p);
        return {
          id: str(participant.id),
          name: str(participant.name) || str(participant.id),
          meters: participantMeterIds(meters, participant),
        };
      }),
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

/** A participant's meter ids as the draft's text declares them, by the scenario's one rule (`metersOf`). */
function participantMeterIds(shared: string[], participant: Record<string, unknown>): string[] {
  const own = list(participant.meters).map((m) => (typeof m === "string" ? { id: m } : { id: str(record(m).id) }));
  const id = str(participant.id);
  return metersOf({ meters: shared, participants: [{ id, meters: own } as unknown as ScenarioParticipant] }, id).map(
    (meter) => meter.id,
  );
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
