// The trainer studio through its routes: drafts, review and publishing, safety of module drafts, analytics.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../app/auth/roles";
import { strategySeverity } from "../../app/content/strategy-policy";
import { prisma } from "../../app/db/db.server";
import { action as startAction } from "../../app/routes/scenarios.$slug._index";
import { loader as playerLoader } from "../../app/routes/scenarios.$slug.attempts.$attemptId";
import { action as studioAction, loader as studioLoader } from "../../app/routes/studio._index";
import { action as draftAction, loader as draftLoader } from "../../app/routes/studio.drafts.$draftId";
import { loader as studioModuleLoader } from "../../app/routes/studio.modules.$slug._index";
import { action as scenarioAction, loader as scenarioLoader } from "../../app/routes/studio.scenarios.$slug._index";
import { loader as analyticsLoader } from "../../app/routes/studio.scenarios.$slug.analytics";
import { action as playtestAction, loader as playtestLoader } from "../../app/routes/studio.scenarios.$slug.playtest";
import { action as validateAction } from "../../app/routes/studio.validate";
import { loader as auditLoader } from "../../app/routes/supervisor.audit";
import { choose, startOrResume } from "../../app/scenarios/attempts.server";
import { replay } from "../../app/scenarios/engine";
import { latestVersionOf, loadVersion } from "../../app/scenarios/library.server";
import { metersOf } from "../../app/scenarios/scenario";
import { resultOf } from "../../app/scenarios/scoring";
import { cookieFor, get, post, run, seedOnce } from "../support/app";

let trainer: string;
let trainer2: string;
const SLUG = "burglary-dialogue";

beforeAll(async () => {
  await seedOnce();
  trainer = await cookieFor("trainer@example.org");
  trainer2 = await cookieFor("trainer2@example.org");
});

/** What the reviewer's page sends back: the hash of the text it showed (the review form's hidden field). */
async function shownHash(draftId: string, cookie: string): Promise<string> {
  const page = await run(draftLoader, get(`/studio/drafts/${draftId}`, cookie), { draftId });
  expect(page.status).toBe(200);
  return page.data.draft.sourceHash;
}

/** Opens the draft as the reviewer would, then approves or returns it from that page. */
async function review(draftId: string, cookie: string, intent: "approve" | "return", comment = "") {
  const reviewedHash = await shownHash(draftId, cookie);
  return run(draftAction, post(`/studio/drafts/${draftId}`, { intent, comment, reviewedHash }, cookie), { draftId });
}

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

describe("studio access", () => {
  it("refuses officers and supervisors on every studio page and action", async () => {
    for (const email of ["officer@example.org", "supervisor@example.org"]) {
      const cookie = await cookieFor(email);
      expect((await run(studioLoader, get("/studio", cookie))).status).toBe(403);
      expect((await run(studioAction, post("/studio", { intent: "new", kind: "scenario" }, cookie))).status).toBe(403);
      expect((await run(scenarioLoader, get(`/studio/scenarios/${SLUG}`, cookie), { slug: SLUG })).status).toBe(403);
      expect(
        (await run(validateAction, post("/studio/validate", { kind: "scenario", source: "x" }, cookie))).status,
      ).toBe(403);
      expect(
        (await run(analyticsLoader, get(`/studio/scenarios/${SLUG}/analytics`, cookie), { slug: SLUG })).status,
      ).toBe(403);
      expect(
        (
          await run(studioModuleLoader, get("/studio/modules/what-is-restoration", cookie), {
            slug: "what-is-restoration",
          })
        ).status,
      ).toBe(403);
    }
    expect(await prisma.draft.count()).toBe(0);
  });
});

