// Twine (a Twee 3 file, or a Twine 2 published story or library archive in HTML) to a scenario draft: passages
// become nodes, links become choices. Nothing of the story runs: extwee's parsers only split text and read the
// <tw-storydata> markup (no story format is loaded, no script element is run), and they run in a short-lived
// worker thread with a time and memory limit, so a crafted file costs only its own import. Macros and scripts are
// kept as text in a list of what the author must rewrite. importTwineDraft makes the draft (decision 0440).
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { stringify } from "yaml";
import { recordAudit } from "../audit/audit.server";
import type { SessionUser } from "../auth/roles";
import { LIMITS } from "../content/limits";
import { prisma } from "../db/db.server";
import { DomainError } from "../errors";
import { createDraft } from "./drafts.server";

export const TWINE_LIMITS = {
  /** bytes of a Twee file */
  bytes: 200_000,
  /** passages (each becomes a node) */
  passages: LIMITS.nodes,
  /** characters of a passage header line (the parser's header reading is quadratic in it) */
  headerChars: 300,
  /** bytes of a Twine 2 HTML file: a published story carries its story format's engine (a few hundred kB) */
  htmlBytes: 2_000_000,
  /** stories in one Twine 2 library archive */
  stories: 20,
  /** how long reading one file may take in its worker, start-up included */
  parseMs: 10_000,
  /** the worker's heap */
  memoryMb: 128,
  /** imports read at the same time; more are asked to try again */
  parallel: 2,
} as const;

/** A story as the parsers give it, in plain data (what crosses from the worker). */
export interface ParsedStory {
  name: string;
  start: string;
  storyJavaScript: string;
  passages: { name: string; tags: string[]; text: string }[];
}

export interface TwineImport {
  title: string;
  source: string;
  /** what the author must still add, in order of the nodes */
  todo: string[];
  nodeCount: number;
}

interface Link {
  text: string;
  target: string;
}

// [[text]], [[text|target]], [[text->target]], [[target<-text]]
const LINK = /\[\[([^\]]+?)\]\]/g;
// Code, kept only as text: <script> elements, SugarCube <<macro>>, Harlowe (macro: ...)
const MACRO = /<script\b[\s\S]*?<\/script\s*>|<<[\s\S]*?>>|\([a-z][a-z0-9-]*:[^)]*\)/gi;

function linkOf(inner: string): Link {
  if (inner.includes("|")) {
    const [text, target] = inner.split("|", 2) as [string, string];
    return { text: text.trim(), target: target.trim() };
  }
  if (inner.includes("->")) {
    const i = inner.lastIndexOf("->");
    return { text: inner.slice(0, i).trim(), target: inner.slice(i + 2).trim() };
  }
  if (inner.includes("<-")) {
    const i = inner.indexOf("<-");
    return { text: inner.slice(i + 2).trim(), target: inner.slice(0, i).trim() };
  }
  return { text: inner.trim(), target: inner.trim() };
}

function slugOf(name: string, taken: Set<string>): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .replace(/^(?=[0-9])/, "p-")
      .slice(0, 40) || "passage";
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** Refuses what would cost too much before the parser sees it. */
function checkBounds(text: string) {
  if (Buffer.byteLength(text) > TWINE_LIMITS.bytes)
    throw new DomainError("invalid", `This Twee file is over ${TWINE_LIMITS.bytes / 1000} kB, the most imported.`, {
      field: "twee",
    });
  const headers = text.split("\n").filter((l) => l.startsWith("::"));
  if (!headers.length)
    throw new DomainError(
      "invalid",
      "This is not a Twee 3 file (no passage starts with `::`) nor a Twine 2 story in HTML (no <tw-storydata>).",
      { field: "twee" },
    );
  const long = headers.findIndex((h) => h.length > TWINE_LIMITS.headerChars);
  if (long >= 0)
    throw new DomainError(
      "invalid",
      `Passage header ${long + 1} is longer than ${TWINE_LIMITS.headerChars} characters.`,
      {
        field: "twee",
      },
    );
  if (headers.length > TWINE_LIMITS.passages + 3)
    throw new DomainError(
      "invalid",
      `This story has ${headers.length} passages; at most ${TWINE_LIMITS.passages} are imported.`,
      {
        field: "twee",
      },
    );
}

const TWINE_HTML = /<tw-storydata[\s>]/i;

/** Refuses a Twine 2 HTML file that would cost too much before the parser sees it. */
function checkHtmlBounds(text: string) {
  const invalid = (message: string) => new DomainError("invalid", message, { field: "twee" });
  if (Buffer.byteLength(text) > TWINE_LIMITS.htmlBytes)
    throw invalid(`This Twine 2 file is over ${TWINE_LIMITS.htmlBytes / 1_000_000} MB, the most imported.`);
  const stories = text.match(/<tw-storydata[\s>]/gi)?.length ?? 0;
  if (stories > TWINE_LIMITS.stories)
    throw invalid(`This archive holds ${stories} stories; at most ${TWINE_LIMITS.stories} are read. Archive fewer.`);
  const passages = text.match(/<tw-passagedata[\s>]/gi)?.length ?? 0;
  if (passages > TWINE_LIMITS.passages * Math.max(stories, 1) || passages > TWINE_LIMITS.passages * 4)
    throw invalid(`This file has ${passages} passages; at most ${TWINE_LIMITS.passages} are imported from a story.`);
}

