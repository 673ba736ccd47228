// Issue 15, the admin and everyone's part: the users list (search, filters, keyset paging, a phone's width), a
// password an admin sets that must be changed at next sign-in, public pages that work and ship no JavaScript,
// the phone header's menu, and the site search.
import { expect, test, type Page } from "@playwright/test";
import { layoutProblems, pageAs } from "../support/a11y";
import { DEMO_PASSWORD, signIn } from "../support/e2e";

const PHONE = { width: 390, height: 844 };

async function people(page: Page): Promise<string[]> {
  return page.getByRole("list", { name: "People" }).getByRole("heading", { level: 3 }).allInnerTexts();
}

test("admin users list: search, filters, next and previous pages by cursor, and no sideways scrolling on a phone", async ({
  browser,
}) => {
  const page = await pageAs(browser, "admin@example.org", { viewport: PHONE });
  await page.goto("/admin/users");
  const first = await people(page);
  expect(first).toHaveLength(25);
  expect(first).toEqual([...first].sort());
  expect(await layoutProblems(page)).toEqual([]);

  // The address changes before the new page's people arrive: wait for the list itself to change.
  await page.getByRole("link", { name: "Next people" }).click();
  await expect(page).toHaveURL(/after=/);
  await expect.poll(async () => (await people(page))[0]).not.toBe(first[0]);
  const second = await people(page);
  expect(second.length).toBeGreaterThan(0);
  expect(second.filter((name) => first.includes(name))).toEqual([]);
  await page.getByRole("link", { name: "Previous people" }).click();
  await expect(page).toHaveURL(/before=/);
  await expect.poll(() => people(page)).toEqual(first);

  const search = page.getByRole("search", { name: "Find people" });
  await search.getByLabel("Name or email").fill("recruit2");
  await search.getByLabel("Role").selectOption("officer");
  await search.getByRole("button", { name: "Find people" }).click();
  await expect(page.getByText("10 people match.")).toBeVisible();
  expect(await people(page)).toHaveLength(10);
  await search.getByLabel("Name or email").fill("");
  await search.getByLabel("Role").selectOption("trainer");
  await search.getByRole("button", { name: "Find people" }).click();
  await expect(page).toHaveURL(/role=trainer/);
  await expect(page.getByText("2 people match.")).toBeVisible();
  expect((await people(page)).sort()).toEqual(["Jordan Ellis", "Priya Nair"]);
  await page.context().close();
});

test("a password set by an admin must be changed at next sign-in: every page leads there until it is", async ({
  browser,
}) => {
  const admin = await browser.newPage();
  await signIn(admin, "admin@example.org");
  await admin.goto("/admin/users?q=recruit05");
  const person = admin.getByRole("list", { name: "People" }).getByRole("listitem");
  await expect(person).toHaveCount(1);
  await person.getByText("Manage ").click();
  await person.getByLabel("New password").fill("given-by-the-admin");
  await expect(person.getByLabel("Must change password at next sign-in")).toBeChecked();
  await admin.getByRole("button", { name: "Reset password" }).click();
  await expect(admin.getByText(/must choose a new password at next sign-in/)).toBeVisible();
  await expect(person.getByText("Must change password", { exact: true })).toBeVisible();

  const recruit = await browser.newPage();
  await signIn(recruit, "recruit05@example.org", "given-by-the-admin");
  await expect(recruit).toHaveURL(/\/account\/password$/);
  await expect(recruit.getByText("An admin set your password")).toBeVisible();
  await expect(recruit.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  await recruit.goto("/modules");
  await expect(recruit).toHaveURL(/\/account\/password$/);
  await recruit.getByLabel("Current password").fill("given-by-the-admin");
  await recruit.getByLabel("New password", { exact: true }).fill("a-password-of-my-own");
  await recruit.getByLabel("New password again").fill("a-password-of-my-own");
  await recruit.getByRole("button", { name: "Change password" }).click();
  await expect(recruit.getByText("Password changed.")).toBeVisible();
  await recruit.goto("/modules");
  await expect(recruit.getByRole("heading", { level: 1, name: "Training modules" })).toBeVisible();
  await admin.context().close();
  await recruit.context().close();
});

test("sign-in and certificate verification work with JavaScript turned off, and their pages carry no script at all", async ({
  browser,
  request,
}) => {
  for (const path of ["/login"]) {
    const html = await (await request.get(path)).text();
    expect(html, path).not.toMatch(/<script|modulepreload/i);
  }
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill("a.johnson@example.org");
  await page.getByLabel("Password").fill("wrong-password-entirely");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("do not match");
  await page.getByLabel("Email").fill("a.johnson@example.org");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Welcome/ })).toBeVisible();
  await page.goto("/certification");
  await page
    .getByRole("link", { name: /Certificate issued/ })
    .first()
    .click();
  const code = (await page.locator(".certificate__code strong").innerText()).trim();

  const visitor = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  const scripts: string[] = [];
  visitor.on("request", (r) => {
    if (r.resourceType() === "script") scripts.push(r.url());
  });
  await visitor.goto(`/verify/${code}`);
  await expect(visitor.getByRole("heading", { level: 1, name: "Certificate verification" })).toBeVisible();
  await expect(visitor.getByText("Aisha Johnson").first()).toBeVisible();
  const html = await (await request.get(`/verify/${code}`)).text();
  expect(html).not.toMatch(/<script|modulepreload/i);
  expect(scripts).toEqual([]);
  await context.close();
  await visitor.context().close();
});

