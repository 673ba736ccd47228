// Observed assessment through the real routes: who may record for whom, evidence notes, the officer's one
// response, the second assessor's blind scoring and the agreement that shows afterwards.
import { beforeAll, describe, expect, it } from "vitest";
import type { Level } from "../../app/certification/rubric-format";
import { prisma } from "../../app/db/db.server";
import { action as usersAction } from "../../app/routes/admin.users";
import { loader as certificationLoader } from "../../app/routes/certification._index";
import { action as observationAction, loader as observationLoader } from "../../app/routes/observations.$observationId";
import { loader as indexLoader } from "../../app/routes/observations._index";
import { loader as agreementLoader } from "../../app/routes/observations.agreement";
import { action as newAction, loader as newLoader } from "../../app/routes/observations.new";
import { loader as recordLoader } from "../../app/routes/supervisor.officers.$officerId._index";
import { cookieFor, get, post, run, seedOnce } from "../support/app";
import { criterionIds, observationFields, scoringFields } from "../support/observations";

let thao: { id: string };
let daniel: { id: string };
const cookies: Record<string, string> = {};
let observationId = "";

async function counts() {
  return {
    observations: await prisma.observation.count(),
    scorings: await prisma.observationScoring.count(),
    criteria: await prisma.criterionScore.count(),
  };
}

async function grant(email: string, held = true) {
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  return run(
    usersAction,
    post(
      "/admin/users",
      { intent: "grant", userId: user.id, permission: "observations:record", held: held ? "yes" : "no" },
      cookies.admin,
    ),
  );
}

beforeAll(async () => {
  await seedOnce();
  thao = await prisma.user.findUniqueOrThrow({ where: { email: "t.nguyen@example.org" } });
  daniel = await prisma.user.findUniqueOrThrow({ where: { email: "d.osei@example.org" } });
  for (const [name, email] of Object.entries({
    admin: "admin@example.org",
    north: "supervisor@example.org",
    south: "supervisor2@example.org",
    trainer: "trainer@example.org",
    trainer2: "trainer2@example.org",
    thao: "t.nguyen@example.org",
    alex: "officer@example.org",
  }))
    cookies[name] = await cookieFor(email);
  // Grants are checked on every request (sessions read them), so these cookies stay valid as grants change.
  await prisma.permissionGrant.deleteMany();
});

describe("the assessor permission", () => {
  it("is granted per person by an admin, audited, and only to supervisors and trainers", async () => {
    const audited = () =>
      prisma.auditEntry.findMany({ where: { action: "user.permission_granted" }, orderBy: { at: "asc" } });
    const before = (await audited()).length;
    expect((await grant("supervisor@example.org")).status).toBe(200);
    expect((await grant("trainer@example.org")).status).toBe(200);
    const entries = (await audited()).slice(before);
    expect(entries).toHaveLength(2);
    expect(JSON.parse(entries[0]!.after!)).toEqual({ permission: "observations:record", held: true });
    const refused = await grant("t.nguyen@example.org");
    expect(refused.status).toBe(400);
    expect(refused.data.errors.permission).toMatch(/only a supervisor or a trainer/);
    expect(await prisma.permissionGrant.count()).toBe(2);
    // Only an admin grants.
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "trainer2@example.org" } });
    const bySupervisor = await run(
      usersAction,
      post(
        "/admin/users",
        { intent: "grant", userId: user.id, permission: "observations:record", held: "yes" },
        cookies.north,
      ),
    );
    expect(bySupervisor.status).toBe(403);
    expect(await prisma.permissionGrant.count()).toBe(2);
  });

  it("refuses the observation pages to everyone without it: officers, supervisors and trainers not granted, admins", async () => {
    for (const who of ["thao", "south", "trainer2", "admin"]) {
      expect((await run(newLoader, get("/observations/new", cookies[who]))).status, who).toBe(403);
      expect((await run(indexLoader, get("/observations", cookies[who]))).status, who).toBe(403);
      const before = await counts();
      expect(
        (await run(newAction, post("/observations/new", observationFields(thao.id, ["competent"]), cookies[who])))
          .status,
        who,
      ).toBe(403);
      expect(await counts()).toEqual(before);
    }
  });
});