/** The scenario draft a Twee 3 file or a Twine 2 HTML story becomes, with the list of what it still needs. */
export async function importTwine(text: string): Promise<TwineImport> {
  if (TWINE_HTML.test(text)) {
    checkHtmlBounds(text);
    const stories = await parseOffThread("html", text);
    const story = stories[0];
    if (!story) throw new DomainError("invalid", "This file holds no Twine 2 story.", { field: "twee" });
    if (story.passages.length > TWINE_LIMITS.passages + 3)
      throw new DomainError(
        "invalid",
        `This story has ${story.passages.length} passages; at most ${TWINE_LIMITS.passages} are imported.`,
        { field: "twee" },
      );
    const others = stories.slice(1).map((s) => `"${s.name}"`);
    return storyToDraft(
      story,
      others.length
        ? [
            `The archive holds ${stories.length} stories; only the first, "${story.name}", was imported (not ${others.join(", ")}).`,
          ]
        : [],
    );
  }
  checkBounds(text);
  const [story] = await parseOffThread("twee", text.replace(/\r\n?/g, "\n"));
  return storyToDraft(story!, []);
}

function storyToDraft(story: ParsedStory, notes: string[]): TwineImport {
  const passages = story.passages.filter(
    (p) => p.name !== "StoryInit" && !p.tags.some((t) => t === "widget" || t === "script" || t === "stylesheet"),
  );
  if (!passages.length) throw new DomainError("invalid", "This story has no passages to import.", { field: "twee" });
  const taken = new Set<string>();
  const ids = new Map(passages.map((p) => [p.name, slugOf(p.name, taken)]));
  const todo: string[] = [];
  const nodes: Record<string, unknown> = {};
  for (const passage of passages) {
    const id = ids.get(passage.name)!;
    const links = [...passage.text.matchAll(LINK)].map((m) => linkOf(m[1]!));
    const macros = passage.text.match(MACRO) ?? [];
    const narration = passage.text
      .replace(LINK, "")
      .replace(MACRO, "")
      .replace(/\n{3,}/g, "\n\n")
      .trim();
    if (macros.length)
      todo.push(
        `Node ${id}: rewrite as effects or conditions (not run): ${macros.map((m) => m.replace(/\s+/g, " ")).join(" ")}`,
      );
    if (!narration) todo.push(`Node ${id}: write its narration.`);
    for (const link of links)
      if (!ids.has(link.target))
        todo.push(`Node ${id}: the link "${link.text}" leads to "${link.target}", which is not a passage.`);
    nodes[id] = links.length ? decision(id, narration, links, ids, todo) : ending(id, narration, todo);
  }
  if (story.storyJavaScript.trim())
    todo.push(
      `The story's script passage is not imported (nothing of it runs): ${story.storyJavaScript.trim().replace(/\s+/g, " ").slice(0, 300)}`,
    );
  const title = (story.name || "Imported from Twine").trim().slice(0, 120);
  const start = ids.get(story.start) ?? ids.get("Start") ?? ids.get(passages[0]!.name)!;
  todo.unshift(
    "Name the participants and their meters (two placeholders are set), and give each choice its effects and scores.",
    ...notes,
  );
  return { title, todo, nodeCount: passages.length, source: draftYaml(title, start, nodes, todo) };
}

function decision(id: string, narration: string, links: Link[], ids: Map<string, string>, todo: string[]) {
  if (links.length < 2) todo.push(`Node ${id}: a decision needs at least two choices; it has ${links.length}.`);
  todo.push(`Node ${id}: write feedback for each choice (now "To write").`);
  return {
    narration: narration || "To write.",
    choices: links.map((link, i) => ({
      id: `choice-${i + 1}`,
      text: link.text,
      feedback: "To write.",
      next: ids.get(link.target) ?? slugOf(link.target, new Set()),
    })),
  };
}

function ending(id: string, narration: string, todo: string[]) {
  todo.push(`Node ${id}: an ending; write its outcome and debrief, and say whether it is a success.`);
  return {
    narration: narration || "To write.",
    ending: { outcome: "To write.", success: false, debrief: "To write." },
  };
}

function draftYaml(title: string, start: string, nodes: Record<string, unknown>, todo: string[]): string {
  const slug = slugOf(title, new Set());
  const participant = (pid: string, name: string) => ({
    id: pid,
    name,
    role: "to write",
    description: "To write.",
    initial: { trust: 50 },
  });
  const document = {
    slug,
    title,
    summary: "Imported from Twine: to write.",
    setting: "To write.",
    estimatedMinutes: 15,
    passMark: 70,
    competencies: ["empathy", "process"],
    contentNotes: [],
    meters: ["trust"],
    participants: [
      participant("participant-one", "Participant one"),
      participant("participant-two", "Participant two"),
    ],
    start,
    nodes,
  };
  const header = ["Imported from Twine. Still to do:", ...todo.map((t) => `- ${t}`)]
    .map((line) => `# ${line.replace(/\n/g, " ")}`)
    .join("\n");
  return `${header}\n${stringify(document, { lineWidth: 0 })}`;
}

