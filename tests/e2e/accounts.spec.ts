import { expect, test } from "@playwright/test";
import { signIn } from "../support/e2e";

test.describe("accounts and roles", () => {
  for (const [email, role, link] of [
    ["officer@example.org", "Officer", "Training modules"],
    ["trainer@example.org", "Trainer", "Trainer studio"],
    ["supervisor@example.org", "Supervisor", "Your officers"],
    ["admin@example.org", "Admin", "Users"],
  ] as const) {
    test(`${role.toLowerCase()} signs in and sees their home`, async ({ page }) => {
      await signIn(page, email);
      await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome");
      await expect(page.getByText(`signed in as ${role.toLowerCase()}`)).toBeVisible();
      await expect(page.getByRole("main").getByRole("link", { name: link })).toBeVisible();
    });
  }

  test("an officer is refused the admin and supervisor pages with a 403 page", async ({ page }) => {
    await signIn(page, "officer@example.org");
    for (const path of ["/admin/users", "/supervisor"]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();
    }
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toHaveCount(0);
  });

  test("sign-out ends the session", async ({ page }) => {
    await signIn(page, "trainer@example.org");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });

  test("a wrong password and a locked account show clear messages", async ({ page }) => {
    await page.goto("/login");
    for (let i = 0; i < 5; i++) {
      await page.getByLabel("Email").fill("r.begay@example.org");
      await page.getByLabel("Password").fill(`wrong-password-${i}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("alert")).toBeVisible();
      if (i < 4) await expect(page.getByRole("alert")).toContainText("do not match");
    }
    await expect(page.getByRole("alert")).toContainText("locked");
    await page.getByLabel("Email").fill("r.begay@example.org");
    await page.getByLabel("Password").fill("circlekeeper-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toContainText("locked");
  });

  test("an unknown URL shows a 404 page", async ({ page }) => {
    await signIn(page, "officer@example.org");
    const response = await page.goto("/no/such/page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  });

  test("an empty sign-in form gets field messages", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Enter a valid email address.")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  });
});
