// The officer record's attempts, 50 a page by keyset (startedAt, id), through the supervisor's loader: every
// attempt exactly once across the pages, in order; the way back gives the same pages; ties on startedAt are
// split by id; a malformed cursor is a 400 that names the way out.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "../../app/db/db.server";
import { loader } from "../../app/routes/supervisor.officers.$officerId._index";
import { cookieFor, get, run, seedOnce } from "../support/app";

let supervisor: string;
let officerId: string;
const TOTAL = 123;
const expectedOrder: string[] = [];

beforeAll(async () => {
  await seedOnce();
  supervisor = await cookieFor("supervisor@example.org");
  const officer = await prisma.user.findUniqueOrThrow({ where: { email: "officer@example.org" } });
  officerId = officer.id;
  const version = await prisma.scenarioVersion.findFirstOrThrow({ select: { id: true, scenarioSlug: true } });
  // Pairs of attempts share a start time, so the id must break the tie.
  const base = Date.UTC(2026, 0, 1);
  const rows = Array.from({ length: TOTAL }, (_, i) => ({
    id: `ckpage${String(i).padStart(4, "0")}`,
    userId: officer.id,
    scenarioVersionId: version.id,
    scenarioSlug: version.scenarioSlug,
    status: "completed",
    mode: "practice",
    score: i % 100,
    passed: i % 2 === 0,
    startedAt: new Date(base + Math.floor(i / 2) * 60_000),
    updatedAt: new Date(base),
    finishedAt: new Date(base),
    competencyScores: JSON.stringify({ listening: 50 + (i % 2) * 10 }),
  }));
  await prisma.attempt.deleteMany({ where: { userId: officer.id } });
  await prisma.attempt.createMany({ data: rows });
  expectedOrder.push(
    ...[...rows]
      .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((r) => r.id),
  );
});

async function page(query = "") {
  const res = await run(loader, get(`/supervisor/officers/${officerId}${query}`, supervisor), { officerId });
  expect(res.status, JSON.stringify(res.data).slice(0, 200)).toBe(200);
  return res.data.attempts as { attempts: { id: string }[]; older: string | null; newer: string | null };
}

describe("officer record: attempts in pages of 50", () => {
  it("walks older then newer through every attempt once, in order", async () => {
    const first = await page();
    expect(first.newer).toBeNull();
    const second = await page(`?older=${encodeURIComponent(first.older!)}`);
    const third = await page(`?older=${encodeURIComponent(second.older!)}`);
    expect([first, second, third].map((p) => p.attempts.length)).toEqual([50, 50, 23]);
    expect(third.older).toBeNull();
    expect([first, second, third].flatMap((p) => p.attempts.map((a) => a.id))).toEqual(expectedOrder);

    const backToSecond = await page(`?newer=${encodeURIComponent(third.newer!)}`);
    expect(backToSecond.attempts.map((a) => a.id)).toEqual(second.attempts.map((a) => a.id));
    const backToFirst = await page(`?newer=${encodeURIComponent(backToSecond.newer!)}`);
    expect(backToFirst.attempts.map((a) => a.id)).toEqual(first.attempts.map((a) => a.id));
    expect(backToFirst.newer).toBeNull();
  });

  it("averages competencies over every completed attempt, not one page", async () => {
    const res = await run(loader, get(`/supervisor/officers/${officerId}`, supervisor), { officerId });
    // 62 attempts at 50 and 61 at 60: (62 × 50 + 61 × 60) / 123 = 54.96
    expect(res.data.competencyProfile).toEqual([{ competency: "listening", average: 55, attempts: TOTAL }]);
  });

  it("answers a malformed cursor with 400 and a way out", async () => {
    for (const query of ["?older=yesterday", "?newer=", "?older=2026-01-01T00:00:00.000+00:00~a%20b"]) {
      const res = await run(loader, get(`/supervisor/officers/${officerId}${query}`, supervisor), { officerId });
      expect(res.status, query).toBe(400);
      expect(res.data).toBe("That page of attempts does not exist: use the links under the attempts table.");
    }
  });
});
