// Modules published through the studio: a copy of the published version is edited, submitted, approved by a
// second trainer and becomes the next numbered version officers read; a check attempt names the version it was
// taken on; versions are listed, compared, downloaded, rolled back and exported back to files; all audited.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "../../app/db/db.server";
import { findModule } from "../../app/modules/catalog.server";
import { exportModuleLibrary } from "../../app/modules/library.server";
import { action as moduleAction, loader as moduleLoader } from "../../app/routes/modules.$slug";
import { action as draftAction, loader as draftLoader } from "../../app/routes/studio.drafts.$draftId";
import {
  action as studioModuleAction,
  loader as studioModuleLoader,
} from "../../app/routes/studio.modules.$slug._index";
import { loader as versionLoader } from "../../app/routes/studio.modules.$slug.versions.$number";
import { loader as versionFileLoader } from "../../app/routes/studio.modules.$slug.versions.$number[.]mdx";
import { cookieFor, get, post, runTyped, seedOnce } from "../support/app";
import { makeAgency, makeOfficer } from "../support/factories";

const SLUG = "what-is-restoration";
const NEW_SENTENCE = "A studio-published sentence about the talking piece and who holds it.";
let trainer: string;
let trainer2: string;
let officer: string;

beforeAll(async () => {
  await seedOnce();
  [trainer, trainer2, officer] = await Promise.all([
    cookieFor("trainer@example.org"),
    cookieFor("trainer2@example.org"),
    cookieFor("officer@example.org"),
  ]);
});

async function studioPage(cookie = trainer) {
  const page = await runTyped(studioModuleLoader, get(`/studio/modules/${SLUG}`, cookie), { slug: SLUG });
  expect(page.status).toBe(200);
  return page.data;
}

/** Posts a version action on the module's studio page; answers the new draft's id. */
async function versionAction(intent: "copy" | "rollback", versionId: string): Promise<string> {
  const res = await runTyped(studioModuleAction, post(`/studio/modules/${SLUG}`, { intent, versionId }, trainer), {
    slug: SLUG,
  });
  expect(res.status).toBe(302);
  return res.headers.get("Location")!.split("/").pop()!;
}

async function draftPage(draftId: string, cookie: string) {
  const page = await runTyped(draftLoader, get(`/studio/drafts/${draftId}`, cookie), { draftId });
  expect(page.status).toBe(200);
  return page.data;
}

async function submit(draftId: string, source?: string) {
  return runTyped(
    draftAction,
    post(`/studio/drafts/${draftId}`, { intent: "submit", ...(source === undefined ? {} : { source }) }, trainer),
    { draftId },
  );
}

/** The second trainer opens the draft and approves the text it shows. */
async function approve(draftId: string) {
  const { draft } = await draftPage(draftId, trainer2);
  return runTyped(
    draftAction,
    post(`/studio/drafts/${draftId}`, { intent: "approve", comment: "", reviewedHash: draft.sourceHash }, trainer2),
    { draftId },
  );
}

async function officerReads(): Promise<string> {
  const page = await runTyped(moduleLoader, get(`/modules/${SLUG}`, officer), { slug: SLUG });
  expect(page.status).toBe(200);
  return JSON.stringify(page.data);
}

