// Nothing a trainer writes is run on the server. Every front-matter spelling that some parser would read as code
// (`---js`, `---coffee`...) goes through every entry point that reads authored text: live validation, save,
// submit, create, the draft page, `npm run content:check` on a file, and the content build. Each payload writes
// a marker file and sets a global if it ever runs; neither may happen, and each answer is a refusal at line 1.
// YAML tags and alias bombs get the same treatment in scenario drafts and module front matter.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { checkContent } from "../../app/content-pipeline/check.server";
import { prisma } from "../../app/db/db.server";
import { action as studioAction } from "../../app/routes/studio._index";
import { action as draftAction, loader as draftLoader } from "../../app/routes/studio.drafts.$draftId";
import { action as validateAction } from "../../app/routes/studio.validate";
import { createDraft } from "../../app/studio/drafts.server";
import { MODULE_TEMPLATE, SCENARIO_TEMPLATE } from "../../app/studio/templates";
import { cookieFor, get, post, run, seedOnce } from "../support/app";
import { sessionUserOf } from "../support/security";

const MARKER = path.join(os.tmpdir(), `ck-front-matter-ran-${process.pid}`);
type Ran = { ckFrontMatterRan?: unknown };

/** JavaScript that leaves a trace if any engine evaluates it (CoffeeScript reads it as code too). */
const CODE = `(function () { const fs = process.getBuiltinModule ? process.getBuiltinModule("fs") : require("fs"); fs.writeFileSync(${JSON.stringify(MARKER)}, "ran"); globalThis.ckFrontMatterRan = true; return { title: "ran" }; })()`;
const FENCES = ["---js", "--- js", "---javascript", "---coffee", "---JS", "---json"];
const LINE_ENDS = { LF: "\n", CRLF: "\r\n" };
const TEMPLATE_BODY = MODULE_TEMPLATE.slice(MODULE_TEMPLATE.indexOf("\n---\n") + 5);

/** A module whose front matter is code, in the given fence spelling and line ends. */
function payload(fence: string, eol: string): string {
  const front = fence === "---json" ? `{ "title": "ran", "x": ${JSON.stringify(CODE)} }` : CODE;
  return [fence, front, "---", TEMPLATE_BODY].join("\n").replace(/\r?\n/g, eol);
}
const PAYLOADS = FENCES.flatMap((fence) =>
  Object.entries(LINE_ENDS).map(([name, eol]) => ({ name: `${fence} (${name})`, fence, source: payload(fence, eol) })),
);

function expectNothingRan(what: string) {
  expect(fs.existsSync(MARKER), `${what}: the marker file was written`).toBe(false);
  expect((globalThis as Ran).ckFrontMatterRan, `${what}: the global was set`).toBeUndefined();
}

/** The refusal every spelling gets: an error at line 1 that names the rule. */
const REFUSAL = /front matter must open with a line that is exactly "---"/;
function expectRefusedAtLine1(issues: { severity: string; line: number; message: string }[], what: string) {
  expect(issues, what).toContainEqual(
    expect.objectContaining({ severity: "error", line: 1, message: expect.stringMatching(REFUSAL) }),
  );
}

let trainer: string;
let trainer2: string;

beforeAll(async () => {
  await seedOnce();
  trainer = await cookieFor("trainer@example.org");
  trainer2 = await cookieFor("trainer2@example.org");
});
afterEach(() => {
  fs.rmSync(MARKER, { force: true });
  delete (globalThis as Ran).ckFrontMatterRan;
});

async function newModuleDraft(): Promise<string> {
  const res = await run(studioAction, post("/studio", { intent: "new", kind: "module" }, trainer));
  expect(res.status).toBe(302);
  return res.headers.get("Location")!.split("/").pop()!;
}

