// Nothing a trainer writes can stall the server: each crafted draft that once took seconds to minutes gets its
// own clear message quickly, in the studio and in `npm run content:check` alike; the checker's worker is killed
// when a draft runs over its time; a flood of drafts is refused instead of queued without end; and a stored
// check is reused, so viewing a draft never checks it again.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkContent } from "../../app/content-pipeline/check.server";
import { prisma } from "../../app/db/db.server";
import { compileModule } from "../../app/modules/compile.server";
import { action as studioAction } from "../../app/routes/studio._index";
import { action as draftAction, loader as draftLoader } from "../../app/routes/studio.drafts.$draftId";
import { action as validateAction } from "../../app/routes/studio.validate";
import { parseCondition } from "../../app/scenarios/conditions";
import { validateScenario } from "../../app/scenarios/validate";
import { createDraftChecker, draftChecker } from "../../app/studio/draft-checker.server";
import { CRAFTED_DRAFTS, craftedModule } from "../../bench/crafted-drafts.mjs";
import { cookieFor, get, post, run, seedOnce } from "../support/app";

/** Generous for a loaded 2-core machine; each of these took 4 s to over 3 minutes before. */
const QUICKLY_MS = 5_000;
const BIGGEST_SCENARIO = fs.readFileSync("content/scenarios/use-of-force-meeting.yaml", "utf8");

let trainer: string;
beforeAll(async () => {
  await seedOnce();
  trainer = await cookieFor("trainer@example.org");
  // Start the shared checker's worker now: the timings below measure checking, not start-up.
  await draftChecker().check("scenario", "slug: warm-up");
});

async function newDraft(kind: "scenario" | "module"): Promise<string> {
  const res = await run(studioAction, post("/studio", { intent: "new", kind }, trainer));
  return res.headers.get("Location")!.split("/").pop()!;
}

