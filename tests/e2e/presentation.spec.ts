// How pages present themselves: they reflow at 320 CSS px (no sideways scrolling of the page, nothing cut off;
// a table may scroll inside its .table-wrap), work at 200% zoom, honour prefers-reduced-motion, and never
// carry a status in colour alone.
import { expect, test, type Page } from "@playwright/test";
import { chooseAndWait, layoutProblems, pageAs, startRolePlay } from "../support/a11y";
import { answerCheck } from "../support/e2e";

const SUPERVISOR = "supervisor@example.org";
const READER = "t.nguyen@example.org"; // seeded with modules and role-plays done: rich pages, read only here
const CERTIFIED = "a.johnson@example.org"; // holds a certificate; plays a role-play here

interface Stop {
  name: string;
  as: string | null;
  /** An address, or steps to the state to look at (they get a page already at the right size). */
  visit: string | ((page: Page) => Promise<void>);
}

// A role-play a few steps in: the player with its meters, transcript and choices.
async function playerMidway(page: Page) {
  await startRolePlay(page, "use-of-force-meeting");
  for (let step = 1; step <= 2; step++) {
    await expect(page.getByRole("heading", { name: `Step ${step}: what do you do?` })).toBeVisible();
    await chooseAndWait(page, () =>
      page.getByRole("group", { name: "Your choices" }).getByRole("button").first().click(),
    );
  }
  await expect(page.getByRole("heading", { name: "Step 3: what do you do?" })).toBeVisible();
}

// A module whose prerequisites the reader has passed but not the module itself: a check to answer.
async function moduleChecked(page: Page) {
  await page.goto("/modules/challenges");
  await answerCheck(page, "challenges", (i) => (i === 0 ? "right" : "wrong"));
  await page.getByRole("button", { name: /Submit/ }).click();
  await expect(page.locator("#check-result")).toBeVisible();
}

async function officerRecord(page: Page, name = "Thao Nguyen") {
  await page.goto("/supervisor");
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

async function supervisedDebrief(page: Page) {
  await officerRecord(page);
  await page.getByRole("region", { name: "Role-play attempts" }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "Scores by competency" })).toBeVisible();
}

async function certificate(page: Page) {
  await page.goto("/certification");
  await page
    .getByRole("link", { name: /Certificate issued/ })
    .first()
    .click();
  await expect(page.locator(".certificate__code strong")).toBeVisible();
}

async function verify(page: Page) {
  // The code is not secret to its holder: read it from her certificate in another context.
  const holder = await pageAs(page.context().browser()!, CERTIFIED);
  await certificate(holder);
  const code = (await holder.locator(".certificate__code strong").innerText()).trim();
  await holder.context().close();
  await page.goto(`/verify/${code}`);
}

const STOPS: Stop[] = [
  { name: "sign-in", as: null, visit: "/login" },
  { name: "certificate verification", as: null, visit: verify },
  { name: "home", as: READER, visit: "/" },
  { name: "modules", as: READER, visit: "/modules" },
  { name: "module with its check answered", as: READER, visit: moduleChecked },
  { name: "role-plays", as: READER, visit: "/scenarios" },
  { name: "role-play details", as: READER, visit: "/scenarios/burglary-dialogue" },
  { name: "role-play player", as: CERTIFIED, visit: playerMidway },
  { name: "certification", as: READER, visit: "/certification" },
  { name: "certificate", as: CERTIFIED, visit: certificate },
  { name: "roster", as: SUPERVISOR, visit: "/supervisor" },
  { name: "officer record", as: SUPERVISOR, visit: (page) => officerRecord(page) },
  { name: "supervised attempt with debrief", as: SUPERVISOR, visit: supervisedDebrief },
  { name: "audit trail", as: SUPERVISOR, visit: "/supervisor/audit" },
  { name: "users", as: "admin@example.org", visit: "/admin/users" },
  { name: "404", as: READER, visit: "/no/such/page" },
];

