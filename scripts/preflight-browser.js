// Before the end-to-end tests: is there a Chromium to drive? Without one Playwright would fail every test with
// the same long message; this says it once, with both ways to get a browser.
import fs from "node:fs";
import { chromium } from "@playwright/test";

const SYSTEM_CHROMIUM = "/usr/bin/chromium";

function playwrightChromium() {
  try {
    const file = chromium.executablePath();
    return file && fs.existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

if (!fs.existsSync(SYSTEM_CHROMIUM) && !playwrightChromium()) {
  console.error(
    "No browser for the end-to-end tests: install Chromium with `sudo apt-get install chromium` (Debian/Ubuntu, " +
      "used from /usr/bin/chromium) or Playwright's own with `npx playwright install chromium`, then run npm test again.",
  );
  process.exit(1);
}
