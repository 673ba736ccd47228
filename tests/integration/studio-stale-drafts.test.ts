// Issue 15, the trainer's studio: a draft copied from an older version than the latest published cannot silently
// undo what was published since (the lost update), a submission carries the editor's unsaved text, and diffs show
// only the changed hunks.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "../../app/db/db.server";
import { action as draftAction, loader as draftLoader } from "../../app/routes/studio.drafts.$draftId";
import { action as scenarioAction } from "../../app/routes/studio.scenarios.$slug._index";
import { action as playtestAction, loader as playtestLoader } from "../../app/routes/studio.scenarios.$slug.playtest";
import { loader as versionLoader } from "../../app/routes/studio.scenarios.$slug.versions.$number";
import { action as validateAction } from "../../app/routes/studio.validate";
import { replay } from "../../app/scenarios/engine";
import { latestVersionOf, loadVersion } from "../../app/scenarios/library.server";
import { diffHunks, diffLines, mergeThreeWay } from "../../app/studio/diff";
import { cookieFor, get, post, run, seedOnce } from "../support/app";

let author: string;
let other: string;
let reviewer: string;
const SLUG = "burglary-dialogue";

beforeAll(async () => {
  await seedOnce();
  author = await cookieFor("trainer@example.org");
  reviewer = await cookieFor("trainer2@example.org");
  other = await cookieFor("admin@example.org");
});

const act = (draftId: string, fields: Record<string, string>, cookie: string) =>
  run(draftAction, post(`/studio/drafts/${draftId}`, fields, cookie), { draftId });
const page = (draftId: string, cookie: string) =>
  run(draftLoader, get(`/studio/drafts/${draftId}`, cookie), { draftId });
const textOf = async (draftId: string) => (await prisma.draft.findUniqueOrThrow({ where: { id: draftId } })).source;

async function copyLatest(cookie: string): Promise<string> {
  const latest = await latestVersionOf(SLUG);
  const res = await run(
    scenarioAction,
    post(`/studio/scenarios/${SLUG}`, { intent: "copy", versionId: latest!.id }, cookie),
    { slug: SLUG },
  );
  expect(res.status).toBe(302);
  return res.headers.get("Location")!.split("/").pop()!;
}

async function saveAndSubmit(draftId: string, edit: (source: string) => string, cookie = author) {
  const source = edit(await textOf(draftId));
  expect((await act(draftId, { intent: "save", source }, cookie)).status).toBe(200);
  expect((await act(draftId, { intent: "submit" }, cookie)).status).toBe(200);
}

async function approve(draftId: string) {
  const shown = await page(draftId, reviewer);
  return act(draftId, { intent: "approve", comment: "", reviewedHash: shown.data.draft.sourceHash }, reviewer);
}

const retitle = (title: string) => (s: string) => s.replace(/^title: .*$/m, `title: ${title}`);
const minutes = (n: number) => (s: string) => s.replace(/^estimatedMinutes: .*$/m, `estimatedMinutes: ${n}`);