describe("drafts, review and publishing", () => {
  it("validates as the trainer types, with the line of each problem", async () => {
    const latest = await prisma.scenarioVersion.findFirstOrThrow({
      where: { scenarioSlug: SLUG },
      orderBy: { number: "desc" },
    });
    const broken = latest.source.replace(/^start: (.*)$/m, "start: nowhere");
    const res = await run(validateAction, post("/studio/validate", { kind: "scenario", source: broken }, trainer));
    const line = broken.split("\n").findIndex((l) => l.startsWith("start: nowhere")) + 1;
    expect(res.data.ok).toBe(false);
    expect(res.data.issues).toContainEqual({ severity: "error", line, message: 'start node "nowhere" does not exist' });
  });

  it("publishes only after a second trainer approves; officers then play the new version and old attempts keep theirs", async () => {
    const officer = await prisma.user.findUniqueOrThrow({ where: { email: "officer@example.org" } });
    const officerUser: SessionUser = {
      id: officer.id,
      email: officer.email,
      name: officer.name,
      role: "officer",
      agencyId: officer.agencyId,
      unitId: officer.unitId,
    };
    const old = await startOrResume(officerUser, SLUG);
    const v1 = await latestVersionOf(SLUG);

    const draftId = await copyLatest(trainer);
    const draft = await prisma.draft.findUniqueOrThrow({ where: { id: draftId } });
    const edited = draft.source.replace(/^title: .*$/m, "title: After the break-in (revised)");
    expect(
      (
        await run(draftAction, post(`/studio/drafts/${draftId}`, { intent: "save", source: edited }, trainer), {
          draftId,
        })
      ).data.message,
    ).toMatch(/No errors/);
    // Only the author edits; the author cannot approve.
    expect(
      (
        await run(draftAction, post(`/studio/drafts/${draftId}`, { intent: "save", source: "x" }, trainer2), {
          draftId,
        })
      ).status,
    ).toBe(409);
    await run(draftAction, post(`/studio/drafts/${draftId}`, { intent: "submit" }, trainer), { draftId });
    const self = await review(draftId, trainer, "approve");
    expect(self.status).toBe(409);
    expect(self.data.errors.form).toMatch(/other than its author/);
    expect((await latestVersionOf(SLUG))!.number).toBe(v1!.number);

    const approved = await review(draftId, trainer2, "approve", "Clear improvement.");
    expect(approved.status).toBe(302);
    const v2 = await latestVersionOf(SLUG);
    expect(v2!.number).toBe(v1!.number + 1);
    expect(v2!.title).toBe("After the break-in (revised)");
    const version = await prisma.scenarioVersion.findUniqueOrThrow({ where: { id: v2!.id } });
    expect(version).toMatchObject({ origin: "studio", reviewerId: expect.any(String) });

    // The open attempt stays on v1; a new one uses v2.
    const oldPage = await run(
      playerLoader,
      get(`/scenarios/${SLUG}/attempts/${old!.attemptId}`, await cookieFor(officer.email)),
      { slug: SLUG, attemptId: old!.attemptId },
    );
    expect(oldPage.data.version).toBe(v1!.number);
    const officerCookie = await cookieFor(officer.email);
    const fresh = await run(startAction, post(`/scenarios/${SLUG}`, { intent: "start-over" }, officerCookie), {
      slug: SLUG,
    });
    const freshId = fresh.headers.get("Location")!.split("/").pop()!;
    expect((await prisma.attempt.findUniqueOrThrow({ where: { id: freshId } })).scenarioVersionId).toBe(v2!.id);
  });

  it("returns a draft only with a comment, and rolls back by publishing an earlier version again after review", async () => {
    const draftId = await copyLatest(trainer);
    await run(draftAction, post(`/studio/drafts/${draftId}`, { intent: "submit" }, trainer), { draftId });
    expect((await review(draftId, trainer2, "return", "")).status).toBe(400);
    expect((await review(draftId, trainer2, "return", "Tighten the opening.")).status).toBe(200);
    expect(await prisma.draft.findUniqueOrThrow({ where: { id: draftId } })).toMatchObject({
      status: "returned",
      reviewComment: "Tighten the opening.",
    });

    const v1 = await prisma.scenarioVersion.findFirstOrThrow({ where: { scenarioSlug: SLUG, number: 1 } });
    const rollback = await run(
      scenarioAction,
      post(`/studio/scenarios/${SLUG}`, { intent: "rollback", versionId: v1.id }, trainer),
      { slug: SLUG },
    );
    const rollbackId = rollback.headers.get("Location")!.split("/").pop()!;
    expect((await prisma.draft.findUniqueOrThrow({ where: { id: rollbackId } })).status).toBe("submitted");
    expect((await review(rollbackId, trainer2, "approve")).status).toBe(302);
    const latest = await prisma.scenarioVersion.findFirstOrThrow({
      where: { scenarioSlug: SLUG },
      orderBy: { number: "desc" },
    });
    expect(latest.hash).toBe(v1.hash);
    expect(latest.number).toBe(3);
  });

  it("refuses to submit a draft with errors", async () => {
    const draftId = await copyLatest(trainer);
    await run(draftAction, post(`/studio/drafts/${draftId}`, { intent: "save", source: "slug: [" }, trainer), {
      draftId,
    });
    const res = await run(draftAction, post(`/studio/drafts/${draftId}`, { intent: "submit" }, trainer), { draftId });
    expect(res.status).toBe(409);
    expect(res.data.errors.form).toMatch(/Fix the 1 error/);
    const page = await run(draftLoader, get(`/studio/drafts/${draftId}`, trainer), { draftId });
    expect(page.data.preview.issues[0].line).toBe(1);
  });
});

