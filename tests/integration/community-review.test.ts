// Community review (docs/decisions/0180-community-review.md) through the routes: a trainer flags a draft, a
// community reviewer of the agency reviews the text shown against the checklist, and publishing waits for a
// review of the current text. Each rule is checked with what the database holds afterwards.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "../../app/db/db.server";
import { loader as homeLoader } from "../../app/routes/_index";
import { action as adminAction } from "../../app/routes/admin.users";
import { loader as modulesLoader } from "../../app/routes/modules._index";
import { action as studioAction, loader as studioLoader } from "../../app/routes/studio._index";
import { action as communityAction, loader as communityLoader } from "../../app/routes/studio.community.$draftId";
import { loader as communityListLoader } from "../../app/routes/studio.community._index";
import { action as draftAction, loader as draftLoader } from "../../app/routes/studio.drafts.$draftId";
import { action as scenarioAction } from "../../app/routes/studio.scenarios.$slug._index";
import { loader as versionLoader } from "../../app/routes/studio.scenarios.$slug.versions.$number";
import { latestVersionOf } from "../../app/scenarios/library.server";
import { cookieFor, get, post, run, seedOnce } from "../support/app";

const SLUG = "burglary-dialogue";
let trainer: string;
let trainer2: string;
let advocate: string;
let admin: string;

beforeAll(async () => {
  await seedOnce();
  trainer = await cookieFor("trainer@example.org");
  trainer2 = await cookieFor("trainer2@example.org");
  advocate = await cookieFor("advocate@example.org");
  admin = await cookieFor("admin@example.org");
});

const draftUrl = (id: string) => `/studio/drafts/${id}`;
const communityUrl = (id: string) => `/studio/community/${id}`;

async function newSubmittedDraft(): Promise<string> {
  const latest = await latestVersionOf(SLUG);
  const res = await run(
    scenarioAction,
    post(`/studio/scenarios/${SLUG}`, { intent: "copy", versionId: latest!.id }, trainer),
    { slug: SLUG },
  );
  const id = res.headers.get("Location")!.split("/").pop()!;
  expect((await run(draftAction, post(draftUrl(id), { intent: "submit" }, trainer), { draftId: id })).status).toBe(200);
  return id;
}

async function flag(id: string, cookie = trainer) {
  return run(draftAction, post(draftUrl(id), { intent: "request-community-review" }, cookie), { draftId: id });
}

/** The checklist form: every item "no concern" unless named in `concerns` (with a note). */
function reviewFields(
  hash: string,
  opts: { concerns?: string[]; decision?: string; comment?: string } = {},
): Record<string, string> {
  const fields: Record<string, string> = {
    reviewedHash: hash,
    decision: opts.decision ?? "no_concerns",
    comment: opts.comment ?? "",
  };
  for (const item of ["retraumatizing", "stereotypes", "unsafeAdvice", "victimVoice"]) {
    const concern = opts.concerns?.includes(item);
    fields[item] = concern ? "concern" : "none";
    fields[`${item}Note`] = concern ? `Note on ${item}: the harmed person's account is too graphic here.` : "";
  }
  return fields;
}

/** Opens the community reviewer's page (as the reviewer would), then records a review of the text it showed. */
async function communityReview(id: string, opts: Parameters<typeof reviewFields>[1] = {}, cookie = advocate) {
  const page = await run(communityLoader, get(communityUrl(id), cookie), { draftId: id });
  expect(page.status).toBe(200);
  return run(communityAction, post(communityUrl(id), reviewFields(page.data.draft.sourceHash, opts), cookie), {
    draftId: id,
  });
}

async function approve(id: string, comment = "") {
  const page = await run(draftLoader, get(draftUrl(id), trainer2), { draftId: id });
  return run(
    draftAction,
    post(draftUrl(id), { intent: "approve", comment, reviewedHash: page.data.draft.sourceHash }, trainer2),
    { draftId: id },
  );
}

async function auditOf(id: string, action: string) {
  return prisma.auditEntry.findMany({ where: { subjectId: id, action }, orderBy: { at: "asc" } });
}

