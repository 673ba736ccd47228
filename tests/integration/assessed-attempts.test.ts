// Assessed attempts through the real routes: what the page holds, the shuffled choices, what counts toward a
// program (first plays from a pool, never practice), and who may authorize a retake after a failure.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../app/auth/roles";
import { standingsOf } from "../../app/certification/evidence.server";
import { prisma } from "../../app/db/db.server";
import { action as retakeAction, loader as retakeLoader } from "../../app/routes/assessments._index";
import { action as startAction, loader as detailsLoader } from "../../app/routes/scenarios.$slug._index";
import { action as attemptAction, loader as attemptLoader } from "../../app/routes/scenarios.$slug.attempts.$attemptId";
import { choose } from "../../app/scenarios/attempts.server";
import { latestVersionOf, loadVersion } from "../../app/scenarios/library.server";
import type { Scenario } from "../../app/scenarios/scenario";
import { cookieFor, get, post, run, seedOnce } from "../support/app";

const L1 = "facilitator-level-1";
const POOL = ["burglary-dialogue", "disclosure-before-charge"]; // Level 1's first pool

async function compiledOf(slug: string) {
  const version = await loadVersion((await latestVersionOf(slug))!.id);
  return version!.compiled;
}

let tag = 0;
/** A fresh officer of North Precinct (no attempts), with a session cookie. */
async function newOfficer(): Promise<{ user: SessionUser; cookie: string }> {
  const north = await prisma.unit.findFirstOrThrow({ where: { name: "North Precinct" } });
  const email = `assessed-${++tag}-${crypto.randomBytes(3).toString("hex")}@example.org`;
  const row = await prisma.user.create({
    data: {
      email,
      name: `Assessed Officer ${tag}`,
      role: "officer",
      agencyId: north.agencyId,
      unitId: north.id,
      passwordHash: "x",
    },
  });
  return {
    user: { id: row.id, email, name: row.name, role: "officer", agencyId: row.agencyId, unitId: row.unitId },
    cookie: await cookieFor(email),
  };
}

async function start(slug: string, cookie: string, intent: "start" | "start-over" | "start-assessed") {
  return run(startAction, post(`/scenarios/${slug}`, { intent }, cookie), { slug });
}

async function startAssessed(slug: string, cookie: string): Promise<string> {
  const res = await start(slug, cookie, "start-assessed");
  expect(res.status, JSON.stringify(res.data)).toBe(302);
  return res.headers.get("Location")!.split("/").pop()!;
}

async function page(slug: string, attemptId: string, cookie: string) {
  const res = await run(attemptLoader, get(`/scenarios/${slug}/attempts/${attemptId}`, cookie), { slug, attemptId });
  expect(res.status).toBe(200);
  return res.data;
}

async function playThrough(slug: string, attemptId: string, cookie: string, choices: string[]) {
  for (const [position, choiceId] of choices.entries()) {
    const res = await run(
      attemptAction,
      post(
        `/scenarios/${slug}/attempts/${attemptId}`,
        { intent: "choose", choiceId, position: String(position) },
        cookie,
      ),
      { slug, attemptId },
    );
    expect(res.status, `choice ${position}`).toBe(302);
  }
}

async function scenarioRequirement(officerId: string, pool = POOL) {
  const r = (await standingsOf(officerId))
    .get(L1)!
    .requirements.find((x) => x.kind === "scenario" && x.pool.join() === pool.join());
  if (r?.kind !== "scenario") throw new Error("no such requirement");
  return r;
}

/** Every text of the scenario that must not reach the page before its node is reached. */
function secretsOf(scenario: Scenario, reached: Set<string>) {
  const texts: { what: string; text: string }[] = [];
  for (const node of Object.values(scenario.nodes)) {
    for (const c of node.choices) texts.push({ what: `feedback of ${node.id}/${c.id}`, text: c.feedback });
    if (reached.has(node.id)) continue;
    texts.push({ what: `narration of ${node.id}`, text: node.narration });
    for (const line of node.lines) texts.push({ what: `a line of ${node.id}`, text: line.text });
    for (const c of node.choices) texts.push({ what: `choice ${node.id}/${c.id}`, text: c.text });
    if (node.ending)
      texts.push(
        { what: `ending ${node.id}`, text: node.ending.outcome },
        { what: `debrief of ${node.id}`, text: node.ending.debrief },
      );
  }
  return texts;
}

