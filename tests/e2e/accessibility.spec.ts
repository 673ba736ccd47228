// axe-core with the WCAG 2.0, 2.1 and 2.2 A and AA rules on every page, signed in as each role that can see it,
// including the states a page only reaches after something is done on it, at desktop and phone (390 x 844)
// sizes, in the light and the dark theme. Zero violations.
//
// To scan another page, add one line to PAGES: who looks at it, its address (or a visit that gets there),
// and the heading that proves the right page loaded.
import { expect, test, type Browser, type Page } from "@playwright/test";
import {
  axeScan,
  chooseAndWait,
  closeSharedPages,
  expectNoAxeViolations,
  sharedPageAs,
  startRolePlay,
} from "../support/a11y";
import { answerCheck } from "../support/e2e";

const OFFICER = "officer@example.org";
const TRAINER = "trainer@example.org";
const SUPERVISOR = "supervisor@example.org";
const ADMIN = "admin@example.org";
// A victim advocate (community reviewer); the flagged-draft pages are scanned in community-review.spec.ts.
const ADVOCATE = "advocate@example.org";
// Officers whose records these scans change; no other spec uses them.
const PLAYER = "l.kowalski@example.org";
const LEARNER = "m.garcia@example.org";
// Seeded: Thao Nguyen has her modules and role-plays done; Aisha Johnson holds a certificate.
const IN_PROGRESS = "t.nguyen@example.org";
const CERTIFIED = "a.johnson@example.org";

interface Scan {
  as: string | null;
  name: string;
  /** An address, or steps that get there (and into the state worth scanning). */
  visit: string | ((page: Page, browser: Browser) => Promise<void>);
  heading: string | RegExp;
  status?: number;
}