describe("recording an observation", () => {
  it("offers a supervisor only the officers of the units they supervise, a trainer the agency's", async () => {
    const north = await run(newLoader, get("/observations/new?rubric=facilitating-a-meeting", cookies.north));
    const names = north.data.officers.map((o: { name: string }) => o.name);
    expect(names).toContain("Thao Nguyen");
    expect(names).not.toContain("Daniel Osei");
    expect(north.data.rubric.criteria).toHaveLength(9);
    const trainer = await run(newLoader, get("/observations/new", cookies.trainer));
    expect(trainer.data.officers.map((o: { name: string }) => o.name)).toEqual(
      expect.arrayContaining(["Thao Nguyen", "Daniel Osei"]),
    );
  });

  it("answers 404 and writes nothing for an officer outside the assessor's scope", async () => {
    const before = await counts();
    const res = await run(
      newAction,
      post("/observations/new", observationFields(daniel.id, ["competent"]), cookies.north),
    );
    expect(res.status).toBe(404);
    const staff = await prisma.user.findUniqueOrThrow({ where: { email: "trainer2@example.org" } });
    expect(
      (await run(newAction, post("/observations/new", observationFields(staff.id, ["competent"]), cookies.trainer)))
        .status,
    ).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it("requires a level and evidence notes for every criterion, and a comment, reporting every gap at once", async () => {
    const [first, second, third] = criterionIds();
    const fields = observationFields(thao.id, ["competent"], "gaps", {
      [`evidence-${first}`]: "",
      [`level-${second}`]: "",
      [`evidence-${third}`]: "too short",
      comment: "",
    });
    const before = await counts();
    const res = await run(newAction, post("/observations/new", fields, cookies.north));
    expect(res.status).toBe(400);
    expect(Object.keys(res.data.errors).sort()).toEqual(
      ["comment", `evidence-${first}`, `evidence-${third}`, `level-${second}`].sort(),
    );
    expect(res.data.errors[`evidence-${first}`]).toBe(
      "Preparation shows in the room: write the evidence you saw (at least 10 characters).",
    );
    const wrongKind = await run(
      newAction,
      post(
        "/observations/new",
        observationFields(thao.id, ["competent"], "kind", { processKind: "pre-meeting", observedOn: "2999-01-01" }),
        cookies.north,
      ),
    );
    expect(wrongKind.status).toBe(400);
    expect(Object.keys(wrongKind.data.errors).sort()).toEqual(["observedOn", "processKind"]);
    expect(wrongKind.data.errors.processKind).toMatch(/is for joint meeting or circle/);
    expect(await counts()).toEqual(before);
  });

  it("records the observation with its scoring, once for a resent form, audited without the levels", async () => {
    const fields = observationFields(thao.id, ["competent", "developing", "strong", "competent"], "first");
    const res = await run(newAction, post("/observations/new", fields, cookies.north));
    expect(res.status).toBe(302);
    observationId = res.headers.get("Location")!.match(/^\/observations\/([^?]+)\?recorded=1$/)![1]!;
    const again = await run(newAction, post("/observations/new", fields, cookies.north));
    expect(again.headers.get("Location")).toBe(`/observations/${observationId}?recorded=1`);
    expect(await prisma.observation.count({ where: { officerId: thao.id } })).toBe(1);
    expect(await prisma.criterionScore.count({ where: { scoring: { observationId } } })).toBe(9);
    const audit = await prisma.auditEntry.findFirstOrThrow({
      where: { action: "observation.recorded", subjectId: observationId },
    });
    expect(audit.officerId).toBe(thao.id);
    expect(audit.after).not.toMatch(/competent|developing|strong|Evidence/);
  });
});

describe("the officer's response", () => {
  it("shows the officer the observation with its levels and lets them respond once", async () => {
    const list = await run(certificationLoader, get("/certification", cookies.thao));
    expect(list.data.observations.map((o: { id: string }) => o.id)).toEqual([observationId]);
    const page = await run(observationLoader, get(`/observations/${observationId}`, cookies.thao), { observationId });
    expect(page.data.access).toMatchObject({ canRespond: true, canScore: false, scoresShown: true });
    expect(page.data.scorings[0].criteria.map((c: { level: string }) => c.level).slice(0, 3)).toEqual([
      "competent",
      "developing",
      "strong",
    ]);

    const short = await run(
      observationAction,
      post(`/observations/${observationId}`, { intent: "respond", response: "ok" }, cookies.thao),
      { observationId },
    );
    expect(short.status).toBe(400);
    const res = await run(
      observationAction,
      post(
        `/observations/${observationId}`,
        { intent: "respond", response: "I agree about the opening; I will practise slowing down the agreement." },
        cookies.thao,
      ),
      { observationId },
    );
    expect(res.status).toBe(200);
    const twice = await run(
      observationAction,
      post(
        `/observations/${observationId}`,
        { intent: "respond", response: "Changing my mind about all of it now." },
        cookies.thao,
      ),
      { observationId },
    );
    expect(twice.status).toBe(409);
    expect(twice.data.errors.form).toMatch(/already responded/);
    const row = await prisma.observation.findUniqueOrThrow({ where: { id: observationId } });
    expect(row.officerResponse).toBe("I agree about the opening; I will practise slowing down the agreement.");
    expect(
      await prisma.auditEntry.count({ where: { action: "observation.responded", subjectId: observationId } }),
    ).toBe(1);
  });

  it("keeps other officers and other units out of it", async () => {
    expect(
      (await run(observationLoader, get(`/observations/${observationId}`, cookies.alex), { observationId })).status,
    ).toBe(404);
    expect(
      (
        await run(
          observationAction,
          post(
            `/observations/${observationId}`,
            { intent: "respond", response: "Not my observation to answer." },
            cookies.alex,
          ),
          { observationId },
        )
      ).status,
    ).toBe(404);
    expect(
      (await run(observationLoader, get(`/observations/${observationId}`, cookies.south), { observationId })).status,
    ).toBe(404);
    expect(
      (await run(observationLoader, get(`/observations/${observationId}`, cookies.trainer2), { observationId })).status,
    ).toBe(404);
  });
});

describe("a second, independent scoring", () => {
  it("shows a second assessor none of the first scoring or the response until theirs is saved", async () => {
    const page = await run(observationLoader, get(`/observations/${observationId}`, cookies.trainer), {
      observationId,
    });
    expect(page.status).toBe(200);
    expect(page.data.access).toMatchObject({ canScore: true, scoresShown: false });
    expect(page.data.scorings).toEqual([]);
    expect(page.data.comparison).toEqual([]);
    expect(page.data.rubric.criteria).toHaveLength(9);
    const text = JSON.stringify(page.data);
    for (const hidden of [
      "Evidence first",
      "Overall comment first",
      "I agree about the opening",
      '"level":',
      '"overall":',
    ])
      expect(text).not.toContain(hidden);
    // Nor through the lists: the queue, and the officer's record, carry no levels.
    const queue = await run(indexLoader, get("/observations", cookies.trainer));
    expect(queue.data.waiting.map((o: { id: string }) => o.id)).toContain(observationId);
    expect(JSON.stringify(queue.data)).not.toMatch(/developing|Evidence first/);
    await grant("supervisor2@example.org");
    await prisma.supervisedUnit.create({
      data: {
        supervisorId: (await prisma.user.findUniqueOrThrow({ where: { email: "supervisor2@example.org" } })).id,
        unitId: (await prisma.user.findUniqueOrThrow({ where: { id: thao.id } })).unitId!,
      },
    });
    const record = await run(recordLoader, get(`/supervisor/officers/${thao.id}`, cookies.south), {
      officerId: thao.id,
    });
    expect(record.status).toBe(200);
    expect(JSON.stringify(record.data.observations)).not.toMatch(/developing|competent|Evidence first|I agree/);
    expect(JSON.stringify(record.data.audit)).not.toMatch(/developing|Evidence first|I agree/);
    await prisma.supervisedUnit.deleteMany({
      where: {
        supervisorId: (await prisma.user.findUniqueOrThrow({ where: { email: "supervisor2@example.org" } })).id,
        unitId: (await prisma.user.findUniqueOrThrow({ where: { id: thao.id } })).unitId!,
      },
    });
    await grant("supervisor2@example.org", false);
  });

  it("requires evidence from the second assessor too, then saves and shows both scorings and their agreement", async () => {
    const [first] = criterionIds();
    const gap = await run(
      observationAction,
      post(
        `/observations/${observationId}`,
        { intent: "score", ...scoringFields(["developing"], "second"), [`evidence-${first}`]: "" },
        cookies.trainer,
      ),
      { observationId },
    );
    expect(gap.status).toBe(400);
    expect(Object.keys(gap.data.errors)).toEqual([`evidence-${first}`]);
    expect(await prisma.observationScoring.count({ where: { observationId } })).toBe(1);

    const res = await run(
      observationAction,
      post(
        `/observations/${observationId}`,
        {
          intent: "score",
          ...scoringFields(["developing", "developing", "competent", "not-yet"], "second", "developing"),
        },
        cookies.trainer,
      ),
      { observationId },
    );
    expect(res.status).toBe(200);
    const page = await run(observationLoader, get(`/observations/${observationId}`, cookies.trainer), {
      observationId,
    });
    expect(page.data.access).toMatchObject({ canScore: false, scoresShown: true });
    expect(page.data.scorings.map((s: { assessorName: string }) => s.assessorName)).toEqual([
      "Morgan Hale",
      "Jordan Ellis",
    ]);
    expect(page.data.comparison.slice(0, 4).map((c: { distance: number }) => c.distance)).toEqual([1, 0, 1, 2]);
    expect(page.data.observation.response).toMatch(/I agree about the opening/);
    const audit = await prisma.auditEntry.findFirstOrThrow({
      where: { action: "observation.scored", subjectId: observationId },
    });
    expect(audit.after).toBe(JSON.stringify({ position: 2 }));
  });

  it("refuses a scoring from an assessor who has scored, a third assessor, and anyone out of scope", async () => {
    const fields = { intent: "score", ...scoringFields(["strong"], "again") };
    const first = await run(observationAction, post(`/observations/${observationId}`, fields, cookies.north), {
      observationId,
    });
    expect(first.status).toBe(409);
    expect(first.data.errors.form).toBe("You have already scored this observation.");
    await grant("trainer2@example.org");
    const third = await run(observationAction, post(`/observations/${observationId}`, fields, cookies.trainer2), {
      observationId,
    });
    expect(third.status).toBe(409);
    expect(third.data.errors.form).toBe("This observation already has two independent scorings.");
    await grant("trainer2@example.org", false);
    expect(
      (
        await run(observationAction, post(`/observations/${observationId}`, fields, cookies.trainer2), {
          observationId,
        })
      ).status,
    ).toBe(403);
    expect(
      (await run(observationAction, post(`/observations/${observationId}`, fields, cookies.thao), { observationId }))
        .status,
    ).toBe(403);
    expect(await prisma.observationScoring.count({ where: { observationId } })).toBe(2);
  });

  it("lets the database itself refuse to delete an observation or change a saved level", async () => {
    await expect(prisma.$executeRaw`DELETE FROM "Observation" WHERE "id" = ${observationId}`).rejects.toThrow(
      /never deleted/,
    );
    await expect(prisma.$executeRaw`DELETE FROM "CriterionScore"`).rejects.toThrow(/never deleted/);
    await expect(prisma.$executeRaw`UPDATE "ObservationScoring" SET "overall" = 'strong'`).rejects.toThrow(
      /never changed/,
    );
    await expect(prisma.$executeRaw`UPDATE "CriterionScore" SET "level" = 'strong'`).rejects.toThrow(/never changed/);
    await expect(prisma.$executeRaw`UPDATE "Observation" SET "officerResponse" = 'Rewritten later.'`).rejects.toThrow(
      /one response/,
    );
    const before = await counts();
    await expect(prisma.observationScoring.deleteMany()).rejects.toThrow(); // through Prisma too (its message varies)
    expect(await counts()).toEqual(before);
    expect(await prisma.criterionScore.count({ where: { scoring: { observationId }, level: "strong" } })).toBe(1);
    expect((await prisma.observation.findUniqueOrThrow({ where: { id: observationId } })).officerResponse).toMatch(
      /I agree about the opening/,
    );
  });
});

describe("the agreement page", () => {
  /** A second agency, so the figures rest only on what this test records (the demo agency has its own). */
  const lakeside: Record<string, string> = {};
  let lakesideOfficer = "";

  beforeAll(async () => {
    const agency = await prisma.agency.create({
      data: { name: "Lakeside PD", units: { create: { name: "Harbor Unit" } } },
      include: { units: true },
    });
    const unitId = agency.units[0]!.id;
    const person = (email: string, name: string, role: string) =>
      prisma.user.create({ data: { email, name, role, agencyId: agency.id, unitId, passwordHash: "not-used" } });
    const officer = await person("lake.officer@example.org", "Lena Park", "officer");
    const supervisor = await person("lake.supervisor@example.org", "Owen Tate", "supervisor");
    const trainer = await person("lake.trainer@example.org", "Iris Vaughn", "trainer");
    await prisma.supervisedUnit.create({ data: { supervisorId: supervisor.id, unitId } });
    for (const u of [supervisor, trainer])
      await prisma.permissionGrant.create({
        data: { userId: u.id, permission: "observations:record", grantedById: u.id },
      });
    lakesideOfficer = officer.id;
    lakeside.supervisor = await cookieFor(supervisor.email);
    lakeside.trainer = await cookieFor(trainer.email);
    lakeside.officer = await cookieFor(officer.email);
  });

  async function doubleScore(first: Level, second: Level, tag: string) {
    const recorded = await run(
      newAction,
      post("/observations/new", observationFields(lakesideOfficer, [first, "competent"], tag), lakeside.supervisor),
    );
    const id = recorded.headers.get("Location")!.match(/^\/observations\/([^?]+)/)![1]!;
    const scored = await run(
      observationAction,
      post(`/observations/${id}`, { intent: "score", ...scoringFields([second, "competent"], tag) }, lakeside.trainer),
      { observationId: id },
    );
    expect(scored.status).toBe(200);
  }

  it("is for supervisors, admins and assessors, not officers or trainers without the grant", async () => {
    for (const who of ["thao", "trainer2"])
      expect((await run(agreementLoader, get("/observations/agreement", cookies[who]))).status, who).toBe(403);
    for (const who of ["south", "admin", "trainer", "north"])
      expect((await run(agreementLoader, get("/observations/agreement", cookies[who]))).status, who).toBe(200);
    expect((await run(agreementLoader, get("/observations/agreement", lakeside.officer))).status).toBe(403);
  });

  it("says not enough data behind one double-scored observation", async () => {
    await doubleScore("competent", "developing", "lake-0");
    const res = await run(agreementLoader, get("/observations/agreement", lakeside.supervisor));
    expect(res.data.doubleScored).toBe(1);
    expect(res.data.criteria).toHaveLength(9);
    expect(res.data.criteria[0]).toMatchObject({
      criterionTitle: "Preparation shows in the room",
      observations: 1,
      kappa: null,
      enoughData: false,
    });
    expect(res.data.assessorPairs).toHaveLength(1);
    expect(res.data.assessorPairs[0]).toMatchObject({
      names: expect.arrayContaining(["Owen Tate", "Iris Vaughn"]),
      observations: 1,
      ratings: 9,
      kappa: null,
      enoughData: false,
    });
  });

  it("shows weighted kappa per criterion and per pair once enough observations are double-scored, within the agency only", async () => {
    // First criterion ("preparation"), first and second assessor, ranks 0..3, with the observation above (2, 1):
    //   (2,1) (3,3) (0,1) (2,2) (1,1) (3,2): rows 1 1 2 2, columns 0 3 2 1, N = 6.
    //   Observed weighted disagreement 3 x 1/9; expected 62/9 / 6; kappa = 1 - (3/9) / (62/54) = 1 - 18/62 = 22/31.
    const more: [Level, Level][] = [
      ["strong", "strong"],
      ["not-yet", "developing"],
      ["competent", "competent"],
      ["developing", "developing"],
      ["strong", "competent"],
    ];
    for (const [n, [first, second]] of more.entries()) await doubleScore(first, second, `lake-${n + 1}`);
    const res = await run(agreementLoader, get("/observations/agreement", lakeside.trainer));
    expect(res.data.doubleScored).toBe(6);
    const preparation = res.data.criteria.find((c: { criterionId: string }) => c.criterionId === "preparation");
    expect(preparation).toMatchObject({ observations: 6, enoughData: true });
    expect(preparation.kappa).toBeCloseTo(22 / 31, 12);
    expect(preparation.exact).toBeCloseTo(3 / 6, 12);
    // The other eight criteria were "competent" from both every time: agreement is total but kappa undefined.
    expect(res.data.criteria.filter((c: { kappa: number | null }) => c.kappa === null)).toHaveLength(8);
    const [pair] = res.data.assessorPairs;
    expect(pair).toMatchObject({ observations: 6, ratings: 54, enoughData: true });
    expect(pair.kappa).toBeGreaterThan(0.7);
    // The demo agency's page counts none of Lakeside's observations.
    const demo = await run(agreementLoader, get("/observations/agreement", cookies.south));
    expect(JSON.stringify(demo.data)).not.toMatch(/Owen Tate|Iris Vaughn/);
  });
});