describe("a module published through the studio", () => {
  let firstVersionId: string;
  let draftId: string;

  it("starts from the content file, imported as version 1", async () => {
    const page = await studioPage();
    expect(page.versions.map((v) => [v.number, v.origin])).toEqual([[1, "content"]]);
    firstVersionId = page.versions[0]!.id;
    expect(await officerReads()).not.toContain(NEW_SENTENCE);
  });

  it("refuses a module draft with errors at submission, with the line, and changes nothing", async () => {
    draftId = await versionAction("copy", firstVersionId);
    const { draft } = await draftPage(draftId, trainer);
    const broken = draft.source.replace(/^estimatedMinutes: .*$/m, "estimatedMinutes: lots");
    const line = broken.split("\n").findIndex((l) => l.startsWith("estimatedMinutes: lots")) + 1;
    expect(line).toBeGreaterThan(1);
    const res = await submit(draftId, broken);
    expect(res.status).toBe(409);
    expect(JSON.stringify(res.data)).toContain(`line ${line}:`);
    const after = await draftPage(draftId, trainer);
    expect(after.draft.status).toBe("draft");
    expect(after.draft.source).toBe(draft.source);
  });

  it("is published only when a second trainer approves it, and officers then read the new text", async () => {
    const { draft } = await draftPage(draftId, trainer);
    const edited = draft.source.replace(/\n## .*\n/, (heading) => `${heading}\n${NEW_SENTENCE}\n`);
    expect(edited).not.toBe(draft.source);
    expect((await submit(draftId, edited)).status).toBe(200);
    // The author may not approve their own text.
    const own = await runTyped(
      draftAction,
      post(`/studio/drafts/${draftId}`, { intent: "approve", comment: "", reviewedHash: draft.sourceHash }, trainer),
      { draftId },
    );
    expect(own.status).toBe(409);
    expect(await officerReads()).not.toContain(NEW_SENTENCE);
    const approved = await approve(draftId);
    expect(approved.status).toBe(302);
    expect(approved.headers.get("Location")).toBe(`/studio/modules/${SLUG}`);
    const page = await studioPage();
    expect(page.versions.map((v) => [v.number, v.origin])).toEqual([
      [2, "studio"],
      [1, "content"],
    ]);
    const nameOf = async (email: string) => (await prisma.user.findUniqueOrThrow({ where: { email } })).name;
    expect([page.versions[0]!.authorName, page.versions[0]!.reviewerName]).toEqual([
      await nameOf("trainer@example.org"),
      await nameOf("trainer2@example.org"),
    ]);
    expect(await officerReads()).toContain(NEW_SENTENCE);
    const published = await prisma.auditEntry.findFirst({
      where: { action: "studio.version_published", subjectId: page.versions[0]!.id },
    });
    expect(JSON.parse(published!.after!)).toMatchObject({ module: SLUG, version: 2 });
  });

  it("records on a knowledge-check attempt the version it was taken on", async () => {
    const page = await runTyped(moduleLoader, get(`/modules/${SLUG}`, officer), { slug: SLUG });
    const check = (page.data as { check: { form: { submissionKey: string; questions: { id: string }[] } } }).check;
    const bank = (await findModule(SLUG))!.compiled!.frontmatter.knowledgeCheck;
    const answers = Object.fromEntries(
      check.form.questions.map((q) => [q.id, bank.find((b) => b.id === q.id)!.answer]),
    );
    const res = await runTyped(
      moduleAction,
      post(`/modules/${SLUG}`, { intent: "check", submissionKey: check.form.submissionKey, ...answers }, officer),
      { slug: SLUG },
    );
    expect(res.status).toBe(200);
    const latest = (await studioPage()).versions[0]!;
    const attempt = await prisma.checkAttempt.findFirstOrThrow({
      where: { moduleSlug: SLUG },
      orderBy: { createdAt: "desc" },
    });
    expect(attempt.moduleVersionId).toBe(latest.id);
  });

  it("compares versions and downloads one as the .mdx file content/modules would hold", async () => {
    const diff = await runTyped(versionLoader, get(`/studio/modules/${SLUG}/versions/2?compare=1`, trainer), {
      slug: SLUG,
      number: "2",
    });
    expect(diff.status).toBe(200);
    expect(JSON.stringify(diff.data.hunks)).toContain(NEW_SENTENCE);
    const file = await runTyped(versionFileLoader, get(`/studio/modules/${SLUG}/versions/1.mdx`, trainer), {
      slug: SLUG,
      number: "1",
    });
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Disposition")).toContain(`${SLUG}.mdx`);
    expect(file.data).toBe(fs.readFileSync(path.join("content", "modules", `${SLUG}.mdx`), "utf8"));
    const missing = await runTyped(versionLoader, get(`/studio/modules/${SLUG}/versions/9`, trainer), {
      slug: SLUG,
      number: "9",
    });
    expect(missing.status).toBe(404);
  });

  it("exports the published library back to files", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ck-export-"));
    const written = await exportModuleLibrary(dir);
    expect(written).toContain(`${SLUG}.mdx (v2)`);
    expect(fs.readFileSync(path.join(dir, `${SLUG}.mdx`), "utf8")).toContain(NEW_SENTENCE);
    expect(await exportModuleLibrary(dir)).toEqual([]);
  });

  it("rolls back through the same review: the old text becomes version 3, and officers read it again", async () => {
    const rollbackId = await versionAction("rollback", firstVersionId);
    expect((await draftPage(rollbackId, trainer)).draft.status).toBe("submitted");
    expect(await officerReads()).toContain(NEW_SENTENCE);
    expect((await approve(rollbackId)).status).toBe(302);
    const page = await studioPage();
    expect(page.versions.map((v) => v.number)).toEqual([3, 2, 1]);
    expect(await officerReads()).not.toContain(NEW_SENTENCE);
    const published = await prisma.auditEntry.findFirst({
      where: { action: "studio.version_published", subjectId: page.versions[0]!.id },
    });
    expect(JSON.parse(published!.after!)).toMatchObject({ module: SLUG, version: 3, restores: 1 });
  });

  it("keeps drafts inside the agency and refuses a version of another kind", async () => {
    const other = await makeAgency();
    const outsider = await prisma.user.update({
      where: { id: (await makeOfficer(other)).id },
      data: { role: "trainer" },
    });
    const outsiderCookie = await cookieFor(outsider.email);
    const res = await runTyped(draftLoader, get(`/studio/drafts/${draftId}`, outsiderCookie), { draftId });
    expect(res.status).toBe(404);
    const scenario = await prisma.scenarioVersion.findFirstOrThrow({ select: { id: true } });
    const wrongKind = await runTyped(
      studioModuleAction,
      post(`/studio/modules/${SLUG}`, { intent: "copy", versionId: scenario.id }, trainer),
      { slug: SLUG },
    );
    expect(wrongKind.status).toBe(409);
    const officerTries = await runTyped(
      studioModuleAction,
      post(`/studio/modules/${SLUG}`, { intent: "copy", versionId: firstVersionId }, officer),
      { slug: SLUG },
    );
    expect(officerTries.status).toBe(403);
  });
});