describe("module drafts are data, never code", () => {
  it("refuses imports, exports and expressions, and runs none of them on the server", async () => {
    const marker = path.join(os.tmpdir(), `ck-pwned-${process.pid}`);
    const evil = path.join(os.tmpdir(), `ck-evil-${process.pid}.mjs`);
    fs.writeFileSync(evil, `import fs from "node:fs"; fs.writeFileSync(${JSON.stringify(marker)}, "ran");`);
    const create = await run(studioAction, post("/studio", { intent: "new", kind: "module" }, trainer));
    const draftId = create.headers.get("Location")!.split("/").pop()!;
    const base = (await prisma.draft.findUniqueOrThrow({ where: { id: draftId } })).source;
    const payloads = {
      import: base.replace("## First section", `import x from ${JSON.stringify(evil)}\n\n## First section`),
      export: base.replace("## First section", `export const y = globalThis.ckPwned = 1\n\n## First section`),
      expression: base.replace(
        "## First section",
        "## First section\n\nNow {globalThis.ckPwned = 2} and {require('fs')}",
      ),
      attribute: base.replace('<KeyTerm term="A key term">', "<KeyTerm term={globalThis.ckPwned = 3}>"),
      scriptUrl: base.replace("## First section", "## First section\n\n[click](javascript:alert(1))"),
      rawHtml: base.replace("## First section", "## First section\n\n<script>globalThis.ckPwned = 4</script>"),
    };
    const expected = {
      import: /`import` and `export` are not allowed/,
      export: /`import` and `export` are not allowed/,
      expression: /JavaScript expressions/,
      attribute: /must be a plain string/,
      scriptUrl: /link target/,
      rawHtml: /<script> is not an allowed component/,
    };
    for (const [name, source] of Object.entries(payloads)) {
      const res = await run(validateAction, post("/studio/validate", { kind: "module", source }, trainer));
      expect(res.data.ok, name).toBe(false);
      expect(res.data.html, name).toBeNull();
      expect(res.data.issues.map((i: { message: string }) => i.message).join("\n"), name).toMatch(
        expected[name as keyof typeof expected],
      );
      await run(draftAction, post(`/studio/drafts/${draftId}`, { intent: "save", source }, trainer), { draftId });
      await run(draftLoader, get(`/studio/drafts/${draftId}`, trainer), { draftId });
    }
    expect(fs.existsSync(marker)).toBe(false);
    expect((globalThis as { ckPwned?: unknown }).ckPwned).toBeUndefined();
    const clean = await run(validateAction, post("/studio/validate", { kind: "module", source: base }, trainer));
    expect(clean.data.ok).toBe(true);
    expect(clean.data.html).toContain("A key term");
  });
});

