// Twine (Twee 3) to a scenario draft: passages become nodes, links become choices. Nothing of the story runs:
// extwee's Twee parser only splits text, no story format is loaded, and macros and scripts are kept as text in a
// list of what the author must rewrite. Pure, so tests call it; importTwineDraft makes the draft.
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { parseTwee } from "extwee";
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
} as const;

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
// SugarCube/Harlowe/Chapbook-style code, kept only as text: <<macro>>, (macro: ...), {embed ...}
const MACRO = /<<[\s\S]*?>>|\([a-z][a-z0-9-]*:[^)]*\)/gi;

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
    throw new DomainError("invalid", "This is not a Twee 3 file: no passage starts with `::`.", { field: "twee" });
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

/** The scenario draft a Twee 3 story becomes, with the list of what it still needs. */
export function importTwee(text: string): TwineImport {
  checkBounds(text);
  let story: ReturnType<typeof parseTwee>;
  try {
    story = parseTwee(text.replace(/\r\n?/g, "\n"));
  } catch (error) {
    throw new DomainError("invalid", `This Twee file could not be read: ${(error as Error).message}`, {
      field: "twee",
    });
  }
  const passages = story.passages.filter((p) => p.name !== "StoryInit" && !p.tags.includes("widget"));
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
  const handler = unstable_createMemoryUploadHandler({ maxPartSize: TWINE_LIMITS.bytes });
  const form = await unstable_parseMultipartFormData(request, handler).catch((error: unknown) => {
    const message =
      error instanceof MaxPartSizeExceededError
        ? `This Twee file is over ${TWINE_LIMITS.bytes / 1000} kB, the most imported.`
        : "The upload could not be read. Try again.";
    throw new DomainError("invalid", message, { field: "twee" });
  });
  const file = form.get("twee");
  if (!file || typeof file === "string" || file.size === 0)
    throw new DomainError("invalid", "Choose a Twee 3 file (.twee) to import.", { field: "twee" });
  const text = new TextDecoder("utf-8", { fatal: false }).decode(await file.arrayBuffer());
  if (text.includes("\u0000")) throw new DomainError("invalid", "This is not a text file.", { field: "twee" });
  return text;
}

/** A new scenario draft of the user's agency from a Twee 3 story; audited. Returns the draft's id. */
export async function importTwineDraft(user: SessionUser, text: string): Promise<string> {
  const imported = importTwee(text);
  const draft = await createDraft(user, "scenario", { source: imported.source });
  await recordAudit(prisma, {
    actorId: user.id,
    action: "studio.twine_imported",
    subjectId: draft.id,
    after: { draft: imported.title, nodes: imported.nodeCount, todo: imported.todo.length },
  });
  return draft.id;
}