test("on a phone the header is one short row; its menu opens by keyboard, and without JavaScript", async ({
  browser,
}) => {
  for (const javaScriptEnabled of [true, false]) {
    const page = await pageAs(browser, "supervisor@example.org", { viewport: PHONE, javaScriptEnabled });
    await page.goto("/");
    const header = await page.locator(".site-header").boundingBox();
    expect(header!.height, `header height with JavaScript ${javaScriptEnabled ? "on" : "off"}`).toBeLessThanOrEqual(64);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Officers" })).toBeHidden();
    const toggle = page.getByText("Menu", { exact: true });
    await toggle.focus();
    await page.keyboard.press("Enter");
    await expect(nav.getByRole("link", { name: "Officers" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    expect(await layoutProblems(page)).toEqual([]);
    await page.context().close();
  }
  // On a wide screen the navigation shows in the header, with no Menu button.
  const wide = await pageAs(browser, "supervisor@example.org");
  await wide.goto("/");
  await expect(wide.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Officers" })).toBeVisible();
  await expect(wide.getByText("Menu", { exact: true })).toBeHidden();
  await wide.context().close();
});

test("the header's search finds modules and role-plays, and a supervisor's own officers", async ({ browser }) => {
  const supervisor = await pageAs(browser, "supervisor@example.org");
  await supervisor.goto("/");
  await supervisor.getByRole("searchbox", { name: "Search modules, role-plays and officers" }).fill("nguyen");
  await supervisor.keyboard.press("Enter");
  await expect(supervisor.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
  await supervisor
    .getByRole("region", { name: /^Officers/ })
    .getByRole("link", { name: "Thao Nguyen" })
    .click();
  await expect(supervisor.getByRole("heading", { level: 1, name: "Thao Nguyen" })).toBeVisible();
  await supervisor.context().close();

  const officer = await pageAs(browser, "officer@example.org");
  await officer.goto("/");
  await officer.getByRole("searchbox", { name: "Search modules and role-plays" }).fill("break-in");
  await officer.keyboard.press("Enter");
  await expect(
    officer.getByRole("region", { name: /^Role-plays/ }).getByRole("link", { name: "After the break-in" }),
  ).toBeVisible();
  await expect(officer.getByRole("region", { name: /^Officers/ })).toHaveCount(0);
  await officer.context().close();
});

test("the dark theme follows the system setting", async ({ browser }) => {
  const page = await pageAs(browser, null, { colorScheme: "dark" });
  await page.goto("/login");
  const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(background).toBe("rgb(18, 23, 25)");
  await page.context().close();
});