describe("crafted drafts get a clear message, quickly", () => {
  for (const crafted of CRAFTED_DRAFTS) {
    it(`${crafted.name}: live validation, save and the draft page`, async () => {
      const started = performance.now();
      const res = await run(
        validateAction,
        post("/studio/validate", { kind: crafted.kind, source: crafted.source }, trainer),
      );
      const took = performance.now() - started;
      expect(res.status).toBe(200);
      expect(res.data.ok).toBe(false);
      expect(
        res.data.issues.map((i: { line: number; message: string }) => `${i.line}: ${i.message}`).join("\n"),
      ).toMatch(crafted.expect);
      expect(took).toBeLessThan(QUICKLY_MS);

      const draftId = await newDraft(crafted.kind);
      const saved = await run(
        draftAction,
        post(`/studio/drafts/${draftId}`, { intent: "save", source: crafted.source }, trainer),
        { draftId },
      );
      if (crafted.source.length > 400_000) {
        expect(saved.status).toBe(400);
        expect(saved.data.errors.source).toMatch(/too large/);
        return;
      }
      expect(saved.status).toBe(200);
      expect(saved.data.message).toMatch(/errors? to fix/);
      const page = await run(draftLoader, get(`/studio/drafts/${draftId}`, trainer), { draftId });
      expect(page.data.preview.issues.map((i: { message: string }) => i.message).join("\n")).toMatch(crafted.expect);
    });
  }

  it(
    "the same limits hold in `npm run content:check` (which runs without the worker)",
    { timeout: 120_000 },
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ck-crafted-"));
      try {
        // Named after their slugs, so that only the limits speak; text unique to this run, so that the content
        // cache (keyed by text) holds no result of an earlier run.
        const run = `${process.pid}-${Date.now()}`;
        const files = CRAFTED_DRAFTS.map((d, i) => {
          const file = path.join(dir, String(i), d.kind === "module" ? "crafted-module.mdx" : "crafted-scenario.yaml");
          fs.mkdirSync(path.dirname(file));
          fs.writeFileSync(file, d.source + (d.kind === "module" ? `\nRun ${run}.\n` : `\n# run ${run}\n`));
          return file;
        });
        for (const [i, d] of CRAFTED_DRAFTS.entries()) {
          const started = performance.now();
          const report = await checkContent([files[i]!]);
          expect(performance.now() - started, d.name).toBeLessThan(QUICKLY_MS);
          expect(report.issues.map((issue) => issue.message).join("\n"), d.name).toMatch(d.expect);
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it("reads a condition padded with spaces in linear time, within the length limit too", () => {
    // Under the length limit, a regular expression that split on /\s+and\s+/ was still quadratic in the spaces.
    const started = performance.now();
    for (let i = 0; i < 200; i++)
      expect(parseCondition(`maria.trust${" ".repeat(980)}< 30`)).toMatchObject({ ok: true });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("still finds duplicate YAML keys, at the line of the second one, without the parser's quadratic check", () => {
    const source = fs
      .readFileSync("tests/fixtures/scenarios/valid-small.yaml", "utf8")
      .replace(/^title: .*$/m, (line) => `${line}\ntitle: Twice`);
    const line = source.split("\n").findIndex((l) => l === "title: Twice") + 1;
    expect(validateScenario("<draft>", source).issues).toContainEqual({
      severity: "error",
      file: "<draft>",
      line,
      message: 'Map keys must be unique: "title" appears twice',
    });
  });

  it("gives thousands of identical headings distinct ids in linear time (the limit aside)", async () => {
    // 60 headings is the limit: the ids of the ones allowed must still come out in order.
    const { compiled, issues } = await compileModule(
      "<draft>",
      craftedModule(
        ["## Same", "## Same-2", "## Same", "### Same", ...Array(50).fill("## Same")].join("\n\n") +
          '\n\n<KeyTerm term="x">y</KeyTerm>',
      ),
    );
    expect(issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(compiled!.toc.slice(0, 3).map((t) => t.id)).toEqual(["same", "same-2", "same-3"]);
    expect(new Set(compiled!.toc.map((t) => t.id)).size).toBe(compiled!.toc.length);
  });
});

describe("the draft checker's worker", () => {
  it("is terminated when a draft runs over its time, and the next draft gets a fresh worker", async () => {
    const checker = createDraftChecker();
    try {
      const first = await checker.check("scenario", BIGGEST_SCENARIO);
      expect(first.ok).toBe(true);
      expect(checker.stats()).toMatchObject({ checks: 1, workersStarted: 1, workersTerminated: 0 });
      // A tiny limit, passed in: the biggest library scenario (37,157 states) cannot be explored in 1 ms.
      const late = await checker.check("scenario", BIGGEST_SCENARIO, { timeoutMs: 1 });
      expect(late).toMatchObject({
        ok: false,
        gaveUp: "time",
        issues: [
          {
            severity: "error",
            line: 1,
            message: expect.stringMatching(/^this draft is too large to check: checking it took longer than 1 ms/),
          },
        ],
      });
      expect(checker.stats()).toMatchObject({ checks: 2, workersStarted: 1, workersTerminated: 1 });
      const again = await checker.check("scenario", BIGGEST_SCENARIO);
      expect(again.ok).toBe(true);
      expect(checker.stats()).toMatchObject({ checks: 3, workersStarted: 2, workersTerminated: 1 });
    } finally {
      await checker.close();
    }
  });

  it("answers a draft that needs more memory than the worker has as too large, not with a crash", async () => {
    const checker = createDraftChecker({ memoryMb: 24 });
    try {
      const result = await checker.check("scenario", BIGGEST_SCENARIO);
      expect(result).toMatchObject({
        ok: false,
        gaveUp: "memory",
        issues: [{ line: 1, message: expect.stringMatching(/too large to check: checking it needed more than 24 MB/) }],
      });
      expect(checker.stats().workersTerminated).toBe(1);
    } finally {
      await checker.close();
    }
  });

  it("refuses drafts beyond its queue instead of starting more workers", async () => {
    const checker = createDraftChecker({ queueLimit: 1 });
    try {
      const running = checker.check("scenario", BIGGEST_SCENARIO);
      const waiting = checker.check("scenario", BIGGEST_SCENARIO);
      await expect(checker.check("scenario", BIGGEST_SCENARIO)).rejects.toMatchObject({ code: "busy", status: 429 });
      expect((await running).ok).toBe(true);
      expect((await waiting).ok).toBe(true);
      expect(checker.stats()).toMatchObject({ checks: 2, workersStarted: 1 });
    } finally {
      await checker.close();
    }
  });
});

describe("stored checks", () => {
  it("viewing a saved draft reuses its stored check; changed text is checked once", async () => {
    const draftId = await newDraft("scenario");
    const checks = () => draftChecker().stats().checks;
    const saved = await run(
      draftAction,
      post(
        `/studio/drafts/${draftId}`,
        { intent: "save", source: BIGGEST_SCENARIO.replace(/^title: .*$/m, "title: Stored") },
        trainer,
      ),
      { draftId },
    );
    expect(saved.data.message).toBe("Saved. No errors.");
    const row = await prisma.draft.findUniqueOrThrow({ where: { id: draftId } });
    expect(row.checkHash).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.parse(row.checkResult!)).toMatchObject({ ok: true, title: "Stored" });

    const before = checks();
    for (let i = 0; i < 3; i++) {
      const page = await run(draftLoader, get(`/studio/drafts/${draftId}`, trainer), { draftId });
      expect(page.data.preview).toMatchObject({ ok: true, title: "Stored" });
      expect(page.data.preview.map.nodes.length).toBeGreaterThan(10);
    }
    expect(checks()).toBe(before);

    // A stored check of other text (as after an edit by an older version of the app) is not trusted.
    await prisma.draft.update({
      where: { id: draftId },
      data: { source: row.source.replace(/^title: .*$/m, "title: Edited") },
    });
    const page = await run(draftLoader, get(`/studio/drafts/${draftId}`, trainer), { draftId });
    expect(page.data.preview.title).toBe("Edited");
    expect(checks()).toBe(before + 1);
    await run(draftLoader, get(`/studio/drafts/${draftId}`, trainer), { draftId });
    expect(checks()).toBe(before + 1);
  });
});
