// Importing a Twine story (Twee 3) as a scenario draft, through the studio's action with a real multipart upload.
import fs from "node:fs";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { prisma } from "../../app/db/db.server";
import * as studioRoute from "../../app/routes/studio._index";
import { parseScenario } from "../../app/scenarios/parse";
import { parseOffThread, TWINE_LIMITS } from "../../app/studio/twine-import.server";
import { cookieFor, ORIGIN, runTyped, seedOnce } from "../support/app";

// Creating a draft checks it in the checker's worker: slow on a loaded machine.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 300_000 });

const FIXTURE = fs.readFileSync("tests/fixtures/twine/bike-rack-circle.twee", "utf8");
/** Every script in the fixtures writes this file first: it exists only if something of a story ran, in any thread. */
const RAN_MARKER = "/tmp/circlekeeper-twine-ran";
let trainerCookie: string;

beforeAll(async () => {
  await seedOnce();
  trainerCookie = await cookieFor("trainer@example.org");
});

beforeEach(() => fs.rmSync(RAN_MARKER, { force: true }));

function importRequest(text: string, name = "story.twee", cookie = trainerCookie): Request {
  const form = new FormData();
  form.append("twee", new Blob([text], { type: "text/plain" }), name);
  return new Request(`${ORIGIN}/studio`, { method: "POST", body: form, headers: { Origin: ORIGIN, Cookie: cookie } });
}