describe("front matter in any language but YAML is refused before anything reads it", () => {
  it("through live validation (POST /studio/validate)", async () => {
    for (const p of PAYLOADS) {
      const res = await run(validateAction, post("/studio/validate", { kind: "module", source: p.source }, trainer));
      expectNothingRan(`validate ${p.name}`);
      expect(res.status, p.name).toBe(200);
      expect(res.data.ok, p.name).toBe(false);
      expect(res.data.html, p.name).toBeNull();
      expectRefusedAtLine1(res.data.issues, p.name);
    }
  });

  it("through save, submit and the draft page", async () => {
    const draftId = await newModuleDraft();
    for (const p of PAYLOADS) {
      const saved = await run(
        draftAction,
        post(`/studio/drafts/${draftId}`, { intent: "save", source: p.source }, trainer),
        { draftId },
      );
      expectNothingRan(`save ${p.name}`);
      expect(saved.status, p.name).toBe(200);
      expect(saved.data.message, p.name).toMatch(/errors? to fix.*line 1/);
      const submitted = await run(draftAction, post(`/studio/drafts/${draftId}`, { intent: "submit" }, trainer), {
        draftId,
      });
      expect(submitted.status, p.name).toBe(409);
      expectNothingRan(`submit ${p.name}`);
      const page = await run(draftLoader, get(`/studio/drafts/${draftId}`, trainer2), { draftId });
      expectNothingRan(`draft page ${p.name}`);
      expect(page.status, p.name).toBe(200);
      expectRefusedAtLine1(page.data.preview.issues, p.name);
      expect(page.data.preview.html, p.name).toBeNull();
    }
  });

  it("through the draft page alone, for drafts saved before this check existed", async () => {
    const draftId = await newModuleDraft();
    for (const p of PAYLOADS) {
      // Written straight to the table, as an older version of the app could have stored it.
      await prisma.draft.update({ where: { id: draftId }, data: { source: p.source } });
      const page = await run(draftLoader, get(`/studio/drafts/${draftId}`, trainer), { draftId });
      expectNothingRan(`draft page ${p.name}`);
      expect(page.status, p.name).toBe(200);
      expectRefusedAtLine1(page.data.preview.issues, p.name);
    }
  });

  it("through create", async () => {
    const author = await sessionUserOf("trainer@example.org");
    for (const p of PAYLOADS) {
      const draft = await createDraft(author, "module", { source: p.source });
      expectNothingRan(`create ${p.name}`);
      const page = await run(draftLoader, get(`/studio/drafts/${draft.id}`, trainer), { draftId: draft.id });
      expectRefusedAtLine1(page.data.preview.issues, p.name);
      expectNothingRan(`create, then view ${p.name}`);
    }
  });
});

describe("content files with code in their front matter", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "ck-no-eval-"));
    fs.mkdirSync(path.join(dir, "content", "modules"), { recursive: true });
    PAYLOADS.forEach((p, i) => fs.writeFileSync(path.join(dir, "content", "modules", `payload-${i}.mdx`), p.source));
    return () => fs.rmSync(dir, { recursive: true, force: true });
  });
  const files = () => PAYLOADS.map((_, i) => path.join(dir, "content", "modules", `payload-${i}.mdx`));

  it("are refused by `npm run content:check <file>` (the real script, in its own process)", () => {
    const result = spawnSync("node_modules/.bin/tsx", ["scripts/content-check.ts", ...files()], {
      encoding: "utf8",
      env: { ...process.env, CONTENT_CACHE: "off", CONTENT_CACHE_DIR: path.join(dir, "check-cache") },
    });
    expectNothingRan("content:check");
    expect(result.status, result.stderr).toBe(1);
    for (const [i, p] of PAYLOADS.entries()) {
      expect(result.stdout, p.name).toMatch(
        new RegExp(`payload-${i}\\.mdx:1: error: front matter must open with a line that is exactly "---"`),
      );
    }
    expect(result.stdout).toMatch(new RegExp(`${PAYLOADS.length} files checked .*: ${PAYLOADS.length} errors`));
  });

  it("stop the content build (scripts/build-content.ts on a content folder of them), and its checker in this process", async () => {
    const result = spawnSync(path.resolve("node_modules/.bin/tsx"), [path.resolve("scripts/build-content.ts")], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, CONTENT_DIR: path.join(dir, "content"), CONTENT_CACHE_DIR: path.join(dir, "build-cache") },
    });
    expectNothingRan("build");
    expect(result.status, result.stdout).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`Content has ${PAYLOADS.length} error\\(s\\)`));
    expect(result.stderr).toMatch(/payload-0\.mdx:1: error: front matter must open/);

    const report = await checkContent(files());
    for (const p of PAYLOADS) expectNothingRan(`checkContent ${p.name}`);
    expect(report.issues.filter((i) => i.severity === "error")).toHaveLength(PAYLOADS.length);
    report.issues.forEach((issue) => expect(issue).toMatchObject({ line: 1, message: expect.stringMatching(REFUSAL) }));
  });
});

