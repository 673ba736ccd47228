// The draft page parses none of the author's YAML on the thread that answers requests (docs/decisions/0401): the
// image places (and review anchors) come from the draft's stored check, made in the checker's worker, and the
// visual editor reads its outline in the browser only.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "../../app/db/db.server";
import * as draftRoute from "../../app/routes/studio.drafts.$draftId";
import type { DraftCheckResult } from "../../app/studio/draft-check.server";
import { createDraft } from "../../app/studio/drafts.server";
import { VisualEditor } from "../../app/ui/visual-editor";
import { cookieFor, get, runTyped, seedOnce } from "../support/app";
import { sessionUserOf } from "../support/security";

// Creating and viewing a draft checks it in the checker's worker: slow on a loaded machine.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 300_000 });

let cookie: string;
let draftId: string;

beforeAll(async () => {
  await seedOnce();
  cookie = await cookieFor("trainer@example.org");
  const trainer = await sessionUserOf("trainer@example.org");
  const latest = await prisma.scenarioVersion.findFirstOrThrow({
    where: { scenarioSlug: "burglary-dialogue" },
    orderBy: { number: "desc" },
  });
  draftId = (await createDraft(trainer, "scenario", { versionId: latest.id })).id;
});

const page = async () => {
  const res = await runTyped(draftRoute.loader, get(`/studio/drafts/${draftId}`, cookie), { draftId });
  expect(res.status).toBe(200);
  return res.data as { images: { value: string }[]; preview: DraftCheckResult };
};

describe("the draft page", () => {
  it("offers the image places of the stored check, not of a parse of the text", async () => {
    const first = await page();
    expect(first.preview.targets?.length).toBeGreaterThan(0);
    expect(first.images.map((t) => t.value)).toEqual(first.preview.targets!.map((t) => t.value));
    // A place only the stored check knows (the check still describes this very text: its hash is unchanged).
    const draft = await prisma.draft.findUniqueOrThrow({ where: { id: draftId } });
    const check = JSON.parse(draft.checkResult!) as DraftCheckResult;
    const marker = { value: "node:only-in-the-check", label: "Illustration", shape: "illustration", current: null };
    await prisma.draft.update({
      where: { id: draftId },
      data: { checkResult: JSON.stringify({ ...check, targets: [...check.targets!, marker] }) },
    });
    expect((await page()).images.map((t) => t.value)).toContain("node:only-in-the-check");
  });

  it("renders the visual editor on the server without reading the text", () => {
    const html = renderToString(
      createElement(VisualEditor, { text: "nodes: [not closed", onText: () => {}, issues: [], flagged: [] }),
    );
    expect(html).toContain("The visual editor opens once the page has loaded");
    expect(html).not.toContain("does not parse");
  });
});