function expectNothingUnreached(json: string, scenario: Scenario, reached: Set<string>, visibleIds: Set<string>) {
  for (const { what, text } of secretsOf(scenario, reached))
    expect(json, what).not.toContain(JSON.stringify(text).slice(1, 60));
  for (const node of Object.values(scenario.nodes)) {
    if (!reached.has(node.id) && !visibleIds.has(node.id))
      expect(json, `id of node ${node.id}`).not.toContain(`"${node.id}"`);
  }
  for (const key of [
    "effects",
    "scores",
    "feedback",
    "targets",
    "goto",
    "condition",
    "critical",
    "ending",
    "passMark",
    "modelPath",
  ]) {
    expect(json, `key ${key}`).not.toContain(`"${key}"`);
  }
}

beforeAll(seedOnce);

describe("an assessed attempt's page", () => {
  it("holds only the node reached, its choices' ids and texts, and the participants' state", async () => {
    const { cookie } = await newOfficer();
    const slug = "disclosure-before-charge";
    const { scenario, modelPath } = await compiledOf(slug);
    const attemptId = await startAssessed(slug, cookie);
    const visible = new Set([...scenario.participants.map((p) => p.id), ...scenario.meters]);
    const reached = new Set([scenario.start]);
    for (let step = 0; step < 3; step++) {
      const data = await page(slug, attemptId, cookie);
      const json = JSON.stringify(data);
      const here = scenario.nodes[modelPath[step]!.nodeId]!;
      expect(data.player).toBeNull();
      expect(data.recorded).toBeNull();
      expect(data.assessed.current.narration).toBe(here.narration);
      expect(data.assessed.current.choices.map((c: { id: string }) => c.id).sort()).toEqual(
        here.choices.map((c) => c.id).sort(),
      );
      expectNothingUnreached(json, scenario, reached, new Set([...visible, ...here.choices.map((c) => c.id)]));
      const res = await run(
        attemptAction,
        post(
          `/scenarios/${slug}/attempts/${attemptId}`,
          { intent: "choose", choiceId: modelPath[step]!.choiceId, position: String(step) },
          cookie,
        ),
        { slug, attemptId },
      );
      expect(res.status).toBe(302);
      reached.add(modelPath[step + 1]!.nodeId);
    }
  });

  it("shuffles the choices per attempt, stable across reloads", async () => {
    const slug = "burglary-dialogue";
    const orders: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { cookie } = await newOfficer();
      const attemptId = await startAssessed(slug, cookie);
      const first = (await page(slug, attemptId, cookie)).assessed.current.choices
        .map((c: { id: string }) => c.id)
        .join();
      expect(
        (await page(slug, attemptId, cookie)).assessed.current.choices.map((c: { id: string }) => c.id).join(),
      ).toBe(first);
      orders.push(first);
    }
    expect(new Set(orders).size, orders.join(" | ")).toBeGreaterThan(1);
  });

  it("ends in a debrief of the choices made: no best path, no stronger choice, no feedback of choices not made", async () => {
    const { cookie } = await newOfficer();
    const slug = "burglary-dialogue";
    const compiled = await compiledOf(slug);
    const worst = compiled.worstPath.map((s) => s.choiceId);
    const attemptId = await startAssessed(slug, cookie);
    await playThrough(slug, attemptId, cookie, worst);
    const data = await page(slug, attemptId, cookie);
    expect(data.debrief.modelPath).toBeNull();
    expect(data.debrief.steps.every((s: { best: unknown }) => s.best === null)).toBe(true);
    expect(data.debrief.steps.map((s: { choice: { id: string } }) => s.choice.id)).toEqual(worst);
    const json = JSON.stringify(data);
    const made = new Set(compiled.worstPath.map((s) => `${s.nodeId}/${s.choiceId}`));
    for (const node of Object.values(compiled.scenario.nodes)) {
      for (const c of node.choices) {
        if (!made.has(`${node.id}/${c.id}`))
          expect(json, `${node.id}/${c.id}`).not.toContain(JSON.stringify(c.feedback).slice(1, 60));
      }
    }
  });
});