describe("a draft based on an older version than the latest published", () => {
  it("is not approved (409) until its author brings in the published changes; the merge keeps both edits", async () => {
    const older = await copyLatest(author);
    const newer = await copyLatest(other);
    await saveAndSubmit(newer, minutes(35), other);
    expect((await approve(newer)).status).toBe(302);
    const published = (await latestVersionOf(SLUG))!;

    await saveAndSubmit(older, retitle("After the break-in (older copy)"));
    const versions = await prisma.scenarioVersion.count();
    const refused = await approve(older);
    expect(refused.status).toBe(409);
    expect(refused.data.errors.form).toMatch(new RegExp(`version ${published.number} was published since`));
    expect(await prisma.scenarioVersion.count()).toBe(versions);
    expect((await prisma.draft.findUniqueOrThrow({ where: { id: older } })).status).toBe("submitted");

    // The reviewer's page shows the same warning, with what approving would undo.
    const shown = await page(older, reviewer);
    expect(shown.data.outdated).toMatchObject({ latestNumber: published.number, confirmed: false, conflicts: [] });
    const undone = shown.data.outdated.publishedChanges.flatMap(
      (h: { lines: { kind: string; text: string }[] }) => h.lines,
    );
    expect(undone.filter((l: { kind: string }) => l.kind === "added").map((l: { text: string }) => l.text)).toEqual([
      "estimatedMinutes: 35",
    ]);

    // Only the author brings the changes in, from the text they were shown.
    const hash = shown.data.draft.sourceHash;
    expect((await act(older, { intent: "bring-in-published", shownHash: hash }, reviewer)).status).toBe(409);
    expect((await act(older, { intent: "bring-in-published", shownHash: "0".repeat(64) }, author)).status).toBe(409);
    const merged = await act(older, { intent: "bring-in-published", shownHash: hash }, author);
    expect(merged.status).toBe(200);
    const text = await textOf(older);
    expect(text).toMatch(/^estimatedMinutes: 35$/m);
    expect(text).toMatch(/^title: After the break-in \(older copy\)$/m);
    const draft = await prisma.draft.findUniqueOrThrow({ where: { id: older } });
    expect(draft).toMatchObject({ basedOnVersionId: published.id, status: "draft" });
    expect(
      await prisma.auditEntry.count({ where: { action: "studio.draft_merged_published", subjectId: older } }),
    ).toBe(1);

    expect((await act(older, { intent: "submit" }, author)).status).toBe(200);
    expect((await approve(older)).status).toBe(302);
    const latest = await prisma.scenarioVersion.findFirstOrThrow({
      where: { scenarioSlug: SLUG },
      orderBy: { number: "desc" },
    });
    expect(latest.source).toMatch(/^estimatedMinutes: 35$/m);
    expect(latest.title).toBe("After the break-in (older copy)");
  });

  it("shows overlapping edits as conflicts and merges nothing; a confirmation bound to the text lets it undo them, audited", async () => {
    const older = await copyLatest(author);
    const newer = await copyLatest(other);
    await saveAndSubmit(newer, minutes(40), other);
    expect((await approve(newer)).status).toBe(302);
    await saveAndSubmit(older, minutes(25));

    const shown = await page(older, author);
    expect(shown.data.outdated.conflicts).toEqual([
      expect.objectContaining({ ours: ["estimatedMinutes: 25"], theirs: ["estimatedMinutes: 40"] }),
    ]);
    const before = await prisma.draft.findUniqueOrThrow({ where: { id: older } });
    const merge = await act(older, { intent: "bring-in-published", shownHash: shown.data.draft.sourceHash }, author);
    expect(merge.status).toBe(409);
    expect(merge.data.errors.form).toMatch(/overlap your edits in 1 place/);
    expect(await prisma.draft.findUniqueOrThrow({ where: { id: older } })).toEqual(before);

    expect(
      (await act(older, { intent: "confirm-undo", shownHash: shown.data.draft.sourceHash }, reviewer)).status,
    ).toBe(409);
    expect((await act(older, { intent: "confirm-undo", shownHash: shown.data.draft.sourceHash }, author)).status).toBe(
      200,
    );
    const audit = await prisma.auditEntry.findFirstOrThrow({
      where: { action: "studio.draft_undo_confirmed", subjectId: older },
    });
    expect(JSON.parse(audit.after!)).toMatchObject({ basedOn: expect.stringMatching(/^burglary-dialogue v\d+$/) });
    expect((await page(older, reviewer)).data.outdated.confirmed).toBe(true);

    // A confirmation holds for the text it was given for: new text needs a new one.
    await saveAndSubmit(older, minutes(26));
    expect((await approve(older)).status).toBe(409);
    const again = await page(older, author);
    expect((await act(older, { intent: "confirm-undo", shownHash: again.data.draft.sourceHash }, author)).status).toBe(
      200,
    );
    expect((await act(older, { intent: "submit" }, author)).status).toBe(200);
    expect((await approve(older)).status).toBe(302);
    expect((await latestVersionOf(SLUG))!.number).toBeGreaterThan(0);
    const latest = await prisma.scenarioVersion.findFirstOrThrow({
      where: { scenarioSlug: SLUG },
      orderBy: { number: "desc" },
    });
    expect(latest.source).toMatch(/^estimatedMinutes: 26$/m);
  });
});