describe("module item statistics", () => {
  // Attempts whose figures are worked out by hand in tests/unit/item-statistics.test.ts: q1, q2 and q3 of the
  // bank drawn together (eight times over four patterns), q4 and q5 drawn together and always right and wrong.
  const PATTERNS: Record<string, boolean>[] = [
    { q1: true, q2: true, q3: true },
    { q1: true, q2: false, q3: true },
    { q1: false, q2: false, q3: true },
    { q1: false, q2: true, q3: false },
  ];
  const MODULE = "what-is-restoration";

  it("shows facility, discrimination and flags over the officers' attempts of the reader's agency only", async () => {
    const agency = await prisma.agency.create({ data: { name: "Item Statistics Agency" } });
    const unit = await prisma.unit.create({ data: { name: "Item Statistics Unit", agencyId: agency.id } });
    const person = (email: string, role: string) =>
      prisma.user.create({
        data: { email, name: email, role, agencyId: agency.id, unitId: unit.id, passwordHash: "x" },
      });
    const officers = await Promise.all([1, 2, 3, 4].map((i) => person(`items${i}@example.org`, "officer")));
    const trainerHere = await person("items-trainer@example.org", "trainer");
    const attempt = (userId: string, marks: Record<string, boolean>) => ({
      userId,
      moduleSlug: MODULE,
      moduleHash: "h",
      answers: "{}",
      score: 0,
      passed: false,
      submissionKey: crypto.randomUUID(),
      seed: 1,
      questions: JSON.stringify(
        Object.entries(marks).map(([id, correct]) => ({ id, options: ["a", "b"], chosen: "a", correct })),
      ),
    });
    await prisma.checkAttempt.createMany({
      data: [
        ...Array.from({ length: 8 }, () => PATTERNS.map((p, i) => attempt(officers[i]!.id, p))).flat(),
        ...Array.from({ length: 30 }, (_, n) => attempt(officers[n % 4]!.id, { q4: true, q5: false })),
        // A trainer's attempt (they know the key) and one from before question banks: neither counts.
        attempt(trainerHere.id, { q1: true, q2: true, q3: true }),
        { ...attempt(officers[0]!.id, {}), questions: null },
      ],
    });
    const res = await run(
      studioModuleLoader,
      get(`/studio/modules/${MODULE}`, await cookieFor("items-trainer@example.org")),
      { slug: MODULE },
    );
    expect(res.status).toBe(200);
    expect(res.data.bank).toMatchObject({ size: res.data.bank.items.length, attempts: 62, attemptsBeforeBanks: 1 });
    expect(res.data.bank.size).toBeGreaterThanOrEqual(12);
    const [q1, q2, q3, q4, q5, q6] = res.data.bank.items;
    expect(q1).toMatchObject({ id: "q1", responses: 32, facility: 0.5, flags: [] });
    expect(q1.discrimination).toBeCloseTo(1 / Math.sqrt(3), 10);
    expect(q2).toMatchObject({ responses: 32, facility: 0.5, flags: ["does-not-discriminate"] });
    expect(q2.discrimination).toBeCloseTo(-1 / Math.sqrt(11), 10);
    expect(q3).toMatchObject({ responses: 32, facility: 0.75, flags: ["does-not-discriminate"] });
    expect(q3.discrimination).toBeCloseTo(0, 10);
    expect(q4).toMatchObject({ responses: 30, facility: 1, discrimination: null, flags: ["too-easy"] });
    expect(q5).toMatchObject({ responses: 30, facility: 0, discrimination: null, flags: ["too-hard"] });
    expect(q6).toMatchObject({ responses: 0, facility: null, flags: [] });

    // The demo agency's trainer sees the demo's attempts (the seeded recruit class), none of these.
    const demo = await run(studioModuleLoader, get(`/studio/modules/${MODULE}`, trainer), { slug: MODULE });
    const demoAgency = await prisma.user.findUniqueOrThrow({
      where: { email: "trainer@example.org" },
      select: { agencyId: true },
    });
    const demoAttempts = await prisma.checkAttempt.count({
      where: { moduleSlug: MODULE, questions: { not: null }, user: { agencyId: demoAgency.agencyId, role: "officer" } },
    });
    expect(demo.data.bank.attempts).toBe(demoAttempts);
    expect(demoAttempts).toBeGreaterThan(60);
    // ...with flags to show: the seeded class makes one question too easy, one too hard, one not discriminating.
    const flags = demo.data.bank.items.flatMap((i: { flags: string[] }) => i.flags);
    expect(flags).toEqual(expect.arrayContaining(["too-easy", "too-hard", "does-not-discriminate"]));
  });

  it("is reached from the studio library, and answers an unknown module with 404", async () => {
    const home = await run(studioLoader, get("/studio", trainer));
    expect(home.data.modules.map((m: { slug: string }) => m.slug)).toContain(MODULE);
    expect((await run(studioModuleLoader, get("/studio/modules/nope", trainer), { slug: "nope" })).status).toBe(404);
  });
});

describe("playtest", () => {
  it("plays from a chosen node with preset state, shows feedback, and records no attempt", async () => {
    const before = await prisma.attempt.count();
    const v = await loadVersion((await latestVersionOf(SLUG))!.id);
    const node = v!.compiled.modelPath[3]!.nodeId;
    // The states offered are those play reaches at the node; the server takes the chosen one's meters.
    const setup = await run(playtestLoader, get(`/studio/scenarios/${SLUG}/playtest?node=${node}`, trainer), {
      slug: SLUG,
    });
    const offered = setup.data.states as { meters: Record<string, Record<string, number>> }[];
    expect(offered.length).toBeGreaterThan(0);
    const start = await run(
      playtestAction,
      post(
        `/studio/scenarios/${SLUG}/playtest`,
        { intent: "start", node, state: String(offered.length - 1), "meter.maria.trust": "5" },
        trainer,
      ),
      { slug: SLUG },
    );
    expect(start.data.state.nodeId).toBe(node);
    expect(start.data.state.meters).toEqual(offered[offered.length - 1]!.meters);
    const choice = v!.compiled.scenario.nodes[node]!.choices[0]!;
    const next = await run(
      playtestAction,
      post(
        `/studio/scenarios/${SLUG}/playtest`,
        { intent: "choose", state: start.data.stateJson, choiceId: choice.id },
        trainer,
      ),
      { slug: SLUG },
    );
    expect(next.data.feedback.feedback).toBe(choice.feedback);
    const bad = await run(
      playtestAction,
      post(`/studio/scenarios/${SLUG}/playtest`, { intent: "start", node, state: String(offered.length) }, trainer),
      { slug: SLUG },
    );
    expect(bad.status).toBe(400);
    expect(bad.data.errors.state).toMatch(/Choose one of the states play reaches/);
    const forged = await run(
      playtestAction,
      post(
        `/studio/scenarios/${SLUG}/playtest`,
        { intent: "choose", state: '{"nodeId":"nope"}', choiceId: choice.id },
        trainer,
      ),
      { slug: SLUG },
    );
    expect(forged.status).toBe(400);
    expect(await prisma.attempt.count()).toBe(before);
  });
});