describe("what counts toward a program", () => {
  it("never counts a practice pass", async () => {
    const { user, cookie } = await newOfficer();
    const slug = "burglary-dialogue";
    const res = await start(slug, cookie, "start");
    const attemptId = res.headers.get("Location")!.split("/").pop()!;
    await playThrough(
      slug,
      attemptId,
      cookie,
      (await compiledOf(slug)).modelPath.map((s) => s.choiceId),
    );
    expect(await prisma.attempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({
      mode: "practice",
      passed: true,
      score: 100,
    });
    expect((await scenarioRequirement(user.id)).met).toBe(false);
  });

  it("does not count the practice debrief's best path replayed in an assessed attempt of the same scenario", async () => {
    const { user, cookie } = await newOfficer();
    const slug = "burglary-dialogue";
    const practice = (await start(slug, cookie, "start")).headers.get("Location")!.split("/").pop()!;
    await playThrough(
      slug,
      practice,
      cookie,
      (await compiledOf(slug)).worstPath.map((s) => s.choiceId),
    );
    const best = (await page(slug, practice, cookie)).debrief.modelPath.map(
      (s: { choice: { id: string } }) => s.choice.id,
    );
    // The page does not offer it, and the server refuses to start it...
    const details = await run(detailsLoader, get(`/scenarios/${slug}`, cookie), { slug });
    expect(details.data.options.assessed).toMatchObject({ ok: false, reason: expect.stringMatching(/already played/) });
    const refused = await start(slug, cookie, "start-assessed");
    expect(refused.status).toBe(409);
    expect(refused.data.errors.form).toMatch(/not be a first play/);
    // ...and an assessed attempt recorded anyway (not through the app) would not count.
    const version = (await latestVersionOf(slug))!;
    const forged = await prisma.attempt.create({
      data: {
        userId: user.id,
        scenarioVersionId: version.id,
        scenarioSlug: slug,
        status: "in_progress",
        mode: "assessed",
      },
    });
    for (const [position, choiceId] of best.entries())
      expect((await choose(user, forged.id, position, choiceId)).kind).toBe("recorded");
    expect(await prisma.attempt.findUniqueOrThrow({ where: { id: forged.id } })).toMatchObject({
      passed: true,
      score: 100,
    });
    expect((await scenarioRequirement(user.id)).met).toBe(false);
  });

  it("counts an assessed first play on a pool scenario, after practice on the other one", async () => {
    const { user, cookie } = await newOfficer();
    const practice = (await start("burglary-dialogue", cookie, "start")).headers.get("Location")!.split("/").pop()!;
    await playThrough(
      "burglary-dialogue",
      practice,
      cookie,
      (await compiledOf("burglary-dialogue")).modelPath.map((s) => s.choiceId),
    );
    const slug = "disclosure-before-charge";
    const attemptId = await startAssessed(slug, cookie);
    await playThrough(
      slug,
      attemptId,
      cookie,
      (await compiledOf(slug)).modelPath.map((s) => s.choiceId),
    );
    expect(await scenarioRequirement(user.id)).toMatchObject({ met: true, attemptId, slug, score: 100 });
  });

  it("refuses the practice that would leave a pool with no scenario that can count", async () => {
    const { cookie } = await newOfficer();
    expect((await start("burglary-dialogue", cookie, "start")).status).toBe(302);
    const before = await prisma.attempt.count();
    const refused = await start("disclosure-before-charge", cookie, "start");
    expect(refused.status).toBe(409);
    expect(refused.data.errors.form).toMatch(/Take the assessed attempt first/);
    expect(await prisma.attempt.count()).toBe(before);
  });

  it("counts leaving an assessed attempt as not passed, and never opens a practice attempt beside an open assessed one", async () => {
    const { user, cookie } = await newOfficer();
    const slug = "burglary-dialogue";
    const attemptId = await startAssessed(slug, cookie);
    expect((await start(slug, cookie, "start")).status).toBe(409);
    expect((await start(slug, cookie, "start-over")).status).toBe(409);
    await run(attemptAction, post(`/scenarios/${slug}/attempts/${attemptId}`, { intent: "leave" }, cookie), {
      slug,
      attemptId,
    });
    const r = await scenarioRequirement(user.id);
    expect(r.assessment.lastFailure).toMatchObject({ attemptId, left: true });
    expect(r.assessment.eligible).toEqual([{ slug: "disclosure-before-charge", retakeAuthorizationId: null }]);
  });
});

describe("authorizing a retake after a failed assessment", () => {
  // Seeded: Marcus Reed (North) practiced the disclosure-before-charge role-play, then failed his assessed burglary dialogue.
  let marcus: SessionUser;
  let failedId: string;
  beforeAll(async () => {
    const row = await prisma.user.findUniqueOrThrow({ where: { email: "m.reed@example.org" } });
    marcus = {
      id: row.id,
      email: row.email,
      name: row.name,
      role: "officer",
      agencyId: row.agencyId,
      unitId: row.unitId,
    };
    failedId = (await prisma.attempt.findFirstOrThrow({ where: { userId: marcus.id, mode: "assessed" } })).id;
  });
  const authorize = async (cookie: string, fields: Record<string, string>) =>
    run(retakeAction, post("/assessments", { intent: "authorize", attemptId: failedId, ...fields }, cookie));

  it("lists the seeded officer for trainers and his own unit's supervisor only", async () => {
    expect((await scenarioRequirement(marcus.id)).assessment.state).toBe("awaiting_retake");
    const names = async (email: string) =>
      (await run(retakeLoader, get("/assessments", await cookieFor(email)))).data.waiting?.map(
        (w: { officerName: string }) => w.officerName,
      );
    expect(await names("trainer@example.org")).toContain("Marcus Reed");
    expect(await names("supervisor@example.org")).toContain("Marcus Reed");
    expect(await names("supervisor2@example.org")).not.toContain("Marcus Reed");
    expect((await run(retakeLoader, get("/assessments", await cookieFor("officer@example.org")))).status).toBe(403);
  });

  it("refuses officers, another unit's supervisor, and a missing comment, and changes nothing", async () => {
    expect(
      (await authorize(await cookieFor("t.nguyen@example.org"), { comment: "I would like another go." })).status,
    ).toBe(403);
    expect(
      (await authorize(await cookieFor("supervisor2@example.org"), { comment: "Not my unit, but still." })).status,
    ).toBe(404);
    expect((await authorize(await cookieFor("supervisor@example.org"), { comment: "  " })).status).toBe(400);
    expect((await authorize(await cookieFor("supervisor@example.org"), {})).status).toBe(400);
    expect(await prisma.retakeAuthorization.count({ where: { officerId: marcus.id } })).toBe(0);
    expect(
      await prisma.auditEntry.count({ where: { officerId: marcus.id, action: "assessment.retake_authorized" } }),
    ).toBe(0);
  });

  it("refuses it after a pass, or while another scenario of the pool is left for a first play", async () => {
    const thao = await prisma.user.findUniqueOrThrow({ where: { email: "t.nguyen@example.org" } });
    const passed = await prisma.attempt.findFirstOrThrow({
      where: { userId: thao.id, mode: "assessed", passed: true },
    });
    const trainer = await cookieFor("trainer@example.org");
    const afterPass = await run(
      retakeAction,
      post(
        "/assessments",
        { intent: "authorize", attemptId: passed.id, comment: "Try again for a higher score." },
        trainer,
      ),
    );
    expect(afterPass.status).toBe(409);
    const { user, cookie } = await newOfficer();
    const failed = await startAssessed("burglary-dialogue", cookie);
    await playThrough(
      "burglary-dialogue",
      failed,
      cookie,
      (await compiledOf("burglary-dialogue")).worstPath.map((s) => s.choiceId),
    );
    const early = await run(
      retakeAction,
      post(
        "/assessments",
        { intent: "authorize", attemptId: failed, comment: "A second go on the same one." },
        trainer,
      ),
    );
    expect(early.status).toBe(409);
    expect(early.data.errors.form).toMatch(/no other role-play of its pool is left/);
    expect(await prisma.retakeAuthorization.count({ where: { officerId: { in: [thao.id, user.id] } } })).toBe(0);
  });

  it("lets his supervisor authorize one, with the comment in the audit trail, and only one", async () => {
    const supervisor = await cookieFor("supervisor@example.org");
    const res = await authorize(supervisor, {
      comment: "We went through the debrief together; one more attempt is fair.",
    });
    expect(res.status).toBe(200);
    const entry = await prisma.auditEntry.findFirstOrThrow({
      where: { officerId: marcus.id, action: "assessment.retake_authorized" },
    });
    expect(JSON.parse(entry.after!)).toMatchObject({
      failedAttempt: failedId,
      comment: "We went through the debrief together; one more attempt is fair.",
    });
    expect(entry.unitId).toBe(marcus.unitId);
    const again = await authorize(await cookieFor("trainer@example.org"), { comment: "A second authorization." });
    expect(again.status).toBe(200);
    expect(again.data.message).toMatch(/already authorized/);
    expect(await prisma.retakeAuthorization.count({ where: { officerId: marcus.id } })).toBe(1);
    expect(
      (
        await prisma.officerStanding.findUniqueOrThrow({
          where: { officerId_programSlug: { officerId: marcus.id, programSlug: L1 } },
        })
      ).awaitingRetake,
    ).toBe(0);
  });

  it("the retake may be on the failed scenario, not on the practiced one, counts once, and cannot be used twice", async () => {
    const cookie = await cookieFor("m.reed@example.org");
    const practiced = await start("disclosure-before-charge", cookie, "start-assessed");
    expect(practiced.status).toBe(409);
    expect(practiced.data.errors.form).toMatch(/practiced this role-play/);
    const retake = await startAssessed("burglary-dialogue", cookie);
    expect((await prisma.attempt.findUniqueOrThrow({ where: { id: retake } })).retakeAuthorizationId).not.toBeNull();
    await playThrough(
      "burglary-dialogue",
      retake,
      cookie,
      (await compiledOf("burglary-dialogue")).modelPath.map((s) => s.choiceId),
    );
    expect(await scenarioRequirement(marcus.id)).toMatchObject({ met: true, attemptId: retake });
    expect((await start("burglary-dialogue", cookie, "start-assessed")).status).toBe(409);
  });
});
