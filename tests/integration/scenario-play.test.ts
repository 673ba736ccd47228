// Plays every shipped scenario through the real route actions: shortest paths to each ending (found by
// xstate/graph), the model path and the worst path; then the ways a play can be tampered with.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getShortestPaths } from "xstate/graph";
import { prisma } from "../../app/db/db.server";
import { action as startAction } from "../../app/routes/scenarios.$slug._index";
import { loader as attemptLoader, action as attemptAction } from "../../app/routes/scenarios.$slug.attempts.$attemptId";
import { stateKeyFor } from "../../app/scenarios/analyze";
import { compileScenario } from "../../app/scenarios/compile";
import { replay } from "../../app/scenarios/engine";
import { createScenarioMachine } from "../../app/scenarios/machine";
import { resultOf } from "../../app/scenarios/scoring";
import { cookieFor, get, post, run, seedOnce } from "../support/app";

const dir = path.resolve("content/scenarios");
const shipped = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".yaml"))
  .map((f) => {
    const file = `content/scenarios/${f}`;
    return { file, compiled: compileScenario(file, fs.readFileSync(path.join(dir, f), "utf8")).compiled };
  })
  .filter((s) => s.compiled !== null);

let officer: string;
// Plays every scenario many times: a trainer, whom no program's pools concern (an officer may not practice every
// scenario of a pool before being assessed on one).
let player: string;
beforeAll(async () => {
  await seedOnce();
  officer = await cookieFor("officer@example.org");
  player = await cookieFor("trainer@example.org");
});

async function start(slug: string, cookie = officer, intent = "start-over"): Promise<string> {
  const res = await run(startAction, post(`/scenarios/${slug}`, { intent }, cookie), { slug });
  expect(res.status).toBe(302);
  return res.headers.get("Location")!.split("/").pop()!;
}

async function playPath(slug: string, attemptId: string, choices: string[], cookie = officer) {
  for (let position = 0; position < choices.length; position++) {
    const res = await run(
      attemptAction,
      post(
        `/scenarios/${slug}/attempts/${attemptId}`,
        { intent: "choose", choiceId: choices[position]!, position: String(position) },
        cookie,
      ),
      { slug, attemptId },
    );
    expect(res.status, `choice ${position} (${choices[position]})`).toBe(302);
  }
  return prisma.attempt.findUniqueOrThrow({ where: { id: attemptId } });
}

describe.each(shipped.map((s) => [s.compiled!.scenario.slug, s.compiled!] as const))(
  "scenario %s",
  (slug, compiled) => {
    const { scenario } = compiled;
    const expected = (choices: string[]) => {
      const r = replay(scenario, choices);
      if (!r.ok) throw new Error("path does not replay");
      return resultOf(scenario, compiled, r.state)!;
    };

    it("reaches every ending through the server, with the score computed from the choices", async () => {
      const machine = createScenarioMachine(scenario);
      const key = stateKeyFor(scenario);
      const paths = getShortestPaths(machine, {
        events: (snapshot) =>
          scenario.nodes[String(snapshot.value)]!.choices.map((c) => ({ type: "CHOOSE" as const, choiceId: c.id })),
        serializeState: (snapshot) => key(String(snapshot.value), snapshot.context.meters),
      });
      const shortestPerEnding = new Map<string, string[]>();
      for (const p of paths) {
        const ending = String(p.state.value);
        if (!scenario.nodes[ending]!.ending) continue;
        const choices = p.steps.map((s) => (s.event as { choiceId?: string }).choiceId).filter((c): c is string => !!c);
        if (!shortestPerEnding.has(ending) || shortestPerEnding.get(ending)!.length > choices.length)
          shortestPerEnding.set(ending, choices);
      }
      const endings = Object.values(scenario.nodes)
        .filter((n) => n.ending)
        .map((n) => n.id)
        .sort();
      expect([...shortestPerEnding.keys()].sort()).toEqual(endings);
      for (const [ending, choices] of shortestPerEnding) {
        const attempt = await playPath(slug, await start(slug, player), choices, player);
        const result = expected(choices);
        expect(attempt).toMatchObject({
          status: "completed",
          endingId: ending,
          score: result.score,
          passed: result.passed,
          choiceCount: choices.length,
        });
        expect(await prisma.choiceEvent.count({ where: { attemptId: attempt.id } })).toBe(choices.length);
      }
      // xstate/graph enumerates every state, independently of our validator: the largest scenario (155,000 states)
      // takes about half a minute on its own.
    }, 180_000);

    it("passes on the model path and fails on the worst path", async () => {
      const best = await playPath(
        slug,
        await start(slug, player),
        compiled.modelPath.map((s) => s.choiceId),
        player,
      );
      expect(best.passed).toBe(true);
      expect(best.score).toBeGreaterThanOrEqual(scenario.passMark);
      const worst = await playPath(
        slug,
        await start(slug, player),
        compiled.worstPath.map((s) => s.choiceId),
        player,
      );
      expect(worst.passed).toBe(false);
    });
  },
);