// 200% zoom of a 1280 x 800 window is a 640 x 400 CSS pixel viewport at twice the pixel density; 320 CSS pixels
// wide is the reflow width of WCAG 1.4.10 (1280 px at 400%). Each page is looked at in both, resized in place.
const SIZES = [
  { name: "200% zoom", viewport: { width: 640, height: 400 } },
  { name: "320 px", viewport: { width: 320, height: 640 } },
];

test("pages reflow at 320 CSS pixels and work at 200% zoom: no sideways scrolling, nothing cut off", async ({
  browser,
}) => {
  const problems: Record<string, string[]> = {};
  const pages = new Map<string | null, Page>();
  for (const stop of STOPS) {
    let page = pages.get(stop.as);
    if (!page)
      pages.set(
        stop.as,
        (page = await pageAs(browser, stop.as, { viewport: SIZES[0]!.viewport, deviceScaleFactor: 2 })),
      );
    await page.setViewportSize(SIZES[0]!.viewport);
    if (typeof stop.visit === "string") await page.goto(stop.visit);
    else await stop.visit(page);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    for (const size of SIZES) {
      await page.setViewportSize(size.viewport);
      const found = await layoutProblems(page);
      if (found.length) problems[`${stop.name} at ${size.name}`] = found;
    }
  }
  for (const page of pages.values()) await page.context().close();
  expect(problems).toEqual({});
});

test("with prefers-reduced-motion, nothing moves: no transitions, animations or smooth scrolling", async ({
  browser,
}) => {
  const page = await pageAs(browser, CERTIFIED, { reducedMotion: "reduce" });
  const moving = () =>
    page.evaluate(() => {
      const seconds = (value: string) =>
        Math.max(...value.split(",").map((v) => (v.trim().endsWith("ms") ? parseFloat(v) / 1000 : parseFloat(v))));
      const found: string[] = [];
      for (const el of [document.documentElement, ...Array.from(document.body.querySelectorAll<HTMLElement>("*"))]) {
        for (const pseudo of [null, "::before", "::after"]) {
          const s = getComputedStyle(el, pseudo);
          const t = s.transitionProperty !== "none" ? seconds(s.transitionDuration) : 0;
          const a = s.animationName !== "none" ? seconds(s.animationDuration) : 0;
          if (t > 0.01 || a > 0.01)
            found.push(
              `${el.tagName.toLowerCase()}.${el.className}${pseudo ?? ""}: transition ${s.transitionDuration}, animation ${s.animationDuration}`,
            );
        }
      }
      if (getComputedStyle(document.documentElement).scrollBehavior === "smooth")
        found.push("smooth scrolling on the page");
      // Motion started from script (element.animate) shows here too.
      for (const animation of document.getAnimations()) {
        const timing = animation.effect?.getComputedTiming();
        if (Number(timing?.duration ?? 0) > 10) found.push(`running animation of ${timing?.duration} ms`);
      }
      return found.slice(0, 10);
    });
  expect(await page.evaluate(() => matchMedia("(prefers-reduced-motion: reduce)").matches)).toBe(true);
  for (const path of ["/", "/modules/what-is-restoration", "/scenarios", "/certification"]) {
    await page.goto(path);
    expect(await moving(), path).toEqual([]);
  }
  // The player right after a choice, when the conversation moves on.
  await startRolePlay(page, "reluctant-pre-conference");
  await page.getByRole("group", { name: "Your choices" }).getByRole("button").first().click();
  await expect(page.getByRole("heading", { name: "Step 2: what do you do?" })).toBeFocused();
  expect(await moving(), "player after a choice").toEqual([]);
  await page.context().close();
});