const PAGES: Scan[] = [
  { as: null, name: "sign-in", visit: "/login", heading: "Sign in" },
  {
    as: OFFICER,
    name: "bare page (the benchmark's page ceiling)",
    visit: "/healthcheck/page",
    heading: "Circlekeeper is up",
  },
  { as: null, name: "sign-in with errors", visit: signInWithErrors, heading: "Sign in" },
  { as: null, name: "404 for a visitor", visit: "/no/such/page", heading: "Page not found", status: 404 },
  { as: null, name: "certificate verification", visit: verifyPage, heading: "Certificate verification" },
  { as: null, name: "credential verification", visit: "/verify", heading: "Verify a credential" },

  { as: OFFICER, name: "home", visit: "/", heading: /^Welcome/ },
  { as: OFFICER, name: "modules", visit: "/modules", heading: "Training modules" },
  { as: OFFICER, name: "module", visit: "/modules/what-is-restoration", heading: /.+/ },
  {
    as: OFFICER,
    name: "module with its check waiting for prerequisites",
    visit: "/modules/officers-role",
    heading: /.+/,
  },
  { as: LEARNER, name: "module check with missing answers", visit: checkWithMissingAnswers, heading: /.+/ },
  { as: LEARNER, name: "module check after a failed submission, in its cool-down", visit: checkFailed, heading: /.+/ },
  { as: IN_PROGRESS, name: "module passed, with the answer key", visit: "/modules/what-is-restoration", heading: /.+/ },
  { as: OFFICER, name: "role-plays", visit: "/scenarios", heading: "Role-plays" },
  { as: OFFICER, name: "role-play details", visit: "/scenarios/burglary-dialogue", heading: "After the break-in" },
  { as: PLAYER, name: "role-play player after three choices", visit: playerMidway, heading: "After the break-in" },
  { as: PLAYER, name: "debrief", visit: debrief, heading: /After the break-in/ },
  { as: PLAYER, name: "role-plays with an attempt history", visit: "/scenarios", heading: "Role-plays" },
  {
    as: LEARNER,
    name: "assessed attempt at step 1",
    visit: assessedPlayer,
    heading: /When the conference has to stop/,
  },
  {
    as: LEARNER,
    name: "assessed attempt's debrief",
    visit: assessedDebrief,
    heading: /When the conference has to stop/,
  },
  {
    as: LEARNER,
    name: "role-play details after an assessed attempt",
    visit: "/scenarios/youth-diversion-crisis",
    heading: "When the conference has to stop",
  },
  { as: IN_PROGRESS, name: "certification in progress", visit: "/certification", heading: "Your certification" },
  {
    as: LEARNER,
    name: "certification with practicum errors and a pending entry",
    visit: practicumLogged,
    heading: "Your certification",
  },
  { as: CERTIFIED, name: "certification held", visit: "/certification", heading: "Your certification" },
  {
    as: IN_PROGRESS,
    name: "continuing professional development log",
    visit: "/certification/cpd",
    heading: "Continuing professional development",
  },
  {
    as: CERTIFIED,
    name: "case studies (one accepted, one waiting)",
    visit: "/certification/case-studies",
    heading: "Case studies",
  },
  { as: SUPERVISOR, name: "case studies to review", visit: "/case-studies", heading: "Case studies to review" },
  { as: CERTIFIED, name: "certificate", visit: certificate, heading: "Certificate" },
  {
    as: OFFICER,
    name: "observation awaiting the officer's response",
    visit: ownObservation,
    heading: "Observation of Alex Rivera",
  },
  { as: OFFICER, name: "change password", visit: "/account/password", heading: "Change your password" },
  { as: OFFICER, name: "sign-in security", visit: "/account/security", heading: "Sign-in security" },
  { as: OFFICER, name: "404", visit: "/no/such/page", heading: "Page not found", status: 404 },
  { as: OFFICER, name: "403", visit: "/admin/users", heading: "Access denied", status: 403 },

  { as: TRAINER, name: "home", visit: "/", heading: /^Welcome/ },
  { as: TRAINER, name: "403", visit: "/supervisor", heading: "Access denied", status: 403 },
  { as: TRAINER, name: "studio", visit: "/studio", heading: "Studio" },
  {
    as: TRAINER,
    name: "scenario map with a node open",
    visit: "/studio/scenarios/school-circle?node=opening",
    heading: /The turtle goes round/,
  },
  { as: TRAINER, name: "playtest setup", visit: "/studio/scenarios/burglary-dialogue/playtest", heading: "Playtest" },
  {
    as: TRAINER,
    name: "analytics",
    visit: "/studio/scenarios/burglary-dialogue/analytics",
    heading: "What trainees choose",
  },
  {
    as: TRAINER,
    name: "module question bank and item statistics",
    visit: "/studio/modules/what-is-restoration",
    heading: "What community restoration is",
  },
  {
    as: TRAINER,
    name: "version source",
    visit: "/studio/scenarios/burglary-dialogue/versions/1",
    heading: "Source of v1",
  },
  {
    as: TRAINER,
    name: "module version source",
    visit: "/studio/modules/what-is-restoration/versions/1",
    heading: "Source of v1",
  },
  { as: TRAINER, name: "new scenario draft", visit: newScenarioDraft, heading: "A new scenario (scenario draft)" },
  { as: TRAINER, name: "failed assessments", visit: "/assessments", heading: "Failed assessments" },
  {
    as: SUPERVISOR,
    name: "failed assessments with a refused authorization",
    visit: retakeRefused,
    heading: "Failed assessments",
  },
  {
    as: TRAINER,
    name: "observation to score blind as second assessor",
    visit: observationToScore,
    heading: /^Observation of /,
  },

  { as: SUPERVISOR, name: "home", visit: "/", heading: /^Welcome/ },
  { as: SUPERVISOR, name: "roster", visit: "/supervisor", heading: "Your officers" },
  {
    as: SUPERVISOR,
    name: "roster filtered to nobody",
    visit: "/supervisor?status=revoked&q=zzz",
    heading: "Your officers",
  },
  { as: SUPERVISOR, name: "officer ready for practicum", visit: officerRecord("Thao Nguyen"), heading: "Thao Nguyen" },
  {
    as: SUPERVISOR,
    name: "officer with a practicum entry to confirm",
    visit: officerWithPracticumToConfirm,
    heading: "Miguel Garcia",
  },
  {
    as: SUPERVISOR,
    name: "certified officer with revoke open",
    visit: certifiedOfficerWithRevokeOpen,
    heading: "Aisha Johnson",
  },
  { as: SUPERVISOR, name: "supervised attempt", visit: supervisedAttempt, heading: /v\d+/ },
  { as: SUPERVISOR, name: "officer's certificate", visit: certificateFromRecord, heading: "Certificate" },
  { as: SUPERVISOR, name: "audit trail", visit: "/supervisor/audit", heading: "Audit trail" },
  { as: SUPERVISOR, name: "observations (assessor)", visit: "/observations", heading: "Observations" },
  {
    as: SUPERVISOR,
    name: "record an observation: the rubrics",
    visit: "/observations/new",
    heading: "Record an observation",
  },
  {
    as: SUPERVISOR,
    name: "record an observation with errors",
    visit: observationFormWithErrors,
    heading: "Record an observation",
  },
  {
    as: SUPERVISOR,
    name: "observation scored twice, with agreement and a response",
    visit: observationScoredTwice,
    heading: "Observation of Aisha Johnson",
  },
  {
    as: SUPERVISOR,
    name: "agreement between assessors",
    visit: "/observations/agreement",
    heading: "Agreement between assessors",
  },

  { as: SUPERVISOR, name: "notifications", visit: "/notifications", heading: "Notifications" },
  { as: OFFICER, name: "notification settings", visit: "/account/notifications", heading: "Notification settings" },
  { as: ADMIN, name: "e-mail settings and delivery", visit: "/admin/email", heading: "E-mail" },
  {
    as: ADMIN,
    name: "learning record store and xAPI delivery",
    visit: "/admin/learning-records",
    heading: "Learning records",
  },
  { as: ADMIN, name: "home", visit: "/", heading: /^Welcome/ },
  { as: ADMIN, name: "users", visit: "/admin/users", heading: "Users" },
  { as: ADMIN, name: "sign-in settings", visit: "/admin/sign-in", heading: "Sign-in settings" },
  { as: ADMIN, name: "users with a manage panel open", visit: usersWithManageOpen, heading: "Users" },
  { as: ADMIN, name: "users after a refused create", visit: usersCreateRefused, heading: "Users" },
  {
    as: ADMIN,
    name: "users searched and filtered to nobody, with a bad filter",
    visit: "/admin/users?q=zzz&status=asleep",
    heading: "Users",
    status: 400,
  },
  { as: ADMIN, name: "users filtered by role", visit: "/admin/users?role=officer", heading: "Users" },
  { as: SUPERVISOR, name: "search with officers", visit: "/search?q=nguyen", heading: "Search" },
  { as: OFFICER, name: "search with nothing found", visit: "/search?q=zzzz", heading: "Search" },
  { as: OFFICER, name: "header menu open on a phone", visit: phoneMenuOpen, heading: /^Welcome/ },

  { as: ADVOCATE, name: "home", visit: "/", heading: /^Welcome/ },
  { as: ADVOCATE, name: "community review list", visit: "/studio/community", heading: "Community review" },
  { as: ADVOCATE, name: "403", visit: "/studio", heading: "Access denied", status: 403 },
];