/** The Twee file of the studio's import form, read with its byte limit. */
export async function readTweeUpload(request: Request): Promise<string> {
  // The larger limit (a Twine 2 HTML file); a Twee file's own limit is checked once its kind is known.
  const handler = unstable_createMemoryUploadHandler({ maxPartSize: TWINE_LIMITS.htmlBytes });
  const form = await unstable_parseMultipartFormData(request, handler).catch((error: unknown) => {
    const message =
      error instanceof MaxPartSizeExceededError
        ? `This file is over ${TWINE_LIMITS.htmlBytes / 1_000_000} MB, the most imported (a Twee file: ${TWINE_LIMITS.bytes / 1000} kB).`
        : "The upload could not be read. Try again.";
    throw new DomainError("invalid", message, { field: "twee" });
  });
  const file = form.get("twee");
  if (!file || typeof file === "string" || file.size === 0)
    throw new DomainError("invalid", "Choose a Twee 3 file (.twee) or a Twine 2 HTML file (.html) to import.", {
      field: "twee",
    });
  const text = new TextDecoder("utf-8", { fatal: false }).decode(await file.arrayBuffer());
  if (text.includes("\u0000")) throw new DomainError("invalid", "This is not a text file.", { field: "twee" });
  return text;
}

/** A new scenario draft of the user's agency from a Twine story; audited. Returns the draft's id. */
export async function importTwineDraft(user: SessionUser, text: string): Promise<string> {
  const imported = await importTwine(text);
  const draft = await createDraft(user, "scenario", { source: imported.source });
  await recordAudit(prisma, {
    actorId: user.id,
    action: "studio.twine_imported",
    subjectId: draft.id,
    after: { draft: imported.title, nodes: imported.nodeCount, todo: imported.todo.length },
  });
  return draft.id;
}

// ------------------------------------------------------------------------------------------- the parser's thread
// A worker per import (imports are rare): it loads extwee, parses, answers with plain data and is terminated. It is
// given only the text; a parse that runs over the time or memory limit ends the worker, not the server.
const WORKER_CODE = `
const { parentPort, workerData } = require("node:worker_threads");
console.warn = () => {};
import(workerData.extwee)
  .then((extwee) => {
    const stories = workerData.kind === "html" ? extwee.parseTwine2ArchiveHTML(workerData.text) : [extwee.parseTwee(workerData.text)];
    parentPort.postMessage({
      ok: true,
      stories: stories.map((s) => ({
        name: String(s.name || ""),
        start: String(s.start || ""),
        storyJavaScript: String(s.storyJavaScript || ""),
        passages: s.passages.map((p) => ({ name: String(p.name), tags: p.tags.map(String), text: String(p.text) })),
      })),
    });
  })
  .catch((error) => parentPort.postMessage({ ok: false, message: String((error && error.message) || error) }));
`;

let reading = 0;

function extweeUrl(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve("extwee")).href;
}

/** Parses a Twee 3 text or a Twine 2 HTML text in a worker thread, within TWINE_LIMITS' time and memory. */
export async function parseOffThread(
  kind: "twee" | "html",
  text: string,
  timeoutMs: number = TWINE_LIMITS.parseMs,
): Promise<ParsedStory[]> {
  if (reading >= TWINE_LIMITS.parallel)
    throw new DomainError("busy", "Other Twine imports are being read; try again in a few seconds.");
  reading += 1;
  const what = kind === "html" ? "Twine 2 file" : "Twee file";
  try {
    return await new Promise<ParsedStory[]>((resolve, reject) => {
      const worker = new Worker(WORKER_CODE, {
        eval: true,
        workerData: { kind, text, extwee: extweeUrl() },
        resourceLimits: { maxOldGenerationSizeMb: TWINE_LIMITS.memoryMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
        stdout: true,
        stderr: true,
      });
      const refuse = (message: string) => {
        clearTimeout(timer);
        void worker.terminate();
        reject(new DomainError("invalid", message, { field: "twee" }));
      };
      const timer = setTimeout(
        () => refuse(`Reading this ${what} took over ${timeoutMs / 1000} seconds; it was stopped.`),
        timeoutMs,
      );
      worker.once("message", (answer: { ok: true; stories: ParsedStory[] } | { ok: false; message: string }) => {
        if (!answer.ok) return refuse(`This ${what} could not be read: ${answer.message}`);
        clearTimeout(timer);
        void worker.terminate();
        resolve(answer.stories);
      });
      worker.once("error", (error) => refuse(`This ${what} could not be read: ${error.message}`));
    });
  } finally {
    reading -= 1;
  }
}