describe("submitting with unsaved edits", () => {
  it("saves the editor's text and submits it in one step", async () => {
    const draftId = await copyLatest(author);
    const source = retitle("Submitted straight from the editor")(await textOf(draftId));
    const res = await act(draftId, { intent: "submit", source }, author);
    expect(res.status).toBe(200);
    const draft = await prisma.draft.findUniqueOrThrow({ where: { id: draftId } });
    expect(draft).toMatchObject({ source, status: "submitted", title: "Submitted straight from the editor" });
    expect(await prisma.draftRevision.count({ where: { draftId } })).toBe(2);
    expect(
      await prisma.auditEntry.count({
        where: { subjectId: draftId, action: { in: ["studio.draft_saved", "studio.draft_submitted"] } },
      }),
    ).toBe(2);
  });

  it("refuses text with errors and changes nothing (never an error and 'Submitted' together)", async () => {
    const draftId = await copyLatest(author);
    const before = await prisma.draft.findUniqueOrThrow({ where: { id: draftId } });
    const audits = await prisma.auditEntry.count();
    const res = await act(
      draftId,
      { intent: "submit", source: before.source.replace(/^start: (.*)$/m, "start: nowhere") },
      author,
    );
    expect(res.status).toBe(409);
    expect(res.data.ok).toBe(false);
    expect(res.data.errors.form).toMatch(/Not submitted and not saved: fix the 1 error/);
    expect(await prisma.draft.findUniqueOrThrow({ where: { id: draftId } })).toEqual(before);
    expect(await prisma.auditEntry.count()).toBe(audits);
  });
});

describe("diffs show the changed hunks only", () => {
  const base = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join("\n");
  const changed = base.replace("line 5\n", "line five\n").replace("line 30\n", "line 30\nline 30b\n");

  it("gives hunks with three lines of context and unified headers", () => {
    const hunks = diffHunks(diffLines(base, changed));
    expect(hunks.map((h) => [h.oldStart, h.oldCount, h.newStart, h.newCount])).toEqual([
      [2, 7, 2, 7],
      [28, 6, 28, 7],
    ]);
    expect(hunks[0]!.lines.map((l) => l.text)).toEqual([
      "line 2",
      "line 3",
      "line 4",
      "line 5",
      "line five",
      "line 6",
      "line 7",
      "line 8",
    ]);
  });

  it("merges edits to different lines, and reports edits to the same lines as conflicts", () => {
    const theirs = base.replace("line 20\n", "line twenty\n");
    expect(mergeThreeWay(base, changed, theirs)).toEqual({
      text: changed.replace("line 20\n", "line twenty\n"),
      conflicts: [],
    });
    const clash = base.replace("line 5\n", "line FIVE\n");
    expect(mergeThreeWay(base, changed, clash).conflicts).toEqual([
      { baseLine: 5, base: ["line 5"], ours: ["line five"], theirs: ["line FIVE"] },
    ]);
    expect(mergeThreeWay(base, changed, changed).conflicts).toEqual([]);
  });

  it("Compare lists the changed hunks, not the whole file; the review page diffs against the latest published version", async () => {
    const latest = (await latestVersionOf(SLUG))!;
    const res = await run(versionLoader, get(`/studio/scenarios/${SLUG}/versions/${latest.number}?compare=1`, author), {
      slug: SLUG,
      number: String(latest.number),
    });
    expect(res.status).toBe(200);
    expect(res.data.lines).toEqual([]);
    const shownLines = res.data.hunks.flatMap((h: { lines: unknown[] }) => h.lines).length;
    expect(shownLines).toBeGreaterThan(0);
    expect(shownLines).toBeLessThan(60);

    const draftId = await copyLatest(author);
    await saveAndSubmit(draftId, retitle("Reviewed as a diff"));
    const review = await page(draftId, reviewer);
    expect(review.data.againstPublished.number).toBe(latest.number);
    const lines = review.data.againstPublished.hunks.flatMap(
      (h: { lines: { kind: string; text: string }[] }) => h.lines,
    );
    expect(lines.filter((l: { kind: string }) => l.kind !== "same").map((l: { text: string }) => l.text)).toEqual([
      `title: ${latest.title}`,
      "title: Reviewed as a diff",
    ]);
  });
});