describe("cue and strategy report", () => {
  it("shows a scenario draft's report as warnings and a table of thresholds, without blocking the draft", async () => {
    const source = fs.readFileSync("tests/fixtures/scenarios/strategy-longest-passes.yaml", "utf8");
    const res = await run(validateAction, post("/studio/validate", { kind: "scenario", source }, trainer));
    expect(res.status).toBe(200);
    expect(res.data.ok).toBe(true);
    expect(res.data.issues).toContainEqual({
      severity: "warning",
      line: 1,
      message: "strategy report: choosing always the longest option passes (100%): the text gives the answers away",
    });
    expect(res.data.strategy.checks).toHaveLength(11);
    expect(res.data.strategy.checks[0]).toEqual({
      label: "always the longest option fails",
      measured: "passes (100%)",
      limit: "fails",
      ok: false,
      line: 1,
    });
    expect(res.data.strategy.lines[0]).toMatch(/^strategies: longest PASS 100%/);
  });

  it("shows the library's reports in the scenario list and on each scenario's page", async () => {
    const home = await run(studioLoader, get("/studio", trainer));
    const listed = home.data.scenarios.find((s: { slug: string }) => s.slug === SLUG);
    expect(listed.strategy).toEqual({ missed: expect.any(Number), of: 11, severity: strategySeverity(true) });
    const page = await run(scenarioLoader, get(`/studio/scenarios/${SLUG}`, trainer), { slug: SLUG });
    expect(page.data.strategy.severity).toBe(strategySeverity(true));
    expect(page.data.strategy.summary.checks.map((c: { label: string }) => c.label)).toContain("delayed consequences");
    expect(page.data.strategy.summary.missed).toBe(listed.strategy.missed);
  });
});

