// Written case studies through the real routes: the officer writes and maps a case, an assessor in scope accepts
// it or returns it with a comment, an accepted one is never edited, and only accepted ones count for Level 2.
import { beforeAll, describe, expect, it } from "vitest";
import { standingsOf } from "../../app/certification/evidence.server";
import { prisma } from "../../app/db/db.server";
import { action as reviewAction, loader as reviewLoader } from "../../app/routes/case-studies";
import { action as officerAction, loader as officerLoader } from "../../app/routes/certification.case-studies";
import { cookieFor, get, post, run, seedOnce } from "../support/app";

const L2 = "facilitator-level-2";
let thao: { id: string };
const cookies = {} as Record<"north" | "south" | "thao" | "sam", string>;

const caseStudy = (extra: Record<string, string> = {}) => ({
  submissionKey: crypto.randomUUID(),
  title: "Shoplifting at the corner store",
  narrative:
    "A fifteen-year-old took goods from a family-owned store; the owner agreed to meet the young person and a parent after two pre-meetings.",
  whatIDid: "Prepared each side separately, agreed ground rules, and held the joint meeting in the school library.",
  whatILearned: "I rushed the owner's turn to speak; next time I will leave more silence before moving on.",
  "justify-empathy": "I acknowledged the owner's fear about the store before asking the young person to speak.",
  ...extra,
});

const caseStudiesReq = async () =>
  (await standingsOf(thao.id)).get(L2)!.requirements.find((r) => r.kind === "case_studies") as unknown as {
    accepted: number;
    met: boolean;
  };
const auditOf = async (id: string) =>
  (await prisma.auditEntry.findMany({ where: { subjectId: id }, orderBy: { at: "asc" } })).map((a) => a.action);

beforeAll(async () => {
  await seedOnce();
  thao = await prisma.user.findUniqueOrThrow({ where: { email: "t.nguyen@example.org" } });
  for (const [name, email] of Object.entries({
    north: "supervisor@example.org",
    south: "supervisor2@example.org",
    thao: "t.nguyen@example.org",
    sam: "officer2@example.org",
  })) {
    cookies[name as keyof typeof cookies] = await cookieFor(email);
  }
  // The South supervisor is an assessor too, but Thao is not in a unit they supervise.
  const south = await prisma.user.findUniqueOrThrow({ where: { email: "supervisor2@example.org" } });
  await prisma.permissionGrant.upsert({
    where: { userId_permission: { userId: south.id, permission: "observations:record" } },
    create: { userId: south.id, permission: "observations:record", grantedById: south.id },
    update: {},
  });
});

describe("case studies", () => {
  it("refuses a case study with no competency mapped, or a mapping without a justification, and saves nothing", async () => {
    const before = await prisma.caseStudy.count();
    const none = await run(
      officerAction,
      post("/certification/case-studies", caseStudy({ "justify-empathy": "" }), cookies.thao),
    );
    expect(none.status).toBe(400);
    expect(none.data.errors.competencies).toMatch(/at least one competency/);
    const thin = await run(
      officerAction,
      post("/certification/case-studies", caseStudy({ "justify-safety": "Yes." }), cookies.thao),
    );
    expect(thin.status).toBe(400);
    expect(thin.data.errors["justify-safety"]).toMatch(/Justify safety/);
    expect(await prisma.caseStudy.count()).toBe(before);
  });

  it("is submitted by the officer, returned with a required comment, revised, accepted in scope, then never edited", async () => {
    const form = caseStudy();
    expect((await run(officerAction, post("/certification/case-studies", form, cookies.thao))).status).toBe(200);
    const row = await prisma.caseStudy.findUniqueOrThrow({ where: { submissionKey: form.submissionKey } });
    expect(row).toMatchObject({ officerId: thao.id, status: "submitted" });
    expect(JSON.parse(row.competencyMap)).toEqual([{ competency: "empathy", justification: form["justify-empathy"] }]);
    const review = (cookie: string, fields: Record<string, string>) =>
      run(reviewAction, post("/case-studies", { caseStudyId: row.id, ...fields }, cookie));

    // Only holders of the assessor grant reach the review page; an assessor out of scope sees nothing and may do nothing.
    expect((await run(reviewLoader, get("/case-studies", cookies.thao))).status).toBe(403);
    expect((await review(cookies.thao, { intent: "accept" })).status).toBe(403);
    expect(
      (await run(reviewLoader, get("/case-studies", cookies.south))).data.waiting.map((c: { id: string }) => c.id),
    ).not.toContain(row.id);
    expect((await review(cookies.south, { intent: "accept" })).status).toBe(404);
    expect(
      (await run(reviewLoader, get("/case-studies", cookies.north))).data.waiting.map((c: { id: string }) => c.id),
    ).toContain(row.id);

    // Returning asks for a comment; the officer revises and resubmits.
    expect((await review(cookies.north, { intent: "return", comment: " " })).status).toBe(400);
    expect((await prisma.caseStudy.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("submitted");
    expect(
      (await review(cookies.north, { intent: "return", comment: "Add what you did about safety during the meeting." }))
        .status,
    ).toBe(200);
    expect(
      (
        await run(
          officerAction,
          post(
            "/certification/case-studies",
            { ...caseStudy({ caseStudyId: row.id }), title: "Someone else's case" },
            cookies.sam,
          ),
        )
      ).status,
    ).toBe(404);
    const revised = caseStudy({
      caseStudyId: row.id,
      "justify-safety":
        "I paused the meeting when the parent raised their voice and checked in with the owner privately.",
    });
    expect((await run(officerAction, post("/certification/case-studies", revised, cookies.thao))).status).toBe(200);
    expect(await prisma.caseStudy.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "submitted" });

    expect((await caseStudiesReq()).accepted).toBe(0);
    expect((await review(cookies.north, { intent: "accept" })).status).toBe(200);
    expect(await caseStudiesReq()).toMatchObject({ accepted: 1, met: false });

    // Accepted, it is a record: no revision, no second review.
    const late = await run(
      officerAction,
      post("/certification/case-studies", { ...revised, title: "A new title after acceptance" }, cookies.thao),
    );
    expect(late.status).toBe(409);
    expect(late.data.errors.form).toMatch(/cannot be changed/);
    expect((await review(cookies.north, { intent: "return", comment: "Second thoughts." })).status).toBe(409);
    expect(await prisma.caseStudy.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: "accepted",
      title: form.title,
    });

    expect(await auditOf(row.id)).toEqual([
      "case_study.submitted",
      "case_study.returned",
      "case_study.revised",
      "case_study.accepted",
    ]);
    const page = await run(officerLoader, get("/certification/case-studies", cookies.thao));
    expect(page.data.caseStudies.find((c: { id: string }) => c.id === row.id)).toMatchObject({
      status: "accepted",
      competencies: [{ competency: "empathy" }, { competency: "safety" }],
    });
  });

  it("seeds a Level 2 candidate with one accepted and one waiting case study", async () => {
    const aisha = await prisma.user.findUniqueOrThrow({ where: { email: "a.johnson@example.org" } });
    const req = (await standingsOf(aisha.id)).get(L2)!.requirements.find((r) => r.kind === "case_studies");
    expect(req).toMatchObject({ accepted: 1, required: 3, met: false });
    expect(
      (await run(reviewLoader, get("/case-studies", cookies.north))).data.waiting.map(
        (c: { officer: { id: string } }) => c.officer.id,
      ),
    ).toContain(aisha.id);
  });
});
