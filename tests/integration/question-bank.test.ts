// Knowledge checks drawn from a question bank, against a fixture library held to the full rules: a bank of 12
// with 6 drawn per attempt and an idea on every question (tests/fixtures/content-bank). Fixed clocks where time
// matters: the domain functions take `now`; the routes use the real clock.
import { beforeAll, describe, expect, it, vi } from "vitest";

import type { SessionUser } from "../../app/auth/roles";
import { prisma } from "../../app/db/db.server";
import { findModule } from "../../app/modules/catalog.server";
import { submitCheck } from "../../app/modules/check-attempts.server";
import type { Question } from "../../app/modules/format";
import { modulePage } from "../../app/modules/views.server";
import { action as moduleAction, loader as moduleLoader } from "../../app/routes/modules.$slug";
import { cookieFor, get, post, run } from "../support/app";

vi.hoisted(() => {
  process.env.CONTENT_DIR = "tests/fixtures/content-bank";
});

const BASICS = "bank-basics";
const FOLLOW_UP = "bank-follow-up"; // needs BASICS passed; no cool-down, 2 attempts a day, 2 of 5 drawn
const MINUTE = 60_000;

let bank: Question[];
let agencyId: string;
let unitId: string;
let count = 0;

beforeAll(async () => {
  const entry = await findModule(BASICS);
  bank = entry!.compiled!.frontmatter.knowledgeCheck;
  const agency = await prisma.agency.create({ data: { name: "Bank Test Agency" } });
  const unit = await prisma.unit.create({ data: { name: "Bank Test Unit", agencyId: agency.id } });
  agencyId = agency.id;
  unitId = unit.id;
});

async function newOfficer(): Promise<{ user: SessionUser; cookie: string }> {
  const email = `bank-officer-${++count}@example.org`;
  const u = await prisma.user.create({
    data: { email, name: `Bank Officer ${count}`, role: "officer", agencyId, unitId, passwordHash: "x" },
  });
  return { user: { id: u.id, email, name: u.name, role: "officer", agencyId, unitId }, cookie: await cookieFor(email) };
}

type Drawn = { id: string; options: { id: string }[] };
const keyOf = (id: string) => bank.find((q) => q.id === id)!.answer;
const right = (questions: Drawn[]) => Object.fromEntries(questions.map((q) => [q.id, keyOf(q.id)]));
const wrong = (questions: Drawn[]) =>
  Object.fromEntries(questions.map((q) => [q.id, q.options.find((o) => o.id !== keyOf(q.id))!.id]));

async function view(user: SessionUser, slug: string, now: Date) {
  const page = await modulePage(user, slug, now);
  if (page?.kind !== "ready") throw new Error("module not ready");
  return page.check;
}

/** One attempt through the domain at a fixed time: open the page, answer, submit. */
async function attemptAt(user: SessionUser, slug: string, now: Date, answer: (q: Drawn[]) => Record<string, string>) {
  const check = await view(user, slug, now);
  if (!check.form)
    throw new Error(`no open check at ${now.toISOString()}: ${"message" in check.gate ? check.gate.message : ""}`);
  const entry = await findModule(slug);
  const outcome = await submitCheck(
    user,
    { ...entry!, compiled: entry!.compiled! },
    check.form.submissionKey,
    answer(check.form.questions),
    now,
  );
  if (outcome.kind !== "graded") throw new Error(`not graded: ${JSON.stringify(outcome)}`);
  return { drawn: check.form.questions, review: outcome.review };
}

const pageOf = (cookie: string, slug = BASICS) => run(moduleLoader, get(`/modules/${slug}`, cookie), { slug });
const submitOf = (cookie: string, fields: Record<string, string>, slug = BASICS) =>
  run(moduleAction, post(`/modules/${slug}`, { intent: "check", ...fields }, cookie), { slug });

