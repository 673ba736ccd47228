// Shared by the accessibility specs: axe with the WCAG A and AA rule sets, signed-in pages per account,
// and the checks for visible focus, reflow and reduced motion.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "./e2e";

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** axe on the page as it is now: the WCAG A and AA rules; only violations are listed in full (resultTypes), which is faster. */
export function axeScan(page: Page, { colorsOnly = false } = {}) {
  const builder = new AxeBuilder({ page }).options({ resultTypes: ["violations"] });
  // A theme changes colours only: its scans run axe's colour rules, the rest was scanned in the light theme.
  return (colorsOnly ? builder.withRules(COLOUR_RULES) : builder.withTags(WCAG_TAGS)).analyze();
}

/** axe's rules about colour: text contrast, and links told apart from the text around them. */
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

/** Runs axe on the page as it is now and fails with a readable list of every violation and where it is. */
export async function expectNoAxeViolations(page: Page, label: string, { colorsOnly = false } = {}) {
  const results = await axeScan(page, { colorsOnly });
  const found = results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")}: ${n.failureSummary?.replace(/\s+/g, " ")}`),
  }));
  expect(found, `axe violations on ${label} (${page.url()})`).toEqual([]);
  // A scan that checked nothing proves nothing.
  expect(results.passes.length, `axe checked no rules on ${label}`).toBeGreaterThan(colorsOnly ? 0 : 5);
}

type StorageState = Awaited<ReturnType<import("@playwright/test").BrowserContext["storageState"]>>;
const sessions = new Map<string, StorageState>();

/** A new page in a new context, signed in as `email` (null: a visitor). Each account signs in once per worker. */
export async function pageAs(
  browser: Browser,
  email: string | null,
  options: BrowserContextOptions = {},
): Promise<Page> {
  if (email === null) return (await browser.newContext(options)).newPage();
  const context = await browser.newContext({ ...options, storageState: await sessionOf(browser, email) });
  if (await isSignedIn(context)) return context.newPage();
  // A spec that reset the account's factors or password ended its sessions: sign in afresh.
  await context.close();
  sessions.delete(email);
  return (await browser.newContext({ ...options, storageState: await sessionOf(browser, email) })).newPage();
}

/** Whether the context's session cookie still opens a page that needs one (a signed-out visitor is redirected). */
async function isSignedIn(context: BrowserContext) {
  const response = await context.request.get("/account/security", { maxRedirects: 0 });
  return response.status() === 200;
}

const shared = new Map<string, Page>();

/** One page per account, kept open between tests of a worker (its scripts load once); each use starts with a navigation. */
export async function sharedPageAs(browser: Browser, email: string | null): Promise<Page> {
  const key = email ?? "";
  let page = shared.get(key);
  if (!page || page.isClosed()) {
    page = await pageAs(browser, email);
    shared.set(key, page);
  }
  return page;
}

export async function closeSharedPages() {
  for (const page of shared.values()) await page.context().close();
  shared.clear();
}

async function sessionOf(browser: Browser, email: string): Promise<StorageState> {
  let state = sessions.get(email);
  if (!state) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    state = await context.storageState();
    sessions.set(email, state);
    await context.close();
  }
  return state;
}

/** The focused element shows a focus indicator: an outline (or a box shadow) that is not none. */
export async function expectFocusVisible(page: Page) {
  const style = await page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const s = getComputedStyle(el);
    return {
      tag: el.tagName,
      text: (el.textContent ?? "").trim().slice(0, 40),
      outlineStyle: s.outlineStyle,
      outlineWidth: s.outlineWidth,
      boxShadow: s.boxShadow,
    };
  });
  expect(style, "something has keyboard focus").not.toBeNull();
  const visible =
    (style!.outlineStyle !== "none" && parseFloat(style!.outlineWidth) >= 2) || style!.boxShadow !== "none";
  expect(visible, `focus indicator on ${style!.tag} "${style!.text}": ${JSON.stringify(style)}`).toBe(true);
}

/** Presses Tab (or Shift+Tab) until `target` has focus, checking each stop shows its focus; fails after `max`. */
export async function tabTo(page: Page, target: import("@playwright/test").Locator, { max = 40, back = false } = {}) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) break;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    if (
      await page.evaluate(() => document.activeElement !== document.body && document.activeElement?.tagName !== "MAIN")
    )
      await expectFocusVisible(page);
  }
  await expect(target).toBeFocused();
}

/**
 * What sticks out of the page or is cut off: the page's own scroll width, and every element whose content
 * is clipped by overflow hidden/clip. Content inside a scrolling container (a .table-wrap) may be wider.
 */
export async function layoutProblems(page: Page) {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = document.documentElement.clientWidth;
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : ""} "${(el.textContent ?? "").trim().slice(0, 30)}"`;
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>("*"))) {
      if (el.closest(".visually-hidden, .skip-link, .table-wrap, script, style, template")) continue;
      const s = getComputedStyle(el);
      if (s.display === "none" || s.visibility === "hidden") continue;
      const clips = (v: string) => v === "hidden" || v === "clip";
      if (
        (clips(s.overflowX) && el.scrollWidth > el.clientWidth + 1) ||
        (clips(s.overflowY) && el.scrollHeight > el.clientHeight + 1)
      ) {
        problems.push(`content cut off in ${describe(el)}`);
      }
      const box = el.getBoundingClientRect();
      if (box.width > 0 && (box.right > width + 1 || box.left < -1))
        problems.push(
          `${describe(el)} reaches outside the window (${Math.round(box.left)}..${Math.round(box.right)} of ${width})`,
        );
    }
    if (document.documentElement.scrollWidth > width) {
      // Name the innermost elements that reach furthest right, hidden ones included.
      const wide = Array.from(document.body.querySelectorAll("*"))
        .filter(
          (el) =>
            el.getBoundingClientRect().right > width + 1 &&
            !Array.from(el.children).some((c) => c.getBoundingClientRect().right > width + 1),
        )
        .slice(0, 3)
        .map(describe);
      problems.unshift(
        `page scrolls sideways: ${document.documentElement.scrollWidth}px wide in a ${width}px window (${wide.join("; ")})`,
      );
    }
    return problems.slice(0, 15);
  });
}

/**
 * Takes one choice in the role-play player with `act` (a click or a key press) and waits until the server has
 * recorded it and the page has reloaded its data. The player moves on at once and remounts when the server's
 * record arrives; waiting for that keeps the focus checks that follow about the settled page.
 */
export async function chooseAndWait(page: Page, act: () => Promise<void>) {
  // The page's data reloaded after the choice: by the app (.data) or, before it has hydrated, as a whole page.
  const recorded = page.waitForResponse(
    (r) => r.request().method() === "GET" && /\/attempts\/[^/.?]+(\.data)?(\?|$)/.test(r.url()),
  );
  await act();
  await recorded;
}

/** Opens a role-play and starts it afresh (Start over if an attempt is open), at step 1. */
export async function startRolePlay(page: Page, slug: string) {
  await page.goto(`/scenarios/${slug}`);
  await waitForHydration(page);
  const over = page.getByRole("button", { name: "Start over" });
  await ((await over.count()) ? over : page.getByRole("button", { name: "Start the role-play" })).click();
  await expect(page.getByRole("heading", { name: "Step 1: what do you do?" })).toBeVisible();
}

/**
 * Waits until React has hydrated the page (its props are on the body's first form or link), so that a key press
 * is handled by the app and not by a plain page load that the app's focus handling never sees.
 */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => {
    const el = document.querySelector("main form, main a, form, a");
    return !!el && Object.keys(el).some((key) => key.startsWith("__reactProps"));
  });
}
