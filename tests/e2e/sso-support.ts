// The test provider's own login form (oidc-provider's development interaction), filled in Chromium.
import type { Page } from "@playwright/test";

export async function signInAtProviderPage(page: Page, login: string) {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any-password");
  await page.locator('button[type="submit"]').click();
}
