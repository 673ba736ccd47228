import fs from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { parse as parseYaml } from "yaml";

export const DEMO_PASSWORD = "circlekeeper-demo";

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** A module's answer key, read from content/ (what the test knows and an officer does not). */
export function answerKey(slug: string): Record<string, string> {
  const front = parseYaml(fs.readFileSync(path.join("content/modules", `${slug}.mdx`), "utf8").split(/^---$/m)[1]!);
  return Object.fromEntries(front.knowledgeCheck.map((q: { id: string; answer: string }) => [q.id, q.answer]));
}

/** The explanations of a module's questions: text that must not reach an officer before they pass. */
/** The ideas of a module's questions, as its file holds them: what an officer reads after a wrong answer. */
export function ideas(slug: string): string[] {
  const front = parseYaml(fs.readFileSync(path.join("content/modules", `${slug}.mdx`), "utf8").split(/^---$/m)[1]!);
  return front.knowledgeCheck.map((q: { idea: string }) => q.idea.replace(/\s+/g, " ").trim());
}

export function explanations(slug: string): string[] {
  const front = parseYaml(fs.readFileSync(path.join("content/modules", `${slug}.mdx`), "utf8").split(/^---$/m)[1]!);
  return front.knowledgeCheck.map((q: { explanation: string }) => q.explanation);
}

/**
 * For each question group of the check on the page (in order), the index of the option to choose: the right one,
 * or a wrong one. The drawn questions and their option order change per attempt, so they are read from the page.
 */
export async function optionIndexes(
  page: Page,
  slug: string,
  pick: (questionIndex: number) => "right" | "wrong",
): Promise<number[]> {
  const key = answerKey(slug);
  const groups = await page
    .getByRole("group")
    .filter({ has: page.getByRole("radio") })
    .all();
  const indexes: number[] = [];
  for (const [i, group] of groups.entries()) {
    const radios = await group
      .getByRole("radio")
      .evaluateAll((els) =>
        els.map((el) => ({ name: (el as HTMLInputElement).name, value: (el as HTMLInputElement).value })),
      );
    const rightIndex = radios.findIndex((r) => r.value === key[r.name]);
    indexes.push(pick(i) === "right" ? rightIndex : radios.findIndex((_, n) => n !== rightIndex));
  }
  return indexes;
}

/** Answers the check on the page by clicking: the right option, or a wrong one, per question. */
export async function answerCheck(page: Page, slug: string, pick: (questionIndex: number) => "right" | "wrong") {
  const indexes = await optionIndexes(page, slug, pick);
  const groups = page.getByRole("group").filter({ has: page.getByRole("radio") });
  for (const [i, index] of indexes.entries()) await groups.nth(i).getByRole("radio").nth(index).check();
}

/**
 * Time travel for the server under test: moves an officer's check attempts of a module `minutes` into the past, as
 * if that time had gone by (the cool-down and the daily limit count from them). No test waits on the clock.
 */
export function moveCheckAttemptsBack(baseURL: string, email: string, slug: string, minutes: number) {
  const db = new Database(`tests/.tmp/e2e-${new URL(baseURL).port}/e2e.db`, { fileMustExist: true, timeout: 5000 });
  try {
    const userId = db.prepare("SELECT id FROM User WHERE email = ?").pluck().get(email) as string;
    const rows = db
      .prepare("SELECT id, createdAt FROM CheckAttempt WHERE userId = ? AND moduleSlug = ?")
      .all(userId, slug) as { id: string; createdAt: string | number }[];
    const update = db.prepare("UPDATE CheckAttempt SET createdAt = ? WHERE id = ?");
    for (const row of rows) {
      const moved = new Date(new Date(row.createdAt).getTime() - minutes * 60_000);
      update.run(
        typeof row.createdAt === "number" ? moved.getTime() : moved.toISOString().replace("Z", "+00:00"),
        row.id,
      );
    }
  } finally {
    db.close();
  }
}

/** Every string in the page's hydration data (what the browser was sent besides the HTML), one per line. */
export async function pageDataText(page: Page): Promise<string> {
  const data = await page.evaluate(() => (window as unknown as { __remixContext?: unknown }).__remixContext ?? null);
  const strings: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === "string") strings.push(value);
    else if (value && typeof value === "object")
      for (const [k, v] of Object.entries(value)) {
        strings.push(k);
        walk(v);
      }
  };
  walk(data);
  return strings.join("\n");
}

/**
 * The form of an observation at "competent" on every criterion of the meeting rubric, as an assessor would post it
 * to /observations/new: Level 1 sign-off needs one, and tests that sign an officer off record it first.
 */
export function competentObservationForm(officerId: string): Record<string, string> {
  const rubric = parseYaml(fs.readFileSync("content/rubrics/facilitating-a-meeting.yaml", "utf8")) as {
    criteria: { id: string }[];
  };
  const fields: Record<string, string> = {
    officerId,
    observedOn: "2026-11-20",
    setting: "real-meeting",
    processKind: "joint-meeting",
    rubric: "facilitating-a-meeting",
    submissionKey: crypto.randomUUID(),
    overall: "competent",
    comment: "Observed at a joint meeting: competent throughout.",
  };
  for (const c of rubric.criteria) {
    fields[`level-${c.id}`] = "competent";
    fields[`evidence-${c.id}`] = `What the assessor saw and heard for ${c.id}.`;
  }
  return fields;
}