describe("importing a Twine story", () => {
  it("turns passages into nodes and links into choices, runs nothing, and lists what is left to write", async () => {
    const drafts = await prisma.draft.count();
    const answer = await runTyped(studioRoute.action, importRequest(FIXTURE));
    expect(answer.status).toBe(302);
    const draftId = /\/studio\/drafts\/(\w+)$/.exec(answer.headers.get("Location") ?? "")?.[1];
    expect(await prisma.draft.count()).toBe(drafts + 1);
    const draft = await prisma.draft.findUniqueOrThrow({ where: { id: draftId } });
    expect(draft.title).toBe("The Bike Rack Circle");

    const { scenario } = parseScenario("<import>", draft.source);
    expect(scenario).not.toBeNull();
    expect(scenario!.start).toBe("arrival");
    const graph = Object.fromEntries(
      Object.values(scenario!.nodes).map((n) => [n.id, n.choices.map((c) => `${c.text} -> ${c.targets[0]!.goto}`)]),
    );
    expect(graph).toEqual({
      arrival: [
        "Ask Riley what happened that afternoon -> riley-speaks",
        "Tell Jordan the consequences first -> warning",
      ],
      "riley-speaks": ["Invite Jordan to respond -> jordan-responds", "Move on to the agreement -> agreement"],
      warning: ["Start again with Riley's story -> riley-speaks", "Keep going -> agreement"],
      "jordan-responds": ["Agreement -> agreement", "Ask what he would do differently -> agreement"],
      agreement: [],
    });
    expect(scenario!.nodes.agreement!.ending).not.toBeNull();

    // Macros and the script are text to rewrite, never run, and never left in what an officer would read.
    expect(fs.existsSync(RAN_MARKER), "a script of the story ran").toBe(false);
    expect(scenario!.nodes.arrival!.narration).not.toContain("<<set");
    expect(scenario!.nodes.warning!.narration).toBe("Jordan folds his arms and stares at the table.");
    const todo = draft.source.split("\n").filter((l) => l.startsWith("# - "));
    expect(todo.join("\n")).toContain("Node arrival: rewrite as effects or conditions (not run): <<set $trust to 50>>");
    expect(todo.join("\n")).toContain("(set: $trust to it - 10)");
    expect(todo.join("\n")).toContain(
      'script passage is not imported (nothing of it runs): process.getBuiltinModule("fs")',
    );
    expect(todo.join("\n")).toContain("Node agreement: an ending; write its outcome and debrief");
    expect(todo.join("\n")).toContain("Node arrival: write feedback for each choice");

    const audit = await prisma.auditEntry.findFirst({ where: { action: "studio.twine_imported", subjectId: draftId } });
    expect(JSON.parse(audit!.after!)).toMatchObject({ draft: "The Bike Rack Circle", nodes: 5 });
  });

  it("refuses what is not a bounded Twee 3 story, with a clear 400, creating nothing", async () => {
    const drafts = await prisma.draft.count();
    const cases: [string, RegExp][] = [
      ["<html><body>not twee</body></html>", /not a Twee 3 file/],
      [":: Start\n" + "x".repeat(TWINE_LIMITS.bytes), /over 200 kB/],
      [`:: ${"long ".repeat(100)}\ntext`, /longer than 300 characters/],
      [
        Array.from({ length: TWINE_LIMITS.passages + 10 }, (_, i) => `:: P${i}\n[[P${i + 1}]]`).join("\n"),
        /at most 200/,
      ],
    ];
    for (const [text, message] of cases) {
      const answer = await runTyped(studioRoute.action, importRequest(text));
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.data)).toMatch(message);
    }
    expect(await prisma.draft.count()).toBe(drafts);
  });

  it("imports a Twine 2 published HTML story: nodes and choices, no script run, scripts reported", async () => {
    const html = fs.readFileSync("tests/fixtures/twine/shed-window-conference.html", "utf8");
    const answer = await runTyped(studioRoute.action, importRequest(html, "shed-window.html"));
    expect(answer.status).toBe(302);
    const draftId = /\/studio\/drafts\/(\w+)$/.exec(answer.headers.get("Location") ?? "")?.[1];
    const draft = await prisma.draft.findUniqueOrThrow({ where: { id: draftId } });
    expect(draft.title).toBe("The Shed Window Conference");
    const { scenario } = parseScenario("<import>", draft.source);
    expect(scenario).not.toBeNull();
    expect(scenario!.start).toBe("opening");
    const graph = Object.fromEntries(
      Object.values(scenario!.nodes).map((n) => [n.id, n.choices.map((c) => `${c.text} -> ${c.targets[0]!.goto}`)]),
    );
    expect(graph).toEqual({
      opening: [
        "Ask Mrs Okafor how the damage affected her -> her-account",
        "Ask Sam to explain himself first -> sam-first",
      ],
      "her-account": ["Invite Sam to respond -> sam-responds", "Move straight to repair -> repair"],
      "sam-first": ["Return to Mrs Okafor -> her-account", "Press him on what happened -> repair"],
      "sam-responds": ["Ask what would put it right -> repair", "Thank him and close -> repair"],
      repair: [],
    });
    // Nothing ran: not the story JavaScript, not a script in a passage, not the engine a published file carries.
    expect(fs.existsSync(RAN_MARKER), "a script of the story ran").toBe(false);
    expect(scenario!.nodes["sam-first"]!.narration).toBe("Sam shrugs. He says it was an accident.");
    const todo = draft.source
      .split("\n")
      .filter((l) => l.startsWith("# - "))
      .join("\n");
    expect(todo).toContain('script passage is not imported (nothing of it runs): process.getBuiltinModule("fs")');
    expect(todo).toContain(
      'Node sam-first: rewrite as effects or conditions (not run): <script>process.getBuiltinModule("fs")',
    );
    expect(todo).toContain("Node opening: rewrite as effects or conditions (not run): <<set $calm to 50>>");
  });

  it("refuses an oversized or overfull Twine 2 file with a message, creating nothing", async () => {
    const drafts = await prisma.draft.count();
    const passage = (i: number) => `<tw-passagedata pid="${i}" name="P${i}" tags="">[[P${i + 1}]]</tw-passagedata>`;
    const story = (body: string) => `<tw-storydata name="Big" startnode="1" ifid="X" hidden>${body}</tw-storydata>`;
    const cases: [string, RegExp][] = [
      [story(passage(1)) + "<!--" + "x".repeat(TWINE_LIMITS.htmlBytes) + "-->", /over 2 MB, the most imported/],
      [story(Array.from({ length: TWINE_LIMITS.passages + 10 }, (_, i) => passage(i + 1)).join("")), /at most 200/],
      [Array.from({ length: TWINE_LIMITS.stories + 1 }, () => story(passage(1))).join(""), /at most 20 are read/],
    ];
    for (const [text, message] of cases) {
      const answer = await runTyped(studioRoute.action, importRequest(text, "big.html"));
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.data)).toMatch(message);
    }
    expect(await prisma.draft.count()).toBe(drafts);
  });

  it("stops a parse that runs over its time limit and says so", async () => {
    const html = fs.readFileSync("tests/fixtures/twine/shed-window-conference.html", "utf8");
    // One millisecond: less than the worker needs to start, so the limit is what ends it.
    await expect(parseOffThread("html", html, 1)).rejects.toThrow("took over 0.001 seconds; it was stopped");
    // The next import is not held up by the stopped one.
    await expect(parseOffThread("html", html)).resolves.toHaveLength(1);
  });

  it("is for the studio only", async () => {
    const answer = await runTyped(
      studioRoute.action,
      importRequest(FIXTURE, "s.twee", await cookieFor("officer@example.org")),
    );
    expect(answer.status).toBe(403);
  });
});