describe("analytics", () => {
  it("counts attempts per node, choice shares, critical errors, pass rate and competency averages", async () => {
    const slug = "use-of-force-meeting";
    const version = await loadVersion((await latestVersionOf(slug))!.id);
    const { scenario, modelPath } = version!.compiled;
    const start = scenario.nodes[scenario.start]!;
    // A unit of our own, so the seeded attempts of other officers do not count.
    const agency = await prisma.agency.findFirstOrThrow();
    const unit = await prisma.unit.create({ data: { name: "Analytics Test Unit", agencyId: agency.id } });
    const officers = await Promise.all(
      [1, 2, 3].map((i) =>
        prisma.user.create({
          data: {
            email: `analytics${i}@example.org`,
            name: `Analytics ${i}`,
            role: "officer",
            agencyId: agency.id,
            unitId: unit.id,
            passwordHash: "x",
          },
        }),
      ),
    );
    const asUser = (u: (typeof officers)[number]): SessionUser => ({
      id: u.id,
      email: u.email,
      name: u.name,
      role: "officer",
      agencyId: u.agencyId,
      unitId: u.unitId,
    });
    // Two play the model path to the end; one makes a different first choice and stops.
    for (const o of officers.slice(0, 2)) {
      const a = await startOrResume(asUser(o), slug);
      for (const [i, s] of modelPath.entries()) await choose(asUser(o), a!.attemptId, i, s.choiceId);
    }
    const other = start.choices.find((c) => c.id !== modelPath[0]!.choiceId)!;
    const third = await startOrResume(asUser(officers[2]!), slug);
    await choose(asUser(officers[2]!), third!.attemptId, 0, other.id);

    const res = await run(analyticsLoader, get(`/studio/scenarios/${slug}/analytics?unit=${unit.id}`, trainer), {
      slug,
    });
    expect(res.data).toMatchObject({ attempts: 3, completed: 2, passed: 2, passRate: 100, averageScore: 100 });
    const startNode = res.data.nodes.find((n: { id: string }) => n.id === scenario.start);
    expect(startNode.reached).toBe(3);
    const share = (id: string) => startNode.choices.find((c: { id: string }) => c.id === id);
    expect(share(modelPath[0]!.choiceId)).toMatchObject({ times: 2, share: 66.7 });
    expect(share(other.id)).toMatchObject({ times: 1, share: 33.3 });
    expect(res.data.nodes.find((n: { id: string }) => n.id === modelPath[1]!.nodeId).reached).toBe(2);
    const model = replay(
      scenario,
      modelPath.map((m) => m.choiceId),
    );
    const expectedScores = model.ok ? resultOf(scenario, version!.compiled, model.state)!.competencyScores : {};
    expect(
      Object.fromEntries(
        res.data.competencies.map((c: { competency: string; average: number }) => [c.competency, c.average]),
      ),
    ).toEqual(expectedScores);
    expect(res.data.criticalErrors).toEqual(
      other.critical ? [expect.objectContaining({ choiceId: other.id, times: 1 })] : [],
    );
    // Both completed attempts took the model path: each participant's meters end where it leaves them.
    expect(
      res.data.meters.map((m: { participantId: string; meterId: string; averageEnd: number; attempts: number }) => [
        `${m.participantId}.${m.meterId}`,
        m.averageEnd,
        m.attempts,
      ]),
    ).toEqual(
      scenario.participants.flatMap((p) =>
        metersOf(scenario, p.id).map((m) => [`${p.id}.${m.id}`, model.state.meters[p.id]![m.id], 2]),
      ),
    );
    const empty = await run(
      analyticsLoader,
      get(`/studio/scenarios/${slug}/analytics?unit=${unit.id}&from=2000-01-01&to=2000-01-02`, trainer),
      { slug },
    );
    expect(empty.data).toMatchObject({ attempts: 0, passRate: null });
  });
});