describe("flagging a draft for community review", () => {
  it("the author or the reviewing trainer flags it, once, with an audit entry; the flag shows on the draft page", async () => {
    const id = await newSubmittedDraft();
    expect((await flag(id)).status).toBe(200);
    const draft = await prisma.draft.findUniqueOrThrow({ where: { id } });
    expect(draft.communityReviewRequestedAt).not.toBeNull();
    expect(draft.communityReviewRequestedById).toBe(
      (await prisma.user.findUniqueOrThrow({ where: { email: "trainer@example.org" } })).id,
    );
    // Flagging again changes nothing and is not audited twice.
    expect((await flag(id, trainer2)).status).toBe(200);
    const entries = await auditOf(id, "studio.community_review_requested");
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.after!)).toMatchObject({ draft: draft.title, revision: 1 });
    const page = await run(draftLoader, get(draftUrl(id), trainer2), { draftId: id });
    expect(page.data.community).toMatchObject({
      requestedByName: "Jordan Ellis",
      currentTextReviewed: false,
      reviews: [],
    });
    expect(page.data.canRequestCommunityReview).toBe(false);

    const byReviewer = await newSubmittedDraft();
    expect((await flag(byReviewer, trainer2)).status).toBe(200);
    expect(
      (await prisma.draft.findUniqueOrThrow({ where: { id: byReviewer } })).communityReviewRequestedAt,
    ).not.toBeNull();
  });

  it("a module draft can be flagged and reviewed too", async () => {
    const res = await run(studioAction, post("/studio", { intent: "new", kind: "module" }, trainer));
    const id = res.headers.get("Location")!.split("/").pop()!;
    expect((await flag(id)).status).toBe(200);
    expect((await communityReview(id)).status).toBe(200);
    expect(await prisma.communityReview.count({ where: { draftId: id } })).toBe(1);
  });
});

describe("publishing a flagged draft", () => {
  it("is refused with a clear message until a community review of the current text is recorded, then records it on the version", async () => {
    const id = await newSubmittedDraft();
    await flag(id);
    const before = await latestVersionOf(SLUG);
    const refused = await approve(id, "Looks right.");
    expect(refused.status).toBe(409);
    expect(refused.data.errors.form).toMatch(/needs a community review of its current text before it can be published/);
    expect((await latestVersionOf(SLUG))!.number).toBe(before!.number);
    expect((await prisma.draft.findUniqueOrThrow({ where: { id } })).status).toBe("submitted");

    expect((await communityReview(id)).status).toBe(200);
    const approved = await approve(id, "Looks right.");
    expect(approved.status).toBe(302);
    const version = await latestVersionOf(SLUG);
    expect(version!.number).toBe(before!.number + 1);
    const review = await prisma.communityReview.findFirstOrThrow({ where: { draftId: id } });
    expect(review.scenarioVersionId).toBe(version!.id);
    expect(JSON.parse((await auditOf(id, "studio.draft_approved"))[0]!.after!)).toMatchObject({ communityReviews: 1 });

    // The studio's version page says who reviewed the text, when, and the checklist.
    const page = await run(versionLoader, get(`/studio/scenarios/${SLUG}/versions/${version!.number}`, trainer), {
      slug: SLUG,
      number: String(version!.number),
    });
    expect(page.data.communityReviews).toEqual([
      expect.objectContaining({
        reviewerName: "Robin Alvarez",
        decision: "no_concerns",
        checklist: expect.objectContaining({ victimVoice: { concern: false, note: null } }),
      }),
    ]);
  });

  it("an unflagged draft publishes as before", async () => {
    const id = await newSubmittedDraft();
    expect((await approve(id)).status).toBe(302);
  });

  it("a review of an earlier text does not count: a changed draft needs a new review", async () => {
    const id = await newSubmittedDraft();
    await flag(id);
    expect((await communityReview(id)).status).toBe(200);
    const draft = await prisma.draft.findUniqueOrThrow({ where: { id } });
    const edited = draft.source.replace(/^title: .*$/m, "title: After the break-in (community edit)");
    expect(
      (await run(draftAction, post(draftUrl(id), { intent: "save", source: edited }, trainer), { draftId: id })).status,
    ).toBe(200);
    expect((await run(draftAction, post(draftUrl(id), { intent: "submit" }, trainer), { draftId: id })).status).toBe(
      200,
    );

    const refused = await approve(id);
    expect(refused.status).toBe(409);
    expect(refused.data.errors.form).toMatch(/a review of an earlier text does not count/);
    const list = await run(communityListLoader, get("/studio/community", advocate));
    expect(list.data.waiting.map((d: { id: string }) => d.id)).toContain(id);

    expect((await communityReview(id)).status).toBe(200);
    expect((await approve(id)).status).toBe(302);
    // Only the review of the published text is named on the version.
    const reviews = await prisma.communityReview.findMany({ where: { draftId: id }, orderBy: { revision: "asc" } });
    expect(reviews.map((r) => r.revision)).toEqual([1, 2]);
    expect(reviews[0]!.scenarioVersionId).toBeNull();
    expect(reviews[1]!.scenarioVersionId).not.toBeNull();
  });

  it("a review of text the reviewer was not shown is refused and records nothing", async () => {
    const id = await newSubmittedDraft();
    await flag(id);
    const page = await run(communityLoader, get(communityUrl(id), advocate), { draftId: id });
    const draft = await prisma.draft.findUniqueOrThrow({ where: { id } });
    await run(
      draftAction,
      post(
        draftUrl(id),
        { intent: "save", source: draft.source.replace(/^title: .*$/m, "title: Changed under the reviewer") },
        trainer,
      ),
      { draftId: id },
    );
    const stale = await run(
      communityAction,
      post(communityUrl(id), reviewFields(page.data.draft.sourceHash), advocate),
      { draftId: id },
    );
    expect(stale.status).toBe(409);
    expect(stale.data.errors.form).toMatch(/changed since you opened it/);
    expect(stale.data.changes.added).toBeGreaterThan(0);
    expect(await prisma.communityReview.count({ where: { draftId: id } })).toBe(0);
  });

  it("concerns to address: the approving trainer must say how they were addressed", async () => {
    const id = await newSubmittedDraft();
    await flag(id);
    const recorded = await communityReview(id, {
      concerns: ["retraumatizing"],
      decision: "concerns",
      comment: "Cut the detail of the injuries in the opening.",
    });
    expect(recorded.status).toBe(200);
    const refused = await approve(id, "");
    expect(refused.status).toBe(409);
    expect(refused.data.errors.form).toMatch(/raised concerns/);
    expect((await approve(id, "Discussed with the reviewer: the detail serves the debrief on safety.")).status).toBe(
      302,
    );
  });
});