const DESKTOP = { width: 1280, height: 720 };
const PHONE = { width: 390, height: 844 };

const roleOf = (email: string | null) =>
  email === null
    ? "visitor"
    : email.startsWith("trainer")
      ? "trainer"
      : email.startsWith("supervisor")
        ? "supervisor"
        : email.startsWith("admin")
          ? "admin"
          : email.startsWith("advocate")
            ? "community reviewer"
            : "officer";

test.afterAll(closeSharedPages);

test.describe("axe finds no WCAG 2.2 A or AA violations", () => {
  for (const scan of PAGES) {
    test(`${roleOf(scan.as)}${scan.as && !/^(officer|trainer|supervisor|admin)@/.test(scan.as) ? ` (${scan.as})` : ""}: ${scan.name}`, async ({
      browser,
    }) => {
      // Four scans of one state (sizes and themes): long pages need more than the default minute on a busy machine.
      test.setTimeout(240_000);
      // One page per account for the whole file (its scripts load once); every visit starts with a navigation.
      const page = await sharedPageAs(browser, scan.as);
      await page.setViewportSize(DESKTOP);
      await page.emulateMedia({ colorScheme: "light" });
      if (typeof scan.visit === "string") {
        const response = await page.goto(scan.visit);
        expect(response?.status()).toBe(scan.status ?? 200);
      } else {
        await scan.visit(page, browser);
      }
      await expect(page.getByRole("heading", { level: 1, name: scan.heading })).toBeVisible();
      await expectNoAxeViolations(page, `${scan.name} as ${scan.as ?? "a visitor"}`);
      // The same state on a phone, then on a phone in the dark theme: reflowed layouts (scroll regions, the
      // header's menu) and the dark colours have their own ways to fail.
      await page.setViewportSize(PHONE);
      await expectNoAxeViolations(page, `${scan.name} as ${scan.as ?? "a visitor"} at 390 x 844`);
      await page.emulateMedia({ colorScheme: "dark" });
      await expectNoAxeViolations(page, `${scan.name} as ${scan.as ?? "a visitor"} at 390 x 844, dark theme`, {
        colorsOnly: true,
      });
      await page.setViewportSize(DESKTOP);
      await expectNoAxeViolations(page, `${scan.name} as ${scan.as ?? "a visitor"}, dark theme`, { colorsOnly: true });
    });
  }
});