describe("drawing from the bank", () => {
  it("draws 6 of the 12 questions with no answer key, explanation or idea in the page data, and keeps the draw on reload", async () => {
    const { cookie } = await newOfficer();
    const first = await pageOf(cookie);
    const { form } = first.data.check;
    expect(form.questions).toHaveLength(6);
    expect(new Set(form.questions.map((q: Drawn) => q.id)).size).toBe(6);
    expect(form.questions.every((q: Drawn) => bank.some((b) => b.id === q.id))).toBe(true);
    const json = JSON.stringify(first.data);
    expect(json).not.toMatch(/EXPLANATION-|IDEA-|"answer"/);
    const again = await pageOf(cookie);
    expect(again.data.check.form).toEqual(form);
  });

  it("gives a second attempt other questions, then grades exactly the drawn ones", async () => {
    const { user } = await newOfficer();
    const t0 = new Date(Date.now() - 60 * MINUTE);
    const first = await attemptAt(user, BASICS, t0, wrong);
    const second = await attemptAt(user, BASICS, new Date(t0.getTime() + 10 * MINUTE), (qs) => ({
      ...right(qs),
      ...right(bank.map((b) => ({ id: b.id, options: [] }))),
    }));
    const firstIds = first.drawn.map((q) => q.id);
    expect(second.drawn.filter((q) => firstIds.includes(q.id))).toEqual([]);
    expect(second.review).toMatchObject({ passed: true, total: 6, correctCount: 6 });
    const stored = await prisma.checkAttempt.findMany({
      where: { userId: user.id },
      orderBy: { createdAt: "asc" },
      select: { seed: true, questions: true, answers: true },
    });
    expect(stored.map((s) => JSON.parse(s.questions!).map((q: { id: string }) => q.id))).toEqual([
      firstIds,
      second.drawn.map((q) => q.id),
    ]);
    expect(stored[0]!.seed).not.toBe(stored[1]!.seed);
    // Answers to questions that were not drawn are not recorded or graded.
    expect(Object.keys(JSON.parse(stored[1]!.answers)).sort()).toEqual(second.drawn.map((q) => q.id).sort());
  });
});