describe("recording a community review", () => {
  it("records the checklist, the decision and the comment, with an audit entry; the trainer's draft page shows it", async () => {
    const id = await newSubmittedDraft();
    await flag(id);
    const res = await communityReview(id, {
      concerns: ["stereotypes", "victimVoice"],
      decision: "concerns",
      comment: "The harmed person is spoken for.",
    });
    expect(res.status).toBe(200);
    const review = await prisma.communityReview.findFirstOrThrow({ where: { draftId: id } });
    expect(review).toMatchObject({ decision: "concerns", comment: "The harmed person is spoken for.", revision: 1 });
    expect(JSON.parse(review.checklist)).toMatchObject({
      stereotypes: { concern: true },
      victimVoice: { concern: true },
      unsafeAdvice: { concern: false, note: null },
    });
    const [entry] = await auditOf(id, "studio.community_review_recorded");
    expect(entry!.actorId).toBe(review.reviewerId);
    expect(JSON.parse(entry!.after!)).toMatchObject({
      decision: "concerns",
      concerns: ["stereotypes", "victimVoice"],
      revision: 1,
    });

    const page = await run(draftLoader, get(draftUrl(id), trainer), { draftId: id });
    expect(page.data.community).toMatchObject({
      currentTextReviewed: true,
      reviews: [expect.objectContaining({ reviewerName: "Robin Alvarez", ofCurrentText: true })],
    });
  });

  it("refuses an incomplete or self-contradicting checklist with a message, and records nothing", async () => {
    const id = await newSubmittedDraft();
    await flag(id);
    const page = await run(communityLoader, get(communityUrl(id), advocate), { draftId: id });
    const hash = page.data.draft.sourceHash;
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ ...reviewFields(hash), stereotypes: "" }, "stereotypes", /choose "no concern" or "concern"/],
      [
        {
          ...reviewFields(hash, { concerns: ["unsafeAdvice"], decision: "concerns", comment: "x" }),
          unsafeAdviceNote: " ",
        },
        "unsafeAdviceNote",
        /say what the concern is/,
      ],
      [reviewFields(hash, { concerns: ["unsafeAdvice"], decision: "no_concerns" }), "decision", /You marked a concern/],
      [reviewFields(hash, { decision: "concerns", comment: "" }), "comment", /what needs to be addressed/],
      [reviewFields(hash, { decision: "maybe" }), "decision", /Choose a decision/],
      [{ ...reviewFields(hash), reviewedHash: "nope" }, "form", /Open the draft again/],
    ];
    for (const [fields, key, message] of cases) {
      const res = await run(communityAction, post(communityUrl(id), fields, advocate), { draftId: id });
      expect(res.status, key).toBe(400);
      expect(res.data.errors[key], key).toMatch(message);
    }
    expect(await prisma.communityReview.count({ where: { draftId: id } })).toBe(0);
  });

  it("only a community reviewer records it: trainers and admins are refused", async () => {
    const id = await newSubmittedDraft();
    await flag(id);
    const hash = (await run(draftLoader, get(draftUrl(id), trainer2), { draftId: id })).data.draft.sourceHash;
    for (const cookie of [trainer, trainer2, admin]) {
      const res = await run(communityAction, post(communityUrl(id), reviewFields(hash), cookie), { draftId: id });
      expect(res.status).toBe(403);
    }
    expect(await prisma.communityReview.count({ where: { draftId: id } })).toBe(0);
  });

  it("a draft nobody flagged is not found by the community reviewer, on its page or in the list", async () => {
    const id = await newSubmittedDraft();
    expect((await run(communityLoader, get(communityUrl(id), advocate), { draftId: id })).status).toBe(404);
    const hash = (await run(draftLoader, get(draftUrl(id), trainer2), { draftId: id })).data.draft.sourceHash;
    expect(
      (await run(communityAction, post(communityUrl(id), reviewFields(hash), advocate), { draftId: id })).status,
    ).toBe(404);
    const list = await run(communityListLoader, get("/studio/community", advocate));
    expect(list.data.waiting.map((d: { id: string }) => d.id)).not.toContain(id);
    expect(await prisma.communityReview.count({ where: { draftId: id } })).toBe(0);
  });
});