describe("tampering and resuming", () => {
  const { scenario } = shipped[0]!.compiled!;
  const slug = scenario.slug;
  const first = scenario.nodes[scenario.start]!.choices;

  it("ignores a forged score: only the choices count", async () => {
    const attemptId = await start(slug);
    await run(
      attemptAction,
      post(
        `/scenarios/${slug}/attempts/${attemptId}`,
        {
          intent: "choose",
          choiceId: first[0]!.id,
          position: "0",
          score: "100",
          passed: "true",
          competencyScores: "{}",
        },
        officer,
      ),
      { slug, attemptId },
    );
    const attempt = await prisma.attempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(attempt).toMatchObject({ score: null, passed: null, status: "in_progress", choiceCount: 1 });
  });

  it("refuses a choice that is not offered at the current node and records nothing", async () => {
    const attemptId = await start(slug);
    const elsewhere = Object.values(scenario.nodes).find(
      (n) => n.id !== scenario.start && n.choices.length && !first.some((c) => n.choices.some((d) => d.id === c.id)),
    )!;
    const res = await run(
      attemptAction,
      post(
        `/scenarios/${slug}/attempts/${attemptId}`,
        { intent: "choose", choiceId: elsewhere.choices[0]!.id, position: "0" },
        officer,
      ),
      { slug, attemptId },
    );
    expect(res.status).toBe(400);
    expect(res.data.errors.choiceId).toMatch(/not available/);
    expect(await prisma.choiceEvent.count({ where: { attemptId } })).toBe(0);
  });

  it("records a resent choice once, and refuses a different choice for a step already answered", async () => {
    const attemptId = await start(slug);
    const send = (choiceId: string, position: string) =>
      run(
        attemptAction,
        post(`/scenarios/${slug}/attempts/${attemptId}`, { intent: "choose", choiceId, position }, officer),
        { slug, attemptId },
      );
    const [a, b] = await Promise.all([send(first[0]!.id, "0"), send(first[0]!.id, "0")]);
    expect([a.status, b.status]).toEqual([302, 302]);
    expect((await send(first[0]!.id, "0")).status).toBe(302);
    expect(await prisma.choiceEvent.count({ where: { attemptId } })).toBe(1);
    const conflict = await send(first[1]!.id, "0");
    expect(conflict.status).toBe(409);
    expect(await prisma.attempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({
      choiceCount: 1,
      choices: JSON.stringify([first[0]!.id]),
    });
  });

  it("rejects malformed posts with 400 and changes nothing", async () => {
    const attemptId = await start(slug);
    for (const fields of [
      { intent: "choose" },
      { intent: "choose", choiceId: "x", position: "-1" },
      { intent: "choose", choiceId: "<script>", position: "0" },
      { intent: "explode" },
    ]) {
      const res = await run(
        attemptAction,
        post(`/scenarios/${slug}/attempts/${attemptId}`, fields as Record<string, string>, officer),
        { slug, attemptId },
      );
      expect(res.status).toBe(400);
    }
    expect(await prisma.choiceEvent.count({ where: { attemptId } })).toBe(0);
  });

  it("resumes where it stopped, after a reload or on another device", async () => {
    const attemptId = await start(slug);
    await run(
      attemptAction,
      post(
        `/scenarios/${slug}/attempts/${attemptId}`,
        { intent: "choose", choiceId: first[0]!.id, position: "0" },
        officer,
      ),
      { slug, attemptId },
    );
    const otherDevice = await cookieFor("officer@example.org");
    const page = await run(attemptLoader, get(`/scenarios/${slug}/attempts/${attemptId}`, otherDevice), {
      slug,
      attemptId,
    });
    expect(page.status).toBe(200);
    expect(page.data.recorded).toEqual([first[0]!.id]);
    expect(page.data.debrief).toBeNull();
    // starting again from the scenario page resumes the same attempt rather than opening a second one
    expect(await start(slug, otherDevice, "start")).toBe(attemptId);
  });

  it("sends the player no scores, feedback or critical flags before the ending", async () => {
    const attemptId = await start(slug);
    const page = await run(attemptLoader, get(`/scenarios/${slug}/attempts/${attemptId}`), { slug, attemptId });
    const mine = await run(attemptLoader, get(`/scenarios/${slug}/attempts/${attemptId}`, officer), {
      slug,
      attemptId,
    });
    expect(page?.status).toBe(302);
    const json = JSON.stringify(mine.data);
    const anyFeedback = scenario.nodes[scenario.start]!.choices[0]!.feedback;
    expect(json).not.toContain(anyFeedback.slice(0, 40));
    expect(json).not.toMatch(/"scores":\{"[a-z]/);
    expect(json).not.toMatch(/"critical":"/);
  });

  it("shows nothing of one officer's attempt to another, and refuses their choices", async () => {
    const attemptId = await start(slug);
    const other = await cookieFor("officer2@example.org");
    expect(
      (await run(attemptLoader, get(`/scenarios/${slug}/attempts/${attemptId}`, other), { slug, attemptId })).status,
    ).toBe(404);
    expect(
      (
        await run(
          attemptAction,
          post(
            `/scenarios/${slug}/attempts/${attemptId}`,
            { intent: "choose", choiceId: first[0]!.id, position: "0" },
            other,
          ),
          { slug, attemptId },
        )
      ).status,
    ).toBe(404);
    expect(await prisma.choiceEvent.count({ where: { attemptId } })).toBe(0);
  });

  it("leaves an attempt as neither pass nor fail", async () => {
    const attemptId = await start(slug);
    await run(attemptAction, post(`/scenarios/${slug}/attempts/${attemptId}`, { intent: "leave" }, officer), {
      slug,
      attemptId,
    });
    expect(await prisma.attempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({
      status: "left",
      passed: null,
      score: null,
    });
  });
});
