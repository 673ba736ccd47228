// Issue 12: an officer who reads only the surface of the choices must not pass a library scenario. Each
// shipped scenario is played always-longest and always-first through the real player: the page's loader gives
// the (redacted) scenario and the choices recorded so far, the browser's engine says where play stands, and
// each choice is posted to the attempt action, which records and scores it on the server.
// A scenario that gave its answers away would fail "does not pass" with its name and score (six of them did
// before the rewrite of issue 12).
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "../../app/db/db.server";
import { action as startAction } from "../../app/routes/scenarios.$slug._index";
import { loader as attemptLoader, action as attemptAction } from "../../app/routes/scenarios.$slug.attempts.$attemptId";
import { replay } from "../../app/scenarios/engine";
import type { Scenario } from "../../app/scenarios/scenario";
import { validateScenario } from "../../app/scenarios/validate";
import { cookieFor, get, post, run, seedOnce } from "../support/app";

const dir = path.resolve("content/scenarios");
const shipped = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".yaml"))
  .sort()
  .map((f) => {
    const file = `content/scenarios/${f}`;
    return {
      slug: path.basename(f, ".yaml"),
      strategy: validateScenario(file, fs.readFileSync(path.join(dir, f), "utf8")).strategy,
    };
  });

/** What an officer who reads only the surface picks among the texts offered (the first one on a tie). */
const SURFACE = {
  longest: (texts: string[]) => texts.reduce((best, t, i) => (t.length > texts[best]!.length ? i : best), 0),
  first: () => 0,
} as const;

let template: { agencyId: string; unitId: string | null; passwordHash: string };
beforeAll(async () => {
  await seedOnce();
  template = await prisma.user.findUniqueOrThrow({
    where: { email: "officer@example.org" },
    select: { agencyId: true, unitId: true, passwordHash: true },
  });
});

/** A new officer for each play: practice rules (pools must keep a first play) never stand in the way. */
async function freshOfficer(): Promise<string> {
  const email = `surface-${crypto.randomUUID()}@example.org`;
  await prisma.user.create({ data: { email, name: "Surface Player", role: "officer", ...template } });
  return cookieFor(email);
}

async function playSurface(slug: string, pick: (texts: string[]) => number) {
  const officer = await freshOfficer();
  const started = await run(startAction, post(`/scenarios/${slug}`, { intent: "start-over" }, officer), { slug });
  expect(started.status).toBe(302);
  const attemptId = started.headers.get("Location")!.split("/").pop()!;
  const url = `/scenarios/${slug}/attempts/${attemptId}`;
  for (let position = 0; position < 200; position++) {
    const page = await run(attemptLoader, get(url, officer), { slug, attemptId });
    expect(page.status).toBe(200);
    if (!page.data.player) break;
    const player = page.data.player as Scenario;
    const here = replay(player, page.data.recorded as string[]);
    if (!here.ok) throw new Error(`the recorded choices do not replay in ${slug}`);
    const choices = player.nodes[here.state.nodeId]!.choices;
    const choiceId = choices[pick(choices.map((c) => c.text))]!.id;
    const res = await run(
      attemptAction,
      post(url, { intent: "choose", choiceId, position: String(position) }, officer),
      { slug, attemptId },
    );
    expect(res.status, `choice ${position} (${choiceId})`).toBe(302);
  }
  return prisma.attempt.findUniqueOrThrow({ where: { id: attemptId } });
}

describe.each(shipped.map((s) => [s.slug, s.strategy] as const))(
  "library scenario %s played on the surface",
  (slug, strategy) => {
    it.each(Object.keys(SURFACE) as (keyof typeof SURFACE)[])(
      "always the %s option: the server's verdict matches the strategy report",
      async (name) => {
        const attempt = await playSurface(slug, SURFACE[name]);
        expect(strategy, "the scenario validates and has a strategy report").not.toBeNull();
        expect({ passed: attempt.passed ?? false, score: attempt.score }).toEqual({
          passed: strategy!.report.strategies[name].passed,
          score: attempt.status === "completed" ? strategy!.report.strategies[name].score : null,
        });
      },
    );

    it.each(Object.keys(SURFACE) as (keyof typeof SURFACE)[])("always the %s option does not pass", async (name) => {
      const attempt = await playSurface(slug, SURFACE[name]);
      expect(
        attempt.passed ?? false,
        `${slug}: always the ${name} option passes today with ${attempt.score}% (ending ${attempt.endingId})`,
      ).toBe(false);
    });
  },
);
