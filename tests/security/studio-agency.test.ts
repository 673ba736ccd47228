// Studio scoping between agencies (docs/decisions/0121-studio-agency-scoping.md): drafts, reviews and analytics
// belong to the trainer's agency; the published library is shared. A second agency, seeded here, tries the first
// agency's drafts through every route that takes a draft id, and plays a scenario the first agency analyses.
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../app/auth/roles";
import { prisma } from "../../app/db/db.server";
import * as home from "../../app/routes/_index";
import * as studio from "../../app/routes/studio._index";
import * as draftRoute from "../../app/routes/studio.drafts.$draftId";
import * as draftMdx from "../../app/routes/studio.drafts.$draftId[.]mdx";
import * as studioScenario from "../../app/routes/studio.scenarios.$slug._index";
import * as analytics from "../../app/routes/studio.scenarios.$slug.analytics";
import * as audit from "../../app/routes/supervisor.audit";
import { choose, startOrResume } from "../../app/scenarios/attempts.server";
import { latestVersionOf, loadVersion } from "../../app/scenarios/library.server";
import { cookieFor, get, post, run, seedOnce } from "../support/app";
import { snapshot, textOf } from "../support/security";

const SLUG = "burglary-dialogue";
const ANALYSED = "school-circle";
let trainer: string; // Riverside, the demo agency
let trainer2: string; // Riverside
let lakesideTrainer: string;
let lakesideAdmin: string;
let lakeside: { agencyId: string; unitId: string; officers: SessionUser[] };
let scenarioDraftId: string;
let moduleDraftId: string;

const draftIdOf = (res: { headers: Headers }) => res.headers.get("Location")!.split("/").pop()!;

beforeAll(async () => {
  await seedOnce();
  const agency = await prisma.agency.create({
    data: { name: "Lakeside County Sheriff's Office", units: { create: { name: "Lakeside Patrol" } } },
    include: { units: true },
  });
  const unitId = agency.units[0]!.id;
  const person = (email: string, name: string, role: string, unit: string | null) =>
    prisma.user.create({ data: { email, name, role, agencyId: agency.id, unitId: unit, passwordHash: "x" } });
  await person("trainer@lakeside.example", "Lakeside Trainer", "trainer", unitId);
  await person("admin@lakeside.example", "Lakeside Admin", "admin", null);
  const officers = await Promise.all(
    [1, 2, 3].map((i) => person(`officer${i}@lakeside.example`, `Lakeside Officer ${i}`, "officer", unitId)),
  );
  lakeside = {
    agencyId: agency.id,
    unitId,
    officers: officers.map((o) => ({
      id: o.id,
      email: o.email,
      name: o.name,
      role: "officer",
      agencyId: o.agencyId,
      unitId: o.unitId,
    })),
  };

  trainer = await cookieFor("trainer@example.org");
  trainer2 = await cookieFor("trainer2@example.org");
  lakesideTrainer = await cookieFor("trainer@lakeside.example");
  lakesideAdmin = await cookieFor("admin@lakeside.example");

  // Riverside's trainer: a submitted scenario draft and a module draft.
  const latest = await latestVersionOf(SLUG);
  scenarioDraftId = draftIdOf(
    await run(
      studioScenario.action,
      post(`/studio/scenarios/${SLUG}`, { intent: "copy", versionId: latest!.id }, trainer),
      { slug: SLUG },
    ),
  );
  expect(
    (
      await run(draftRoute.action, post(`/studio/drafts/${scenarioDraftId}`, { intent: "submit" }, trainer), {
        draftId: scenarioDraftId,
      })
    ).status,
  ).toBe(200);
  moduleDraftId = draftIdOf(await run(studio.action, post("/studio", { intent: "new", kind: "module" }, trainer)));
});

