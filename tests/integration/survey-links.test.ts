// The two-minute survey is offered where an officer finishes: on the module page once they have passed it, and in
// the debrief of a completed role-play; the offer goes once they have answered it.
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../app/auth/roles";
import { prisma } from "../../app/db/db.server";
import { loader as moduleLoader } from "../../app/routes/modules.$slug";
import { action as startAction } from "../../app/routes/scenarios.$slug._index";
import { loader as attemptLoader, action as attemptAction } from "../../app/routes/scenarios.$slug.attempts.$attemptId";
import { action as surveyAction } from "../../app/routes/survey.$kind.$slug";
import { isFinished, replay } from "../../app/scenarios/engine";
import { latestVersionOf, loadVersion } from "../../app/scenarios/library.server";
import { cookieFor, get, post, runTyped, seedOnce } from "../support/app";
import { makeAgency, makeAttempt, makeOfficer } from "../support/factories";

/** Plays the role-play to an ending through the pages, taking the first choice that is offered at each step. */
async function playToTheEnd(slug: string, cookie: string): Promise<string> {
  const started = await runTyped(startAction, post(`/scenarios/${slug}`, { intent: "start-over" }, cookie), { slug });
  expect(started.status).toBe(302);
  const attemptId = started.headers.get("Location")!.split("/").pop()!;
  const { scenario } = (await loadVersion((await latestVersionOf(slug))!.id))!.compiled;
  const choices: string[] = [];
  for (let guard = 0; guard < 60; guard++) {
    const at = replay(scenario, choices);
    if (!at.ok) throw new Error("the path does not replay");
    if (isFinished(scenario, at.state)) return attemptId;
    const next = scenario.nodes[at.state.nodeId]!.choices.find(
      (c: { id: string }) => replay(scenario, [...choices, c.id]).ok,
    )!;
    const answer = await runTyped(
      attemptAction,
      post(
        `/scenarios/${slug}/attempts/${attemptId}`,
        { intent: "choose", choiceId: next.id, position: String(choices.length) },
        cookie,
      ),
      { slug, attemptId },
    );
    expect(answer.status).toBe(302);
    choices.push(next.id);
  }
  throw new Error("no ending within 60 choices");
}

const MODULE = "what-is-restoration";
const SCENARIO = "burglary-dialogue";
const ANSWERS = { satisfaction: "4", confidence: "4", relevance: "5", comment: "" };
let officer: SessionUser;
let cookie: string;

beforeAll(async () => {
  await seedOnce();
  officer = await makeOfficer(await makeAgency());
  cookie = await cookieFor(officer.email);
}, 240_000);

describe("where the survey is offered", () => {
  it("offers the module's survey on its page after passing, until it is answered", async () => {
    const page = async () => {
      const { data } = await runTyped(moduleLoader, get(`/modules/${MODULE}`, cookie), { slug: MODULE });
      if (!("impact" in data)) throw new Error("the module did not open");
      return data.impact;
    };
    expect((await page())?.survey).toBe(false);
    const passed = { status: "passed", bestScore: 100, passedAt: new Date() };
    await prisma.moduleProgress.upsert({
      where: { userId_moduleSlug: { userId: officer.id, moduleSlug: MODULE } },
      create: { userId: officer.id, moduleSlug: MODULE, ...passed },
      update: passed,
    });
    expect((await page())?.survey).toBe(true);
    const answered = await runTyped(surveyAction, post(`/survey/module/${MODULE}`, ANSWERS, cookie), {
      kind: "module",
      slug: MODULE,
    });
    expect(answered.status).toBe(200);
    expect((await page())?.survey).toBe(false);
  });

  it("offers the role-play's survey in the debrief of a completed attempt, until it is answered", async () => {
    const attemptId = await playToTheEnd(SCENARIO, cookie);
    const debrief = async () =>
      (
        await runTyped(attemptLoader, get(`/scenarios/${SCENARIO}/attempts/${attemptId}`, cookie), {
          slug: SCENARIO,
          attemptId,
        })
      ).data;
    const before = await debrief();
    expect(before.debrief).not.toBeNull();
    expect(before.survey).toBe(true);
    const answered = await runTyped(surveyAction, post(`/survey/scenario/${SCENARIO}`, ANSWERS, cookie), {
      kind: "scenario",
      slug: SCENARIO,
    });
    expect(answered.status).toBe(200);
    expect((await debrief()).survey).toBe(false);
  });

  it("does not offer it while a role-play is still in progress", async () => {
    const other = await makeOfficer(await makeAgency());
    const attempt = await makeAttempt(other, SCENARIO, { status: "in_progress" });
    const page = await runTyped(
      attemptLoader,
      get(`/scenarios/${SCENARIO}/attempts/${attempt.id}`, await cookieFor(other.email)),
      { slug: SCENARIO, attemptId: attempt.id },
    );
    expect(page.status).toBe(200);
    expect(page.data.survey).toBe(false);
  });
});