test("the scan itself finds violations when there are some", async ({ browser }) => {
  const page = await sharedPageAs(browser, null);
  await page.goto("/login");
  await page.evaluate(() => {
    const main = document.querySelector("main")!;
    main.insertAdjacentHTML(
      "beforeend",
      '<input type="text" name="unlabelled"><p id="faint">Faint text</p><img src="/favicon.svg">',
    );
    // Set through the style object: the Content-Security-Policy refuses style attributes in markup.
    Object.assign(document.getElementById("faint")!.style, { color: "#bbb", background: "#fff" });
  });
  const rules = (await axeScan(page)).violations.map((v) => v.id);
  expect(rules).toEqual(expect.arrayContaining(["label", "color-contrast", "image-alt"]));
});

async function signInWithErrors(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
}

// The learner (Miguel Garcia) has passed the first two modules, the prerequisites of the officer's-role module.
async function checkWithMissingAnswers(page: Page) {
  await page.goto("/modules/officers-role");
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByText("Answer every question before you submit.")).toBeVisible();
}

async function checkFailed(page: Page) {
  await page.goto("/modules/officers-role");
  await answerCheck(page, "officers-role", (i) => (i === 0 ? "right" : "wrong"));
  await page.getByRole("button", { name: /Submit/ }).click();
  await expect(page.locator("#check-result")).toContainText("Not passed yet");
  await expect(page.locator("#check-gate")).toBeVisible();
}

/** Takes the first choice `times` times, or until the debrief. */
async function choose(page: Page, times: number) {
  const verdict = page.getByRole("heading", { name: /^(Passed|Not passed)/ });
  for (let i = 0; i < times && !(await verdict.count()); i++) {
    const step = Number((await page.getByRole("heading", { name: /^Step \d+:/ }).innerText()).match(/\d+/)![0]);
    await chooseAndWait(page, () =>
      page.getByRole("group", { name: "Your choices" }).getByRole("button").first().click(),
    );
    await expect(page.getByRole("heading", { name: new RegExp(`^Step ${step + 1}:`) }).or(verdict)).toBeVisible();
  }
}

async function playerMidway(page: Page) {
  await startRolePlay(page, "burglary-dialogue");
  await choose(page, 3);
  await expect(page.getByRole("heading", { name: "Step 4: what do you do?" })).toBeVisible();
}

async function debrief(page: Page) {
  await startRolePlay(page, "burglary-dialogue");
  await choose(page, 60);
  await expect(page.getByRole("heading", { name: /^(Passed|Not passed)/ })).toBeVisible({ timeout: 10_000 });
}

/** An assessed attempt of Miguel Garcia's (a Level 2 pool scenario he has never played), at its first step. */
async function assessedPlayer(page: Page) {
  await page.goto("/scenarios/youth-diversion-crisis");
  const resume = page.getByRole("link", { name: /Resume your assessed attempt/ });
  await ((await resume.count()) ? resume : page.getByRole("button", { name: "Start assessed attempt" })).click();
  await expect(page.getByRole("heading", { name: /^Step \d+: what do you do\?/ })).toBeVisible();
}

async function assessedDebrief(page: Page) {
  await assessedPlayer(page);
  await choose(page, 60);
  await expect(page.getByRole("heading", { name: /^(Passed|Not passed)/ })).toBeVisible({ timeout: 10_000 });
}

/** The authorization form answered with its errors: sent without the required comment (the browser's own check removed). */
async function retakeRefused(page: Page) {
  await page.goto("/assessments");
  const button = page.getByRole("button", { name: /^Authorize one more assessed attempt/ }).first();
  await expect(button).toBeVisible();
  await page.evaluate(() =>
    document.querySelectorAll("textarea").forEach((t) => {
      t.required = false;
      t.minLength = 0;
    }),
  );
  await button.click();
  await expect(page.getByRole("alert")).toContainText("Nothing was changed");
}

async function practicumLogged(page: Page) {
  await page.goto("/certification");
  await page.getByRole("button", { name: "Log entry" }).click();
  await expect(page.getByText("The entry was not saved.")).toBeVisible();
  await expectNoAxeViolations(page, "practicum form with errors");
  await logPracticum(page);
}

async function logPracticum(page: Page) {
  await page.goto("/certification");
  await page.getByLabel("Date of the process").fill("2026-10-01");
  await page.getByLabel("Kind of session").selectOption("circle");
  await page.getByLabel("Type of process").selectOption("Restorative circle");
  await page.getByLabel("Your role").selectOption("Co-facilitator");
  await page.getByLabel("Number of participants").fill("6");
  await page.getByLabel("Outcome").fill("Agreement reached; follow-up circle planned.");
  await page
    .getByLabel("What happened")
    .fill("Two students and a teacher met in a circle after a fight in the cafeteria.");
  await page.getByLabel("What went well").fill("Opening with a talking piece slowed everyone down.");
  await page.getByLabel("What I would change").fill("I should have briefed the teacher sooner.");
  await page.getByLabel("What support I need").fill("Practice with a co-facilitator on pacing rounds.");
  await page.getByRole("button", { name: "Log entry" }).click();
  await expect(page.getByText("Practicum entry logged.")).toBeVisible();
}