describe("what the officer sees after an attempt", () => {
  it("after a failure: which answers were wrong and the idea of each, never the right option; a resend changes nothing", async () => {
    const { user, cookie } = await newOfficer();
    const page = await pageOf(cookie);
    const { submissionKey, questions } = page.data.check.form as { submissionKey: string; questions: Drawn[] };
    const answers = { ...right(questions.slice(0, 2)), ...wrong(questions.slice(2)) };
    const failed = await submitOf(cookie, { submissionKey, ...answers });
    expect(failed.status).toBe(200);
    const review = failed.data.result;
    expect(review).toMatchObject({ passed: false, correctCount: 2, total: 6, score: 33 });
    expect(review.questions.map((q: { correct: boolean }) => q.correct)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
    expect(review.questions.map((q: { idea: string | null }) => q.idea)).toEqual([
      null,
      null,
      ...questions.slice(2).map((q) => bank.find((b) => b.id === q.id)!.idea),
    ]);
    expect(review.questions.every((q: { key: unknown }) => q.key === null)).toBe(true);
    expect(JSON.stringify(failed.data)).not.toMatch(/EXPLANATION-|"answer"/);

    // The page afterwards: the same review, no answer key, and no form until the cool-down ends.
    const after = await pageOf(cookie);
    expect(after.data.check.review.questions).toEqual(review.questions);
    expect(after.data.check.form).toBeNull();
    expect(after.data.check.gate).toMatchObject({
      open: false,
      reason: "cooldown",
      message: expect.stringMatching(/^Your next attempt is allowed at \d{4}-\d\d-\d\d \d\d:\d\d UTC/),
    });
    expect(JSON.stringify(after.data)).not.toMatch(/EXPLANATION-|"answer"/);

    // The same form sent again: the first result, nothing more recorded.
    const resend = await submitOf(cookie, { submissionKey, ...answers });
    expect(resend.data.result).toEqual(review);
    // Another submission during the cool-down: 429 with the time, nothing recorded.
    const early = await submitOf(cookie, { submissionKey: crypto.randomUUID(), ...answers });
    expect(early.status).toBe(429);
    expect(early.data.errors.form).toMatch(/^Your next attempt is allowed at/);
    expect(Number(early.headers.get("Retry-After"))).toBeGreaterThan(500);
    expect(await prisma.checkAttempt.count({ where: { userId: user.id } })).toBe(1);
  });

  it("after a pass: the answer key and explanations, then and on every later view, and no more attempts", async () => {
    const { user, cookie } = await newOfficer();
    const t0 = new Date(Date.now() - 60 * MINUTE);
    const { drawn, review } = await attemptAt(user, BASICS, t0, (qs) => ({
      ...right(qs.slice(0, 5)),
      ...wrong(qs.slice(5)),
    }));
    expect(review).toMatchObject({ passed: true, score: 83 });
    const expectedKey = drawn.map((q) => ({
      answer: keyOf(q.id),
      explanation: bank.find((b) => b.id === q.id)!.explanation,
    }));
    expect(review.questions.map((q) => q.key)).toEqual(expectedKey);
    const later = await pageOf(cookie);
    expect(later.data.check.review.questions.map((q: { key: unknown }) => q.key)).toEqual(expectedKey);
    expect(later.data.check.form).toBeNull();
    expect(later.data.check.gate).toMatchObject({ reason: "passed" });
    const more = await submitOf(cookie, { submissionKey: crypto.randomUUID(), ...right(drawn) });
    expect(more.status).toBe(409);
    expect(more.data.errors.form).toBe("You have passed this knowledge check.");
    expect(
      await prisma.moduleProgress.findUnique({ where: { userId_moduleSlug: { userId: user.id, moduleSlug: BASICS } } }),
    ).toMatchObject({ status: "passed", bestScore: 83 });
  });
});

describe("cool-down and daily limit, with fixed clocks", () => {
  it("closes for 10 minutes after each attempt and after 5 attempts in 24 hours, to the millisecond", async () => {
    const { user } = await newOfficer();
    const t0 = new Date(Math.floor((Date.now() - 2 * 24 * 60 * MINUTE) / MINUTE) * MINUTE); // on the minute
    const at = (ms: number) => new Date(t0.getTime() + ms);
    await attemptAt(user, BASICS, t0, wrong);
    expect((await view(user, BASICS, at(10 * MINUTE - 1))).gate).toMatchObject({
      reason: "cooldown",
      nextAt: at(10 * MINUTE).toISOString(),
    });
    const entry = await findModule(BASICS);
    const ready = { ...entry!, compiled: entry!.compiled! };
    expect(await submitCheck(user, ready, crypto.randomUUID(), {}, at(10 * MINUTE - 1))).toMatchObject({
      kind: "refused",
      status: 429,
      retryAfterSeconds: 1,
    });
    for (const n of [1, 2, 3, 4]) await attemptAt(user, BASICS, at(n * 10 * MINUTE), wrong);
    // Five attempts, the first at t0: closed until t0 + 24 hours, though the cool-down ended long before.
    const day = 24 * 60 * MINUTE;
    expect((await view(user, BASICS, at(day - 1))).gate).toEqual({
      open: false,
      reason: "daily-limit",
      nextAt: at(day).toISOString(),
      message: `You have used the 5 attempts allowed in 24 hours. Your next attempt is allowed at ${at(day).toISOString().slice(0, 16).replace("T", " ")} UTC.`,
    });
    expect(await submitCheck(user, ready, crypto.randomUUID(), {}, at(day - 1))).toMatchObject({
      kind: "refused",
      status: 429,
    });
    const open = await view(user, BASICS, at(day));
    expect(open.gate).toEqual({ open: true });
    expect(open.form?.questions).toHaveLength(6);
  });

  it("follows a module's own rules: no cool-down, 2 attempts a day", async () => {
    const { user } = await newOfficer();
    const t0 = new Date(Date.now() - 3 * 24 * 60 * MINUTE);
    await attemptAt(user, BASICS, t0, right);
    const t1 = new Date(t0.getTime() + MINUTE);
    await attemptAt(user, FOLLOW_UP, t1, wrong);
    await attemptAt(user, FOLLOW_UP, t1, wrong);
    expect((await view(user, FOLLOW_UP, t1)).gate).toMatchObject({
      reason: "daily-limit",
      message: expect.stringMatching(/the 2 attempts allowed/),
    });
  });
});

describe("who may take a check", () => {
  it("refuses a check for a module the officer never opened, and records nothing", async () => {
    const { user, cookie } = await newOfficer();
    const res = await submitOf(cookie, {
      submissionKey: crypto.randomUUID(),
      ...right(bank.map((b) => ({ id: b.id, options: [] }))),
    });
    expect(res.status).toBe(409);
    expect(res.data.errors.form).toBe("Open the module and read it before you take its knowledge check.");
    expect(await prisma.checkAttempt.count({ where: { userId: user.id } })).toBe(0);
  });

  it("opens a check only once its prerequisites are passed, in the page and the action", async () => {
    const { user, cookie } = await newOfficer();
    const locked = await pageOf(cookie, FOLLOW_UP);
    expect(locked.data.check.form).toBeNull();
    expect(locked.data.check.gate).toEqual({
      open: false,
      reason: "prerequisites",
      missing: [{ slug: BASICS, title: "Bank basics" }],
      message: "The knowledge check opens once you have passed Bank basics.",
    });
    const refused = await submitOf(cookie, { submissionKey: crypto.randomUUID(), q1: "a", q2: "a" }, FOLLOW_UP);
    expect(refused.status).toBe(409);
    expect(refused.data.errors.form).toBe("The knowledge check opens once you have passed Bank basics.");
    await attemptAt(user, BASICS, new Date(Date.now() - MINUTE), right);
    const open = await pageOf(cookie, FOLLOW_UP);
    expect(open.data.check.gate).toEqual({ open: true });
    expect(open.data.check.form.questions).toHaveLength(2);
  });
});

describe("bad submissions", () => {
  it("answers a missing answer with 400 and a message per question, records nothing and keeps the draw", async () => {
    const { user, cookie } = await newOfficer();
    const { submissionKey, questions } = (await pageOf(cookie)).data.check.form;
    const res = await submitOf(cookie, { submissionKey, ...right(questions.slice(1)), [questions[1].id]: "zz" });
    expect(res.status).toBe(400);
    expect(res.data.errors).toMatchObject({
      form: "Answer every question before you submit.",
      [questions[0].id]: "Choose one answer.",
      [questions[1].id]: "Choose one answer.",
    });
    expect(await prisma.checkAttempt.count({ where: { userId: user.id } })).toBe(0);
    expect((await pageOf(cookie)).data.check.form.submissionKey).toBe(submissionKey);
  });

  it("refuses another officer's submission key, and a stale draw after the module changed", async () => {
    const a = await newOfficer();
    const b = await newOfficer();
    const form = (await pageOf(a.cookie)).data.check.form;
    await submitOf(a.cookie, { submissionKey: form.submissionKey, ...wrong(form.questions) });
    await pageOf(b.cookie);
    expect((await submitOf(b.cookie, { submissionKey: form.submissionKey, ...wrong(form.questions) })).status).toBe(
      409,
    );

    const own = (await pageOf(b.cookie)).data.check.form;
    await prisma.checkDraw.update({
      where: { userId_moduleSlug: { userId: b.user.id, moduleSlug: BASICS } },
      data: { moduleHash: "an-earlier-version" },
    });
    const stale = await submitOf(b.cookie, { submissionKey: own.submissionKey, ...right(own.questions) });
    expect(stale.status).toBe(409);
    expect(stale.data.errors.form).toMatch(/module changed/);
    expect((await pageOf(b.cookie)).data.check.form.submissionKey).not.toBe(own.submissionKey);
    expect(await prisma.checkAttempt.count({ where: { userId: b.user.id } })).toBe(0);
  });
});
