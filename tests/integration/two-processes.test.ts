// Two production servers on one PostgreSQL database (issue 21): parallel sign-in failures are counted exactly as
// one process counts them, two processes racing for the same step of a role-play record it once, and when one
// process is killed with SIGKILL mid-way every choice it acknowledged is in the database. PostgreSQL only (a SQLite
// file is served by one process); needs the production build (BUILD_DIR).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "../../app/db/db.server";
import { seedOnce } from "../support/app";
import { postForm, signInCookie, startServer, type OwnServer } from "../support/own-server";

const onPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");
const SLUG = "vandalism-conference";

let a: OwnServer;
let b: OwnServer;

beforeAll(async () => {
  await seedOnce();
  if (!onPostgres) return;
  // Started together: both migrate, seed and sync content under the database's advisory locks.
  [a, b] = await Promise.all([
    startServer("(postgres)", { DATABASE_URL: process.env.DATABASE_URL! }),
    startServer("(postgres)", { DATABASE_URL: process.env.DATABASE_URL! }),
  ]);
}, 180_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

const wrongSignIn = (server: OwnServer, email: string) =>
  postForm(server, "/login", { email, password: "not-the-password" }).then((res) => res.arrayBuffer());

const throttleOf = (email: string) =>
  prisma.signInThrottle.findUniqueOrThrow({
    where: { key: `email:${email}` },
    select: { failures: true, lockedUntil: true },
  });

async function modelPath(): Promise<string[]> {
  const version = await prisma.scenarioVersion.findFirstOrThrow({
    where: { scenarioSlug: SLUG },
    orderBy: { number: "desc" },
    select: { compiled: true },
  });
  return (JSON.parse(version.compiled).modelPath as { choiceId: string }[]).map((step) => step.choiceId);
}

async function startPractice(server: OwnServer, cookie: string): Promise<string> {
  const res = await postForm(server, `/scenarios/${SLUG}?index`, { intent: "start" }, cookie);
  const match = new RegExp(`^/scenarios/${SLUG}/attempts/([^/?]+)$`).exec(res.headers.get("location") ?? "");
  if (res.status !== 302 || !match) throw new Error(`start: ${res.status}`);
  return match[1]!;
}

async function choose(server: OwnServer, cookie: string, attemptId: string, position: number, choiceId: string) {
  const here = `/scenarios/${SLUG}/attempts/${attemptId}`;
  const res = await postForm(server, here, { intent: "choose", choiceId, position: String(position) }, cookie);
  await res.arrayBuffer();
  return res.status === 302 && res.headers.get("location") === here;
}

describe.skipIf(!onPostgres)("two app processes on one PostgreSQL database", () => {
  it("counts parallel sign-in failures across both processes as one process does", async () => {
    // Email addresses without accounts are counted the same way; 7 tries against a limit of 5.
    await Promise.all(Array.from({ length: 7 }, (_, i) => wrongSignIn(i % 2 ? a : b, "nobody-two@example.org")));
    await Promise.all(Array.from({ length: 7 }, () => wrongSignIn(a, "nobody-one@example.org")));
    const [two, one] = [await throttleOf("nobody-two@example.org"), await throttleOf("nobody-one@example.org")];
    expect(two.failures).toBe(5);
    expect(two.lockedUntil).not.toBeNull();
    expect({ failures: two.failures, locked: two.lockedUntil !== null }).toEqual({
      failures: one.failures,
      locked: one.lockedUntil !== null,
    });
  });

  it("records a step raced from both processes once, and the whole path with steps alternating", async () => {
    const cookie = await signInCookie(a, "trainer@example.org");
    const attemptId = await startPractice(b, cookie);
    const path = await modelPath();
    const raced = await Promise.all([
      choose(a, cookie, attemptId, 0, path[0]!),
      choose(b, cookie, attemptId, 0, path[0]!),
    ]);
    expect(raced).toEqual([true, true]); // one recorded, the other acknowledged as the same choice
    for (const [position, choiceId] of path.entries())
      if (position > 0) expect(await choose(position % 2 ? a : b, cookie, attemptId, position, choiceId)).toBe(true);
    const events = await prisma.choiceEvent.findMany({ where: { attemptId }, orderBy: { position: "asc" } });
    expect(events.map((e) => e.choiceId)).toEqual(path);
    const attempt = await prisma.attempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect({ status: attempt.status, choiceCount: attempt.choiceCount }).toEqual({
      status: "completed",
      choiceCount: path.length,
    });
  });

  it("keeps every choice a process acknowledged before it was killed with SIGKILL", async () => {
    const path = await modelPath();
    const players = await Promise.all(
      ["trainer2@example.org", "supervisor@example.org"].map(async (email) => {
        const cookie = await signInCookie(b, email);
        return { cookie, attemptId: await startPractice(b, cookie) };
      }),
    );
    const acknowledged: { attemptId: string; position: number }[] = [];
    let killed: Promise<void> = Promise.resolve();
    await Promise.all(
      players.map(async ({ cookie, attemptId }) => {
        for (const [position, choiceId] of path.entries()) {
          const ok = await choose(b, cookie, attemptId, position, choiceId).catch(() => false);
          if (!ok) return; // the process is gone
          acknowledged.push({ attemptId, position });
          if (acknowledged.length === 3) killed = b.kill();
        }
      }),
    );
    await killed;
    expect(acknowledged.length).toBeGreaterThanOrEqual(3);
    for (const { attemptId, position } of acknowledged)
      expect(await prisma.choiceEvent.count({ where: { attemptId, position } }), `${attemptId}#${position}`).toBe(1);
    // The other process still serves.
    expect((await fetch(`${a.url}/healthcheck`)).ok).toBe(true);
  });
});