describe("drafts and reviews belong to the trainer's agency", () => {
  it("another agency's trainer cannot list, read, download, save, submit, approve or return them, and nothing changes", async () => {
    const reviewedHash = (
      await run(draftRoute.loader, get(`/studio/drafts/${scenarioDraftId}`, trainer2), { draftId: scenarioDraftId })
    ).data.draft.sourceHash;
    expect(reviewedHash).toMatch(/^[0-9a-f]{64}$/);
    const before = await snapshot();

    const list = await run(studio.loader, get("/studio", lakesideTrainer));
    expect(list.status).toBe(200);
    expect(list.data.drafts).toEqual([]);
    expect(textOf((await run(home.loader, get("/", lakesideTrainer))).data)).not.toMatch(/waiting for your review/);

    for (const draftId of [scenarioDraftId, moduleDraftId]) {
      expect(
        (await run(draftRoute.loader, get(`/studio/drafts/${draftId}`, lakesideTrainer), { draftId })).status,
        "page",
      ).toBe(404);
      expect(
        (await run(draftMdx.loader, get(`/studio/drafts/${draftId}.mdx`, lakesideTrainer), { draftId })).status,
        "download",
      ).toBe(404);
      for (const [who, cookie] of [
        ["trainer", lakesideTrainer],
        ["admin", lakesideAdmin],
      ] as const) {
        for (const fields of <Record<string, string>[]>[
          { intent: "save", source: "slug: taken-over" },
          { intent: "submit" },
          { intent: "approve", comment: "", reviewedHash },
          { intent: "return", comment: "Not ours to return.", reviewedHash },
        ]) {
          const res = await run(draftRoute.action, post(`/studio/drafts/${draftId}`, fields, cookie), { draftId });
          expect(res.status, `${who} ${fields.intent}`).toBe(404);
        }
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it("an agency's trainers see their own agency's drafts, and the other agency's admin does not see them in the audit trail", async () => {
    const own = draftIdOf(
      await run(studio.action, post("/studio", { intent: "new", kind: "scenario" }, lakesideTrainer)),
    );
    expect((await prisma.draft.findUniqueOrThrow({ where: { id: own } })).agencyId).toBe(lakeside.agencyId);
    expect(
      (await run(studio.loader, get("/studio", lakesideTrainer))).data.drafts.map((d: { id: string }) => d.id),
    ).toEqual([own]);
    const riverside = (await run(studio.loader, get("/studio", trainer2))).data.drafts.map((d: { id: string }) => d.id);
    expect(riverside).toContain(scenarioDraftId);
    expect(riverside).not.toContain(own);
    expect((await run(draftRoute.loader, get(`/studio/drafts/${own}`, trainer2), { draftId: own })).status).toBe(404);

    const trail = textOf((await run(audit.loader, get("/supervisor/audit", lakesideAdmin))).data);
    expect(trail).toContain(own);
    expect(trail).not.toContain(scenarioDraftId);
    expect(trail).not.toContain(moduleDraftId);
  });

  it("shares the published library: another agency's trainer opens and copies a version into a draft of their own agency", async () => {
    const latest = await latestVersionOf(SLUG);
    expect(
      (await run(studioScenario.loader, get(`/studio/scenarios/${SLUG}`, lakesideTrainer), { slug: SLUG })).status,
    ).toBe(200);
    const copy = draftIdOf(
      await run(
        studioScenario.action,
        post(`/studio/scenarios/${SLUG}`, { intent: "copy", versionId: latest!.id }, lakesideTrainer),
        { slug: SLUG },
      ),
    );
    expect(await prisma.draft.findUniqueOrThrow({ where: { id: copy } })).toMatchObject({
      agencyId: lakeside.agencyId,
      basedOnVersionId: latest!.id,
    });
  });
});

describe("analytics count only the reader's agency's attempts", () => {
  it("ignores another agency's officers, whose own trainer sees exactly theirs", async () => {
    const url = `/studio/scenarios/${ANALYSED}/analytics`;
    const riversideBefore = await run(analytics.loader, get(url, trainer), { slug: ANALYSED });
    const riversideAttempts = await prisma.attempt.count({
      where: { scenarioSlug: ANALYSED, user: { agency: { name: "Riverside Police Department" } } },
    });
    expect(riversideBefore.data.attempts).toBe(riversideAttempts);

    // Lakeside: two officers play the model path to the end; the third makes another first choice and stops.
    const version = await loadVersion((await latestVersionOf(ANALYSED))!.id);
    const { scenario, modelPath } = version!.compiled;
    for (const officer of lakeside.officers.slice(0, 2)) {
      const a = await startOrResume(officer, ANALYSED);
      for (const [i, step] of modelPath.entries()) await choose(officer, a!.attemptId, i, step.choiceId);
    }
    const other = scenario.nodes[scenario.start]!.choices.find((c) => c.id !== modelPath[0]!.choiceId)!;
    const third = await startOrResume(lakeside.officers[2]!, ANALYSED);
    await choose(lakeside.officers[2]!, third!.attemptId, 0, other.id);

    const riversideAfter = await run(analytics.loader, get(url, trainer), { slug: ANALYSED });
    expect(riversideAfter.data).toEqual(riversideBefore.data);
    const byLakesideUnit = await run(analytics.loader, get(`${url}?unit=${lakeside.unitId}`, trainer), {
      slug: ANALYSED,
    });
    expect(byLakesideUnit.data).toMatchObject({ attempts: 0, completed: 0 });

    const theirs = await run(analytics.loader, get(url, lakesideTrainer), { slug: ANALYSED });
    expect(theirs.data).toMatchObject({ attempts: 3, completed: 2, passed: 2, passRate: 100 });
    const start = theirs.data.nodes.find((n: { id: string }) => n.id === scenario.start);
    expect(start.reached).toBe(3);
    expect(start.choices.find((c: { id: string }) => c.id === modelPath[0]!.choiceId).times).toBe(2);
    expect(theirs.data.units).toEqual([{ id: lakeside.unitId, name: "Lakeside Patrol" }]);
  });
});
