// Agency sign-in in Chromium against the production build: single sign-on through a real OpenID provider,
// then a supervisor's journey through TOTP enrolment, a code, a recovery code, and a passkey (virtual authenticator).
import { expect, test, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { signIn } from "../support/e2e";
import { startTestProvider, type TestProvider } from "../support/oidc-provider";
import { signInAtProviderPage } from "./sso-support";

const PORT = Number(process.env.E2E_PORT ?? 4173);
const APP = `http://localhost:${PORT}`;
let idp: TestProvider;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  idp = await startTestProvider({
    redirectUris: [`${APP}/auth/oidc/callback`],
    postLogoutRedirectUris: [`${APP}/login`],
  });
  idp.accounts.set("rlopez", {
    email: "r.lopez@riverside.example",
    name: "Rosa Lopez",
    groups: ["ck-officers", "north"],
  });
});

test.afterAll(() => idp?.close());

function codeAt(secret: string, at: number): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30, timestamp: at });
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
}

test("an admin connects the provider; a new officer signs in through it and is offered the provider's sign-out", async ({
  page,
}) => {
  await signIn(page, "admin@example.org");
  await page.goto("/admin/sign-in");
  await expect(page.getByTestId("redirect-uri")).toHaveText(`${APP}/auth/oidc/callback`);
  await page.getByLabel("Issuer").fill(idp.issuer);
  await page.getByLabel("Client id").fill(idp.clientId);
  await page.getByLabel("Client secret").fill(idp.clientSecret);
  await page.getByLabel(/Group mapping/).fill(
    JSON.stringify([
      { group: "ck-officers", role: "officer" },
      { group: "north", unit: "North Precinct" },
    ]),
  );
  await page.getByRole("button", { name: "Save identity provider" }).click();
  await expect(page.getByRole("status")).toContainText("not shown again");
  // the server never sends the secret back
  await page.goto("/admin/sign-in");
  expect(await page.content()).not.toContain(idp.clientSecret);
  await expect(page.getByText("A secret is saved; leave empty to keep it.")).toBeVisible();
  expect(await page.getByLabel("Client secret").inputValue()).toBe("");
  await page.getByLabel("Supervisor").check();
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByRole("status")).toContainText("Sign-in policy saved");
  await signOut(page);

  await page.getByRole("link", { name: "Sign in with Riverside Police Department" }).click();
  await signInAtProviderPage(page, "rlopez");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page.locator(".account__who")).toContainText("Rosa Lopez");
  await signOut(page);
  await expect(page.getByRole("heading", { name: "You are signed out of Circlekeeper" })).toBeVisible();
  await expect(page.getByRole("link", { name: "sign out of your agency account too" })).toHaveAttribute(
    "href",
    new RegExp(`^${idp.issuer}/session/end`),
  );
});

test("a supervisor enrols TOTP, signs in with a code and with a recovery code, then registers and uses a passkey", async ({
  page,
  context,
}) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("supervisor@example.org");
  await page.getByLabel("Password").fill("circlekeeper-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Set up a second factor" })).toBeVisible();
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  const enrolledAt = Date.now();
  await page.getByLabel("6-digit code from the app").fill(codeAt(secret, enrolledAt));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("recovery-codes").locator("code")).toHaveCount(10);
  const codes = await page.getByTestId("recovery-codes").locator("code").allTextContents();
  await page.getByRole("link", { name: /continue/ }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await signOut(page);

  // With a code: the next 30-second step's code (a step later than the one that confirmed enrolment).
  await page.getByLabel("Email").fill("supervisor@example.org");
  await page.getByLabel("Password").fill("circlekeeper-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Confirm it is you" })).toBeVisible();
  await page.getByLabel("6-digit code from your authenticator app").fill("000000");
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.locator("#code-error")).toContainText("not right");
  await page.getByLabel("6-digit code from your authenticator app").fill(codeAt(secret, enrolledAt + 30_000));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await signOut(page);

  // With a recovery code.
  await page.getByLabel("Email").fill("supervisor@example.org");
  await page.getByLabel("Password").fill("circlekeeper-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText("Use a recovery code instead").click();
  await page.getByLabel("Recovery code").fill(codes[0]!);
  await page.getByRole("button", { name: "Use recovery code" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

  // A passkey, with Chromium's virtual authenticator.
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  await page.goto("/account/security");
  await page.getByLabel(/Name for the new passkey/).fill("Test laptop");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByText("Passkey added.")).toBeVisible();
  await expect(page.getByTestId("passkeys")).toContainText("Test laptop");
  await signOut(page);

  await page.getByLabel("Email").fill("supervisor@example.org");
  await page.getByLabel("Password").fill("circlekeeper-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page.locator(".account__who")).toContainText("Morgan Hale");
});

// The e2e database is shared with the specs that run after this one: put the demo's settings back.
test.afterAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signIn(page, "admin@example.org");
  await page.goto("/admin/sign-in");
  await page.getByLabel("Supervisor").uncheck();
  await page.getByRole("button", { name: "Save policy" }).click();
  await page.getByLabel("Offer sign-in through this provider").uncheck();
  await page.getByRole("button", { name: "Save identity provider" }).click();
  // Morgan Hale's factors stay enrolled whatever the policy; later specs sign him in with a password alone.
  const person = page.getByLabel("Person");
  const morgan = await person.locator("option", { hasText: "Morgan Hale" }).getAttribute("value");
  await person.selectOption(morgan!);
  await page.getByRole("button", { name: "Reset second factors" }).click();
  await expect(person.locator("option", { hasText: "Morgan Hale" })).toHaveCount(0);
  await page.close();
});