async function certificate(page: Page) {
  await page.goto("/certification");
  await page
    .getByRole("link", { name: /Certificate issued/ })
    .first()
    .click();
  await expect(page.locator(".certificate__code strong")).toHaveText(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/);
}

async function verifyPage(page: Page, browser: Browser) {
  const holder = await sharedPageAs(browser, CERTIFIED);
  await certificate(holder);
  const code = (await holder.locator(".certificate__code strong").innerText()).trim();
  expect((await page.goto(`/verify/${code}`))?.status()).toBe(200);
}

function officerRecord(name: string) {
  return async (page: Page) => {
    await page.goto("/supervisor");
    await page.getByRole("link", { name }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  };
}

async function officerWithPracticumToConfirm(page: Page, browser: Browser) {
  await officerRecord("Miguel Garcia")(page);
  if (!(await page.getByRole("button", { name: /^Confirm entry of/ }).count())) {
    // Run on its own: log the entry first.
    await logPracticum(await sharedPageAs(browser, LEARNER));
    await page.reload();
  }
  await expect(page.getByRole("button", { name: /^Confirm entry of/ }).first()).toBeVisible();
}

async function certifiedOfficerWithRevokeOpen(page: Page) {
  await officerRecord("Aisha Johnson")(page);
  await page.getByText("Revoke this certification").click();
  await expect(page.getByLabel(/^Reason/)).toBeVisible();
}

async function supervisedAttempt(page: Page) {
  await officerRecord("Thao Nguyen")(page);
  await page.getByRole("region", { name: "Role-play attempts" }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "Transcript" })).toBeVisible();
}

async function certificateFromRecord(page: Page) {
  await officerRecord("Aisha Johnson")(page);
  const signOffId = await page.locator('input[name="signOffId"]').first().inputValue();
  expect((await page.goto(`/certification/certificates/${signOffId}`))?.status()).toBe(200);
}

async function usersWithManageOpen(page: Page) {
  // The list pages 25 at a time in name order: find her first.
  await page.goto("/admin/users?q=Morgan+Hale");
  await page.getByText("Manage Morgan Hale").click();
  await expect(page.getByRole("button", { name: "Save supervised units" })).toBeVisible();
}

async function usersCreateRefused(page: Page) {
  await page.goto("/admin/users");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText("Nothing was changed:")).toBeVisible();
}

/** A fresh scenario draft, opened in the editor with its check and map preview. */
async function newScenarioDraft(page: Page) {
  await page.goto("/studio");
  await page.getByRole("button", { name: "New scenario draft" }).click();
  await expect(page.getByLabel("Scenario (YAML)")).toBeVisible();
}

/** Alex Rivera's seeded observation, with the response form. */
async function ownObservation(page: Page) {
  await page.goto("/certification");
  await page.getByRole("region", { name: "Observations of your facilitation" }).getByRole("link").first().click();
  await expect(page.getByLabel("Your response")).toBeVisible();
}

/** An observation another assessor recorded, open for this trainer's blind second scoring. */
async function observationToScore(page: Page) {
  await page.goto("/observations");
  await page
    .getByRole("region", { name: "Waiting for a second, independent scoring" })
    .getByRole("link")
    .first()
    .click();
  await expect(page.getByRole("heading", { name: "Your independent scoring" })).toBeVisible();
}

async function observationFormWithErrors(page: Page) {
  await page.goto("/observations/new?rubric=facilitating-a-meeting");
  await page.getByRole("button", { name: "Save the observation" }).click();
  await expect(page.getByText("Nothing was saved.")).toBeVisible();
}

/** Aisha Johnson's latest observation: two assessors who disagree, and her response (seeded). */
async function observationScoredTwice(page: Page) {
  await officerRecord("Aisha Johnson")(page);
  await page.getByRole("region", { name: "Observations" }).getByRole("link").first().click();
  await expect(page.getByRole("region", { name: "Agreement between the assessors" })).toBeVisible();
}

/** The phone header's menu, opened by keyboard (the scan then also runs at desktop size, where it is inline). */
async function phoneMenuOpen(page: Page) {
  await page.setViewportSize(PHONE);
  await page.goto("/");
  await page.locator(".site-menu__toggle").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Modules" })).toBeVisible();
}