describe("review binds to the text the reviewer was shown", () => {
  /** A submitted copy of the latest version, with its title changed to `title` by the trainer. */
  async function submittedCopy(title: string): Promise<{ draftId: string; source: string }> {
    const draftId = await copyLatest(trainer);
    const source = (await prisma.draft.findUniqueOrThrow({ where: { id: draftId } })).source.replace(
      /^title: .*$/m,
      `title: ${title}`,
    );
    expect(
      (await run(draftAction, post(`/studio/drafts/${draftId}`, { intent: "save", source }, trainer), { draftId }))
        .status,
    ).toBe(200);
    expect(
      (await run(draftAction, post(`/studio/drafts/${draftId}`, { intent: "submit" }, trainer), { draftId })).status,
    ).toBe(200);
    return { draftId, source };
  }

  it("refuses a stale approval or return with 409 and the line diff, and publishes and changes nothing", async () => {
    const { draftId, source } = await submittedCopy("Seen by the reviewer");
    const seen = await shownHash(draftId, trainer2);
    // The author changes the text and submits again while the reviewer's page is open.
    const changed = source.replace("title: Seen by the reviewer", "title: Changed behind the reviewer's back");
    await run(draftAction, post(`/studio/drafts/${draftId}`, { intent: "save", source: changed }, trainer), {
      draftId,
    });
    await run(draftAction, post(`/studio/drafts/${draftId}`, { intent: "submit" }, trainer), { draftId });
    const versionsBefore = await prisma.scenarioVersion.count();
    const draftBefore = await prisma.draft.findUniqueOrThrow({ where: { id: draftId } });
    const auditBefore = await prisma.auditEntry.count();

    for (const intent of ["approve", "return"] as const) {
      const res = await run(
        draftAction,
        post(`/studio/drafts/${draftId}`, { intent, comment: "Looks fine.", reviewedHash: seen }, trainer2),
        { draftId },
      );
      expect(res.status, intent).toBe(409);
      expect(res.data.errors.form, intent).toMatch(/This draft changed since you opened it/);
      const changes = res.data.changes.lines as { kind: string; text: string }[];
      expect(
        changes.filter((l) => l.kind === "removed").map((l) => l.text),
        intent,
      ).toEqual(["title: Seen by the reviewer"]);
      expect(
        changes.filter((l) => l.kind === "added").map((l) => l.text),
        intent,
      ).toEqual(["title: Changed behind the reviewer's back"]);
    }
    expect(await prisma.scenarioVersion.count()).toBe(versionsBefore);
    expect(await prisma.draft.findUniqueOrThrow({ where: { id: draftId } })).toEqual(draftBefore);
    expect(await prisma.auditEntry.count()).toBe(auditBefore);

    // Reviewing what is there now works.
    expect((await review(draftId, trainer2, "approve")).status).toBe(302);
    expect((await latestVersionOf(SLUG))!.title).toBe("Changed behind the reviewer's back");
  });

  it("refuses a review that does not say what text it is about", async () => {
    const { draftId } = await submittedCopy("No hash sent");
    const before = await prisma.draft.findUniqueOrThrow({ where: { id: draftId } });
    const res = await run(
      draftAction,
      post(`/studio/drafts/${draftId}`, { intent: "approve", comment: "" }, trainer2),
      { draftId },
    );
    expect(res.status).toBe(400);
    expect(await prisma.draft.findUniqueOrThrow({ where: { id: draftId } })).toEqual(before);
  });

  it("names the last editor as the version's author, and nobody who edited the text approves it, admins included", async () => {
    const admin = await cookieFor("admin@example.org");
    const adminUser = await prisma.user.findUniqueOrThrow({ where: { email: "admin@example.org" } });
    const trainerUser = await prisma.user.findUniqueOrThrow({ where: { email: "trainer@example.org" } });
    const trainer2User = await prisma.user.findUniqueOrThrow({ where: { email: "trainer2@example.org" } });

    // The trainer writes it; an admin changes a line and submits it.
    const { draftId, source } = await submittedCopy("Written by the trainer");
    expect((await prisma.draft.findUniqueOrThrow({ where: { id: draftId } })).lastEditorId).toBe(trainerUser.id);
    const adminText = source.replace("title: Written by the trainer", "title: Edited by the admin");
    expect(
      (
        await run(draftAction, post(`/studio/drafts/${draftId}`, { intent: "save", source: adminText }, admin), {
          draftId,
        })
      ).status,
    ).toBe(200);
    expect((await prisma.draft.findUniqueOrThrow({ where: { id: draftId } })).lastEditorId).toBe(adminUser.id);
    expect(
      (await run(draftAction, post(`/studio/drafts/${draftId}`, { intent: "submit" }, admin), { draftId })).status,
    ).toBe(200);

    const latestBefore = (await latestVersionOf(SLUG))!.number;
    for (const [who, cookie] of [
      ["admin", admin],
      ["author", trainer],
    ] as const) {
      const res = await review(draftId, cookie, "approve");
      expect(res.status, who).toBe(409);
      expect(res.data.errors.form, who).toMatch(/has not written or edited any of it/);
      expect((await review(draftId, cookie, "return", "Not mine to return.")).status, who).toBe(409);
    }
    expect((await latestVersionOf(SLUG))!.number).toBe(latestBefore);
    const page = await run(draftLoader, get(`/studio/drafts/${draftId}`, admin), { draftId });
    expect(page.data.canReview).toBe(false);

    expect((await review(draftId, trainer2, "approve")).status).toBe(302);
    const version = await prisma.scenarioVersion.findFirstOrThrow({
      where: { scenarioSlug: SLUG },
      orderBy: { number: "desc" },
    });
    expect(version).toMatchObject({
      number: latestBefore + 1,
      title: "Edited by the admin",
      authorId: adminUser.id,
      reviewerId: trainer2User.id,
    });

    // The ordinary case: the trainer is the last editor, so the trainer is the author.
    const plain = await submittedCopy("Plain authorship");
    expect((await review(plain.draftId, trainer2, "approve")).status).toBe(302);
    expect(
      await prisma.scenarioVersion.findFirstOrThrow({ where: { scenarioSlug: SLUG }, orderBy: { number: "desc" } }),
    ).toMatchObject({ title: "Plain authorship", authorId: trainerUser.id, reviewerId: trainer2User.id });
  });
});