describe("the community reviewer's account", () => {
  it("an admin creates one on /admin/users; it sees the community review pages and nothing else of the studio or training", async () => {
    const created = await run(
      adminAction,
      post(
        "/admin/users",
        {
          intent: "create",
          name: "Jamie Booker",
          email: "j.booker@advocates.example",
          role: "community_reviewer",
          unitId: "",
          password: "a-long-enough-password",
        },
        admin,
      ),
    );
    expect(created.status).toBe(200);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "j.booker@advocates.example" } });
    expect(user.role).toBe("community_reviewer");
    const cookie = await cookieFor(user.email);
    expect((await run(communityListLoader, get("/studio/community", cookie))).status).toBe(200);
    const home = await run(homeLoader, get("/", cookie));
    expect(home.status).toBe(200);
    expect(home.data.role).toBe("community_reviewer");
    expect((await run(studioLoader, get("/studio", cookie))).status).toBe(403);
    expect((await run(modulesLoader, get("/modules", cookie))).status).toBe(403);
    const id = await newSubmittedDraft();
    await flag(id);
    expect((await run(draftLoader, get(draftUrl(id), cookie), { draftId: id })).status).toBe(403);
    expect((await run(communityLoader, get(communityUrl(id), cookie), { draftId: id })).status).toBe(200);
  });
});

describe("agency scoping", () => {
  it("another agency's community reviewer cannot list, read or review the agency's flagged drafts", async () => {
    const id = await newSubmittedDraft();
    await flag(id);
    const elsewhere = await prisma.agency.create({ data: { name: "Harbor City Police Department" } });
    await prisma.user.create({
      data: {
        email: "advocate@harbor.example",
        name: "Harbor Advocate",
        role: "community_reviewer",
        agencyId: elsewhere.id,
        unitId: null,
        passwordHash: "x",
      },
    });
    const cookie = await cookieFor("advocate@harbor.example");
    const list = await run(communityListLoader, get("/studio/community", cookie));
    expect(list.status).toBe(200);
    expect([...list.data.waiting, ...list.data.reviewed]).toEqual([]);
    expect((await run(communityLoader, get(communityUrl(id), cookie), { draftId: id })).status).toBe(404);
    const hash = (await run(communityLoader, get(communityUrl(id), advocate), { draftId: id })).data.draft.sourceHash;
    expect(
      (await run(communityAction, post(communityUrl(id), reviewFields(hash), cookie), { draftId: id })).status,
    ).toBe(404);
    expect(await prisma.communityReview.count({ where: { draftId: id } })).toBe(0);
    expect(
      await prisma.auditEntry.count({ where: { subjectId: id, action: "studio.community_review_recorded" } }),
    ).toBe(0);
  });
});