describe("playtest from a middle node", () => {
  it("offers only states play reaches there, the most common first, and starts from the one chosen", async () => {
    const version = (await latestVersionOf(SLUG))!;
    const loaded = (await loadVersion(version.id))!;
    const { scenario, modelPath } = loaded.compiled;
    // The state play has after the model path's first three choices is among those offered at that node.
    const played = replay(
      scenario,
      modelPath.slice(0, 3).map((s) => s.choiceId),
    );
    const node = played.state.nodeId;
    const setup = await run(playtestLoader, get(`/studio/scenarios/${SLUG}/playtest?node=${node}`, author), {
      slug: SLUG,
    });
    const offered = setup.data.states as { meters: unknown; ways: number }[];
    expect(offered).toContainEqual(expect.objectContaining({ meters: played.state.meters }));
    expect(offered.map((s) => s.ways)).toEqual([...offered.map((s) => s.ways)].sort((a, b) => b - a));
    // The scenario's initial meters are not offered unless play can have them there.
    const initial = Object.fromEntries(scenario.participants.map((p) => [p.id, p.initial]));
    if (!offered.some((s) => JSON.stringify(s.meters) === JSON.stringify(initial))) {
      const start = await run(
        playtestAction,
        post(`/studio/scenarios/${SLUG}/playtest`, { intent: "start", node }, author),
        { slug: SLUG },
      );
      expect(start.data.state.meters).toEqual(offered[0]!.meters);
      expect(start.data.state.meters).not.toEqual(initial);
    }
  });
});

describe("node titles on the map", () => {
  it("labels nodes by their optional title, else the narration's first words, and refuses a title over 60 characters", async () => {
    const source = (await latestVersionOf(SLUG))!;
    const text = (await prisma.scenarioVersion.findUniqueOrThrow({ where: { id: source.id } })).source;
    const nodesAt = text.split("\n").indexOf("nodes:");
    // The first node's key line, just below `nodes:`.
    const opening = nodesAt + 1;
    expect(text.split("\n")[opening]).toMatch(/^ {2}[a-z][a-z0-9-]*:$/);
    expect(opening).toBeGreaterThan(0);
    const lines = text.split("\n");
    const titled = [...lines.slice(0, opening + 1), "    title: The opening round", ...lines.slice(opening + 1)].join(
      "\n",
    );
    const ok = await run(validateAction, post("/studio/validate", { kind: "scenario", source: titled }, author));
    const nodeId = lines[opening]!.trim().slice(0, -1);
    const labels = new Map((ok.data.map.nodes as { id: string; label: string }[]).map((n) => [n.id, n.label]));
    expect(labels.get(nodeId)).toBe("The opening round");
    expect([...labels.entries()].filter(([id, label]) => id !== nodeId && label === id)).toEqual([]);

    const long = titled.replace("title: The opening round", `title: ${"x".repeat(61)}`);
    const refused = await run(validateAction, post("/studio/validate", { kind: "scenario", source: long }, author));
    expect(refused.data.issues).toContainEqual(
      expect.objectContaining({
        severity: "error",
        line: opening + 2,
        message: expect.stringMatching(/at most 60 characters/),
      }),
    );
  });
});