test("no status is shown by colour alone: every coloured mark carries words", async ({ browser }) => {
  /** Every element that shows a status by its colour, with the words it carries (visible or for screen readers). */
  const marks = (page: Page) =>
    page.evaluate(() =>
      Array.from(
        document
          .querySelector("main")!
          .querySelectorAll<HTMLElement>(
            ".badge, .alert, .explanation, .verdict, .requirement, .meter, .change, [aria-invalid='true']",
          ),
      ).map((el) => {
        // The words a reader gets: visible text and text for screen readers, not aria-hidden marks.
        const copy = el.cloneNode(true) as HTMLElement;
        copy.querySelectorAll("[aria-hidden='true']").forEach((hidden) => hidden.remove());
        let words = (copy.textContent ?? "").replace(/\s+/g, " ").trim();
        if (el.matches("[aria-invalid='true']")) {
          // A field marked invalid in red must say why, in text tied to it.
          const ids = (el.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
          const described = ids
            .map((id) => document.getElementById(id)?.textContent ?? "")
            .join(" ")
            .trim();
          const nearby = el.closest(".field, fieldset")?.querySelector(".field-error")?.textContent ?? "";
          words = described || nearby;
        }
        return { kind: el.className || el.tagName.toLowerCase(), words };
      }),
    );
  const expectWords = async (page: Page, where: string, patterns: Record<string, RegExp>) => {
    const found = await marks(page);
    expect(found.length, `status marks on ${where}`).toBeGreaterThan(0);
    for (const mark of found) {
      expect(mark.words, `${mark.kind} on ${where} has words`).not.toBe("");
      for (const [cls, pattern] of Object.entries(patterns)) {
        if (mark.kind.split(" ").includes(cls)) expect(mark.words, `${cls} on ${where}`).toMatch(pattern);
      }
    }
  };

  const officer = await pageAs(browser, READER);
  await officer.goto("/modules");
  await expectWords(officer, "modules", { badge: /^(Passed|In progress|Not started)$/ });
  await officer.goto("/certification");
  await expectWords(officer, "certification", { requirement: /^(Met|Not met|To do): / });
  await officer.goto("/scenarios");
  await expectWords(officer, "role-plays", {
    badge: /^(Passed|Not passed|Not yet passed|Not started|In progress|Left)$/,
  });
  // A knowledge check after a submission: right and wrong answers are named, not only green and red.
  await officer.goto("/modules/measuring-impact");
  await officer.getByRole("button", { name: "Submit answers" }).click();
  await expectWords(officer, "a check with missing answers", {});
  await answerCheck(officer, "measuring-impact", (i) => (i === 0 ? "right" : "wrong"));
  await officer.getByRole("button", { name: /Submit/ }).click();
  await expect(officer.locator("#check-result")).toBeVisible();
  await expectWords(officer, "a checked module", {
    "explanation--right": /^Right\./,
    "explanation--wrong": /^Not quite\./,
    "badge--ok": /^(Correct answer|Passed|In progress|Not started)$/,
    "alert--error": /Not passed yet/,
    "alert--warn": /Your next attempt is allowed at/,
  });
  // A passed check: the answer key, marked in words.
  await officer.goto("/modules/running-a-process");
  await expectWords(officer, "a passed check with its answer key", {
    "explanation--right": /^Right\./,
    "badge--ok": /^(Correct answer|Passed)$/,
    "badge--neutral": /^Your answer$/,
    "alert--ok": /^Passed:/,
  });
  await officer.context().close();

  const player = await pageAs(browser, CERTIFIED);
  await startRolePlay(player, "school-circle");
  // Play on until a choice has moved someone's state (not every choice does).
  for (let step = 0; step < 6 && !(await player.locator(".strip__changes .change").count()); step++) {
    await chooseAndWait(player, () =>
      player.getByRole("group", { name: "Your choices" }).getByRole("button").first().click(),
    );
  }
  // Each change the last choice made reads as a signed number (named in the strip), not as a colour.
  await expectWords(player, "the player", { change: /[+−]\d+/ });
  await player.context().close();

  const supervisor = await pageAs(browser, SUPERVISOR);
  await supervisor.goto("/supervisor");
  await expectWords(supervisor, "the roster", {
    badge: /^(Not started|In progress|Ready for sign-off|Certified|Expiring soon|Expired|Revoked)$/,
  });
  await supervisedDebrief(supervisor);
  await expectWords(supervisor, "a debrief", { verdict: /^(Passed|Not passed): \d+%/ });
  await supervisor.context().close();
});
