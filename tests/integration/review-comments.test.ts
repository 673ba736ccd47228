// Review comments on a scenario draft: a second trainer comments on a node, the author sees and resolves it, and
// approval is refused while any comment is open. Real requests through the draft page's loader and action.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "../../app/db/db.server";
import * as draftRoute from "../../app/routes/studio.drafts.$draftId";
import { createDraft } from "../../app/studio/drafts.server";
import { cookieFor, get, post, runTyped, seedOnce } from "../support/app";
import { sessionUserOf } from "../support/security";

// Submitting and approving check the whole scenario in the checker's worker: slow on a loaded machine.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 300_000 });

let author: string;
let reviewer: string;
let draftId: string;

beforeAll(async () => {
  await seedOnce();
  author = await cookieFor("trainer@example.org");
  reviewer = await cookieFor("trainer2@example.org");
  const latest = await prisma.scenarioVersion.findFirstOrThrow({
    where: { scenarioSlug: "burglary-dialogue" },
    orderBy: { number: "desc" },
  });
  draftId = (await createDraft(await sessionUserOf("trainer@example.org"), "scenario", { versionId: latest.id })).id;
});

const act = (fields: Record<string, string>, cookie: string) =>
  runTyped(draftRoute.action, post(`/studio/drafts/${draftId}`, fields, cookie), { draftId });

async function page(cookie: string) {
  const answer = await runTyped(draftRoute.loader, get(`/studio/drafts/${draftId}`, cookie), { draftId });
  expect(answer.status).toBe(200);
  return answer.data;
}

function messageOf(data: unknown): string {
  return Object.values((data as { errors: Record<string, string> }).errors).join(" ");
}

describe("review comments", () => {
  it("a reviewer comments on a node, approval waits until the author resolves it", async () => {
    expect((await act({ intent: "submit" }, author)).status).toBe(200);
    const reviewerPage = await page(reviewer);
    const anchor = reviewerPage.review.anchors[0]!.value;
    expect(anchor).toMatch(/^node:/);

    // The author does not comment on their own draft; an unknown node is refused; nothing is stored for either.
    expect((await act({ intent: "comment", anchor, body: "Mine." }, author)).status).toBe(409);
    const unknown = await act({ intent: "comment", anchor: "node:no-such-node", body: "Where?" }, reviewer);
    expect([unknown.status, messageOf(unknown.data)]).toEqual([400, expect.stringMatching(/current text/)]);
    expect(await prisma.reviewComment.count({ where: { draftId } })).toBe(0);

    const added = await act({ intent: "comment", anchor, body: "The victim's first line sounds rehearsed." }, reviewer);
    expect(added.status).toBe(200);
    const authorView = (await page(author)).review;
    expect(authorView.comments).toMatchObject([
      { body: "The victim's first line sounds rehearsed.", resolved: false, authorName: expect.any(String) },
    ]);

    const hash = reviewerPage.draft.sourceHash;
    const refused = await act({ intent: "approve", comment: "", reviewedHash: hash }, reviewer);
    expect(refused.status).toBe(409);
    expect(messageOf(refused.data)).toMatch(/1 unresolved review comment: the author must resolve it/);
    expect((await prisma.draft.findUniqueOrThrow({ where: { id: draftId } })).status).toBe("submitted");

    // Only the author resolves it.
    const commentId = authorView.comments[0]!.id;
    expect((await act({ intent: "resolve-comment", commentId }, reviewer)).status).toBe(409);
    expect((await act({ intent: "resolve-comment", commentId }, author)).status).toBe(200);

    const approved = await act({ intent: "approve", comment: "", reviewedHash: hash }, reviewer);
    expect(approved.status).toBe(302);
    expect((await prisma.draft.findUniqueOrThrow({ where: { id: draftId } })).status).toBe("published");

    const actions = await prisma.auditEntry.findMany({
      where: { subjectId: draftId, action: { startsWith: "studio.review_comment" } },
      select: { action: true },
    });
    expect(actions.map((a) => a.action).sort()).toEqual([
      "studio.review_comment_added",
      "studio.review_comment_resolved",
    ]);
  });
});