describe("YAML is data: tags and alias bombs", () => {
  const tagged = SCENARIO_TEMPLATE.replace(
    /^title: .*$/m,
    `title: !!js/function "function () { ${CODE.replace(/"/g, "'")} }"`,
  );
  const taggedLine = tagged.split("\n").findIndex((l) => l.startsWith("title:")) + 1;
  const customTag = SCENARIO_TEMPLATE.replace(/^summary: .*$/m, "summary: !custom anything");
  const laughs = Array.from({ length: 9 }, (_, level) => {
    const name = String.fromCharCode(97 + level);
    const items = level === 0 ? Array(9).fill('"lol"') : Array(9).fill(`*${String.fromCharCode(96 + level)}`);
    return `x${name}: &${name} [${items.join(", ")}]`;
  });
  const bomb = laughs.join("\n") + "\n" + SCENARIO_TEMPLATE;
  const moduleBomb = MODULE_TEMPLATE.replace("---\n", `---\n${laughs.join("\n")}\n`);
  const moduleTagged = MODULE_TEMPLATE.replace(/^title: .*$/m, "title: !!js/function 'function () {}'");

  it("refuses tags in a scenario draft at their line, through validation, save and the draft page", async () => {
    const res = await run(validateAction, post("/studio/validate", { kind: "scenario", source: tagged }, trainer));
    expect(res.status).toBe(200);
    expect(res.data.issues).toContainEqual({
      severity: "error",
      line: taggedLine,
      message: expect.stringMatching(/YAML tags such as "!!js\/function" are not allowed/),
    });
    const custom = await run(
      validateAction,
      post("/studio/validate", { kind: "scenario", source: customTag }, trainer),
    );
    expect(custom.data.issues).toContainEqual(
      expect.objectContaining({ severity: "error", message: expect.stringMatching(/YAML tags such as "!custom"/) }),
    );

    const create = await run(studioAction, post("/studio", { intent: "new", kind: "scenario" }, trainer));
    const draftId = create.headers.get("Location")!.split("/").pop()!;
    const saved = await run(
      draftAction,
      post(`/studio/drafts/${draftId}`, { intent: "save", source: tagged }, trainer),
      { draftId },
    );
    expect(saved.status).toBe(200);
    const page = await run(draftLoader, get(`/studio/drafts/${draftId}`, trainer), { draftId });
    expect(page.data.preview.issues).toContainEqual(
      expect.objectContaining({ line: taggedLine, message: expect.stringMatching(/YAML tags/) }),
    );
    expectNothingRan("YAML tag");
  });

  it("answers an alias bomb with 'too many YAML aliases' at its line, never a 500, in scenarios and module front matter", async () => {
    const res = await run(validateAction, post("/studio/validate", { kind: "scenario", source: bomb }, trainer));
    expect(res.status).toBe(200);
    expect(res.data.ok).toBe(false);
    const issue = res.data.issues.find((i: { message: string }) => /too many YAML aliases/.test(i.message));
    expect(issue).toBeDefined();
    expect(issue.line).toBeGreaterThanOrEqual(2);
    expect(issue.line).toBeLessThanOrEqual(9);

    const create = await run(studioAction, post("/studio", { intent: "new", kind: "scenario" }, trainer));
    const draftId = create.headers.get("Location")!.split("/").pop()!;
    const saved = await run(draftAction, post(`/studio/drafts/${draftId}`, { intent: "save", source: bomb }, trainer), {
      draftId,
    });
    expect(saved.status).toBe(200);
    const page = await run(draftLoader, get(`/studio/drafts/${draftId}`, trainer), { draftId });
    expect(page.data.preview.issues).toContainEqual(
      expect.objectContaining({ message: expect.stringMatching(/too many YAML aliases/) }),
    );

    const inModule = await run(
      validateAction,
      post("/studio/validate", { kind: "module", source: moduleBomb }, trainer),
    );
    expect(inModule.status).toBe(200);
    const moduleIssue = inModule.data.issues.find((i: { message: string }) => /too many YAML aliases/.test(i.message));
    expect(moduleIssue.line).toBeGreaterThanOrEqual(3);
    expect(moduleIssue.line).toBeLessThanOrEqual(10);
    const moduleTag = await run(
      validateAction,
      post("/studio/validate", { kind: "module", source: moduleTagged }, trainer),
    );
    expect(moduleTag.data.issues).toContainEqual({
      severity: "error",
      line: 2,
      message: expect.stringMatching(/YAML tags such as "!!js\/function"/),
    });
  });
});
