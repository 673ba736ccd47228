import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "../../app/db/db.server";
import { publishedModules } from "../../app/modules/catalog.server";
import { loader as catalogueLoader } from "../../app/routes/modules._index";
import { action as moduleAction, loader as moduleLoader } from "../../app/routes/modules.$slug";
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

  it("never sends the answer key or explanations before submission", async () => {
    const module = await firstModule();
    const res = await run(moduleLoader, get(`/modules/${module.slug}`, officer), { slug: module.slug });
    const json = JSON.stringify(res.data);
    for (const q of module.compiled.frontmatter.knowledgeCheck) {
      expect(json).not.toContain(q.explanation.slice(0, 50));
    }
    expect(json).not.toMatch(/"answer"/);
    expect(res.data.questions.length).toBe(module.compiled.frontmatter.knowledgeCheck.length);
  });

  it("grades on the server, records every attempt, marks the module passed, and counts a resend once", async () => {
    const module = await firstModule();
    const questions = module.compiled.frontmatter.knowledgeCheck;
    const wrong = Object.fromEntries(questions.map((q) => [q.id, q.options.find((o) => o.id !== q.answer)!.id]));
    const right = Object.fromEntries(questions.map((q) => [q.id, q.answer]));
    const key1 = crypto.randomUUID();
    const failed = await run(moduleAction, post(`/modules/${module.slug}`, { intent: "check", submissionKey: key1, ...wrong }, officer), { slug: module.slug });
    expect(failed.data.result).toMatchObject({ passed: false, score: 0 });
    expect(failed.data.result.results[0].explanation).toBe(questions[0]!.explanation);

    const key2 = crypto.randomUUID();
    const passed = await run(moduleAction, post(`/modules/${module.slug}`, { intent: "check", submissionKey: key2, ...right }, officer), { slug: module.slug });
    expect(passed.data.result).toMatchObject({ passed: true, score: 100 });
    const again = await run(moduleAction, post(`/modules/${module.slug}`, { intent: "check", submissionKey: key2, ...right }, officer), { slug: module.slug });
    expect(again.data.result).toMatchObject({ passed: true, score: 100 });

    const user = await prisma.user.findUniqueOrThrow({ where: { email: "officer@example.org" } });
    expect(await prisma.checkAttempt.count({ where: { userId: user.id, moduleSlug: module.slug } })).toBe(2);
    expect(await prisma.moduleProgress.findUnique({ where: { userId_moduleSlug: { userId: user.id, moduleSlug: module.slug } } })).toMatchObject({ status: "passed", bestScore: 100 });
    const catalogue = await run(catalogueLoader, get("/modules", officer));
    expect(catalogue.data.items.find((i: { slug: string }) => i.slug === module.slug).status).toBe("passed");
  });

  it("answers an incomplete check with 400, a message per question, and records nothing", async () => {
    const module = await firstModule();
    const before = await prisma.checkAttempt.count();
    const res = await run(moduleAction, post(`/modules/${module.slug}`, { intent: "check", submissionKey: crypto.randomUUID(), q1: "zz" }, officer), { slug: module.slug });
    expect(res.status).toBe(400);
    expect(res.data.errors.form).toMatch(/Answer every question/);
    expect(res.data.errors[module.compiled.frontmatter.knowledgeCheck[0]!.id]).toBe("Choose one answer.");
    expect(await prisma.checkAttempt.count()).toBe(before);
  });

  it("refuses another officer's submission key", async () => {
    const module = await firstModule();
    const right = Object.fromEntries(module.compiled.frontmatter.knowledgeCheck.map((q) => [q.id, q.answer]));
    const key = crypto.randomUUID();
    await run(moduleAction, post(`/modules/${module.slug}`, { intent: "check", submissionKey: key, ...right }, officer), { slug: module.slug });
    const other = await cookieFor("officer2@example.org");
    const res = await run(moduleAction, post(`/modules/${module.slug}`, { intent: "check", submissionKey: key, ...right }, other), { slug: module.slug });
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
    const request = new Request(`http://localhost:3000/modules/${module.slug}`, { headers: { Cookie: officer, "Sec-Fetch-Dest": "document" } });
    const data = (await moduleLoader({ request, params: { slug: module.slug }, context } as never)) as { html: unknown };
    expect(data.html).toBeNull();
    expect(context.moduleHtml?.before).toBe(module.compiled.html.before);
    const navigation = await run(moduleLoader, get(`/modules/${module.slug}`, officer), { slug: module.slug });
    expect(navigation.data.html.before).toBe(module.compiled.html.before);
  });

  it("answers an unknown module with 404", async () => {
    expect((await run(moduleLoader, get("/modules/no-such-module", officer), { slug: "no-such-module" })).status).toBe(404);
    expect((await run(moduleLoader, get("/modules/../../etc/passwd", officer), { slug: "../../etc/passwd" })).status).toBe(404);
  });
});