describe("every studio action is an audit entry", () => {
  // In the order written: by time, then by cuid (whose time and counter prefix sorts in creation order).
  const actionsOf = (subjectId: string) =>
    prisma.auditEntry.findMany({
      where: { subjectId },
      orderBy: [{ at: "asc" }, { id: "asc" }],
      select: { action: true, actorId: true, officerId: true, unitId: true },
    });

  it("records create, save, submit, return, approve, publish and rollback, and shows them in the admin's trail", async () => {
    const trainerId = (await prisma.user.findUniqueOrThrow({ where: { email: "trainer@example.org" } })).id;
    const trainer2Id = (await prisma.user.findUniqueOrThrow({ where: { email: "trainer2@example.org" } })).id;
    const act = (draftId: string, fields: Record<string, string>, cookie: string) =>
      run(draftAction, post(`/studio/drafts/${draftId}`, fields, cookie), { draftId });

    const created = await run(studioAction, post("/studio", { intent: "new", kind: "module" }, trainer));
    const moduleDraftId = created.headers.get("Location")!.split("/").pop()!;
    expect((await actionsOf(moduleDraftId)).map((e) => e.action)).toEqual(["studio.draft_created"]);

    const draftId = await copyLatest(trainer);
    const source = (await prisma.draft.findUniqueOrThrow({ where: { id: draftId } })).source;
    await act(draftId, { intent: "save", source: source.replace(/^title: .*$/m, "title: Audited once") }, trainer);
    await act(draftId, { intent: "submit" }, trainer);
    expect((await review(draftId, trainer2, "return", "One more pass.")).status).toBe(200);
    await act(draftId, { intent: "save", source: source.replace(/^title: .*$/m, "title: Audited twice") }, trainer);
    // Saving the same text again changes nothing, so it records nothing.
    await act(draftId, { intent: "save", source: source.replace(/^title: .*$/m, "title: Audited twice") }, trainer);
    await act(draftId, { intent: "submit" }, trainer);
    expect((await review(draftId, trainer2, "approve")).status).toBe(302);
    const entries = await actionsOf(draftId);
    expect(entries.map((e) => e.action)).toEqual([
      "studio.draft_created",
      "studio.draft_saved",
      "studio.draft_submitted",
      "studio.draft_returned",
      "studio.draft_saved",
      "studio.draft_submitted",
      "studio.draft_approved",
    ]);
    expect(entries.map((e) => e.actorId)).toEqual([
      trainerId,
      trainerId,
      trainerId,
      trainer2Id,
      trainerId,
      trainerId,
      trainer2Id,
    ]);
    // Content has no officer and no unit.
    expect(entries.every((e) => e.officerId === null && e.unitId === null)).toBe(true);
    const published = await prisma.scenarioVersion.findFirstOrThrow({
      where: { scenarioSlug: SLUG },
      orderBy: { number: "desc" },
    });
    const publishEntry = await prisma.auditEntry.findFirstOrThrow({ where: { subjectId: published.id } });
    expect(publishEntry).toMatchObject({
      action: "studio.version_published",
      actorId: trainer2Id,
      officerId: null,
      unitId: null,
    });
    expect(JSON.parse(publishEntry.after!)).toMatchObject({
      scenario: SLUG,
      version: published.number,
      title: "Audited twice",
    });

    const v1 = await prisma.scenarioVersion.findFirstOrThrow({ where: { scenarioSlug: SLUG, number: 1 } });
    const rollback = await run(
      scenarioAction,
      post(`/studio/scenarios/${SLUG}`, { intent: "rollback", versionId: v1.id }, trainer),
      { slug: SLUG },
    );
    const rollbackId = rollback.headers.get("Location")!.split("/").pop()!;
    expect((await review(rollbackId, trainer2, "approve")).status).toBe(302);
    expect((await actionsOf(rollbackId)).map((e) => e.action)).toEqual([
      "studio.draft_created",
      "studio.rollback_requested",
      "studio.draft_submitted",
      "studio.draft_approved",
    ]);
    const restored = await prisma.scenarioVersion.findFirstOrThrow({
      where: { scenarioSlug: SLUG },
      orderBy: { number: "desc" },
    });
    const restoredEntry = await prisma.auditEntry.findFirstOrThrow({ where: { subjectId: restored.id } });
    expect(JSON.parse(restoredEntry.after!)).toMatchObject({ version: restored.number, restores: 1 });

    // The agency's admin reads them in the audit trail, with labels people read.
    const trail = await run(auditLoader, get("/supervisor/audit", await cookieFor("admin@example.org")));
    expect(trail.status).toBe(200);
    const rows = trail.data.entries as {
      action: string;
      label: string;
      actorName: string;
      officerName: string | null;
    }[];
    const labels = new Set(rows.map((r) => r.label));
    for (const label of [
      "Draft created",
      "Draft saved",
      "Draft submitted for review",
      "Draft returned for changes",
      "Draft approved",
      "Version published",
      "Rollback requested",
    ]) {
      expect(labels, label).toContain(label);
    }
    expect(rows.find((r) => r.action === "studio.draft_approved")).toMatchObject({
      actorName: "Priya Nair",
      officerName: null,
    });
  });
});
