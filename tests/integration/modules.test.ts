import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "../../app/db/db.server";
import { publishedModules } from "../../app/modules/catalog.server";
import { attemptSize } from "../../app/modules/question-bank";
import { action as moduleAction, loader as moduleLoader } from "../../app/routes/modules.$slug";
import { loader as catalogueLoader } from "../../app/routes/modules._index";
import { cookieFor, get, post, run, seedOnce } from "../support/app";

let officer: string;
beforeAll(async () => {
  await seedOnce();
  officer = await cookieFor("officer@example.org");
});

async function firstModule() {
  const [first] = await publishedModules();
  if (!first) throw new Error("no modules in content/modules");
  return first;
}

describe("modules", () => {
  it("lists modules in order with progress and what to do next", async () => {
    const res = await run(catalogueLoader, get("/modules", officer));
    expect(res.status).toBe(200);
    const orders = res.data.items.map((i: { order: number }) => i.order);
    expect(orders).toEqual([...orders].sort((a: number, b: number) => a - b));
    expect(res.data.next).toBe(res.data.items[0].slug);
  });

  it("draws part of the bank and never sends the answer key or explanations before submission", async () => {
    const module = await firstModule();
    const res = await run(moduleLoader, get(`/modules/${module.slug}`, officer), { slug: module.slug });
    const json = JSON.stringify(res.data);
    for (const q of module.compiled.frontmatter.knowledgeCheck) {
      // The check's data holds no part of any explanation; the page as a whole holds no whole explanation (a
      // sentence opening may also stand in the module's own teaching text).
      expect(JSON.stringify(res.data.check)).not.toContain(q.explanation.slice(0, 50));
      expect(json).not.toContain(JSON.stringify(q.explanation).slice(1, -1));
    }
    expect(json).not.toMatch(/"answer"/);
    expect(res.data.check.form.questions.length).toBe(attemptSize(module.compiled.frontmatter));
  });

  it("grades on the server, shows no answer key after a failure, waits for the cool-down, marks the module passed, and counts a resend once", async () => {
    const module = await firstModule();
    const questions = module.compiled.frontmatter.knowledgeCheck;
    const keyOf = (id: string) => questions.find((q) => q.id === id)!.answer;
    const drawn = async () =>
      (await run(moduleLoader, get(`/modules/${module.slug}`, officer), { slug: module.slug })).data.check;
    const first = (await drawn()).form;
    const wrong = Object.fromEntries(
      first.questions.map((q: { id: string; options: { id: string }[] }) => [
        q.id,
        q.options.find((o) => o.id !== keyOf(q.id))!.id,
      ]),
    );
    const failed = await run(
      moduleAction,
      post(`/modules/${module.slug}`, { intent: "check", submissionKey: first.submissionKey, ...wrong }, officer),
      { slug: module.slug },
    );
    expect(failed.data.result).toMatchObject({ passed: false, score: 0 });
    expect(failed.data.result.questions[0].key).toBeNull();
    const firstWrong = questions.find((q) => q.id === failed.data.result.questions[0].id)!;
    expect(failed.data.result.questions[0].idea).toBe(firstWrong.idea);
    for (const q of questions) expect(JSON.stringify(failed.data)).not.toContain(q.explanation.slice(0, 50));
    expect((await drawn()).gate.reason).toBe("cooldown");

    // Ten minutes later (the failed attempt moved back in time instead of waiting).
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "officer@example.org" } });
    await prisma.checkAttempt.updateMany({
      where: { userId: user.id, moduleSlug: module.slug },
      data: { createdAt: new Date(Date.now() - 10 * 60_000) },
    });
    const second = (await drawn()).form;
    const right = Object.fromEntries(second.questions.map((q: { id: string }) => [q.id, keyOf(q.id)]));
    const passed = await run(
      moduleAction,
      post(`/modules/${module.slug}`, { intent: "check", submissionKey: second.submissionKey, ...right }, officer),
      { slug: module.slug },
    );
    expect(passed.data.result).toMatchObject({ passed: true, score: 100 });
    expect(passed.data.result.questions[0].key).toEqual({
      answer: keyOf(second.questions[0].id),
      explanation: questions.find((q) => q.id === second.questions[0].id)!.explanation,
    });
    const again = await run(
      moduleAction,
      post(`/modules/${module.slug}`, { intent: "check", submissionKey: second.submissionKey, ...right }, officer),
      { slug: module.slug },
    );
    expect(again.data.result).toMatchObject({ passed: true, score: 100 });

    expect(await prisma.checkAttempt.count({ where: { userId: user.id, moduleSlug: module.slug } })).toBe(2);
    expect(
      await prisma.moduleProgress.findUnique({
        where: { userId_moduleSlug: { userId: user.id, moduleSlug: module.slug } },
      }),
    ).toMatchObject({ status: "passed", bestScore: 100 });
    const catalogue = await run(catalogueLoader, get("/modules", officer));
    expect(catalogue.data.items.find((i: { slug: string }) => i.slug === module.slug).status).toBe("passed");
  });

  it("answers an incomplete check with 400, a message per question, and records nothing", async () => {
    const module = await firstModule();
    const learner = await cookieFor("r.begay@example.org");
    const { form } = (await run(moduleLoader, get(`/modules/${module.slug}`, learner), { slug: module.slug })).data
      .check;
    const before = await prisma.checkAttempt.count();
    const res = await run(
      moduleAction,
      post(
        `/modules/${module.slug}`,
        { intent: "check", submissionKey: form.submissionKey, [form.questions[0].id]: "zz" },
        learner,
      ),
      { slug: module.slug },
    );
    expect(res.status).toBe(400);
    expect(res.data.errors.form).toMatch(/Answer every question/);
    expect(res.data.errors[form.questions[0].id]).toBe("Choose one answer.");
    expect(await prisma.checkAttempt.count()).toBe(before);
  });

  it("refuses another officer's submission key", async () => {
    const module = await firstModule();
    const owner = await cookieFor("officer2@example.org");
    const { form } = (await run(moduleLoader, get(`/modules/${module.slug}`, owner), { slug: module.slug })).data.check;
    const answers = Object.fromEntries(
      form.questions.map((q: { id: string; options: { id: string }[] }) => [q.id, q.options[0]!.id]),
    );
    await run(
      moduleAction,
      post(`/modules/${module.slug}`, { intent: "check", submissionKey: form.submissionKey, ...answers }, owner),
      { slug: module.slug },
    );
    const other = await cookieFor("r.begay@example.org");
    const res = await run(
      moduleAction,
      post(`/modules/${module.slug}`, { intent: "check", submissionKey: form.submissionKey, ...answers }, other),
      { slug: module.slug },
    );
    expect(res.status).toBe(409);
  });

  it("remembers where the officer left off", async () => {
    const [, second] = await publishedModules();
    const slug = second!.slug;
    await run(moduleLoader, get(`/modules/${slug}`, officer), { slug });
    const anchor = second!.compiled.toc[1]!.id;
    await run(moduleAction, post(`/modules/${slug}`, { intent: "anchor", anchor }, officer), { slug });
    const res = await run(moduleLoader, get(`/modules/${slug}`, officer), { slug });
    expect(res.data.lastAnchor).toBe(anchor);
  });

  it("renders the body into a document but leaves it out of the hydration data; client navigations get it as data", async () => {
    const module = await firstModule();
    const context: { moduleHtml?: { before: string; after: string } } = {};
    const request = new Request(`http://localhost:3000/modules/${module.slug}`, {
      headers: { Cookie: officer, "Sec-Fetch-Dest": "document" },
    });
    const data = (await moduleLoader({ request, params: { slug: module.slug }, context } as never)) as {
      html: unknown;
    };
    expect(data.html).toBeNull();
    expect(context.moduleHtml?.before).toBe(module.compiled.html.before);
    const navigation = await run(moduleLoader, get(`/modules/${module.slug}`, officer), { slug: module.slug });
    expect(navigation.data.html.before).toBe(module.compiled.html.before);
  });

  it("answers an unknown module with 404", async () => {
    expect((await run(moduleLoader, get("/modules/no-such-module", officer), { slug: "no-such-module" })).status).toBe(
      404,
    );
    expect(
      (await run(moduleLoader, get("/modules/../../etc/passwd", officer), { slug: "../../etc/passwd" })).status,
    ).toBe(404);
  });
});
