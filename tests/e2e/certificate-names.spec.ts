// Certificates for every name, against the production server with a database of its own: the PDF for names
// in Vietnamese, Polish, Greek and Cyrillic; for a right-to-left name, a clear refusal that points to the
// printable page, which shows the name in its own direction.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { PDFDocument } from "pdf-lib";
import { DEMO_PASSWORD } from "../support/e2e";
import { signInCookie, startServer, tempDir, type OwnServer } from "../support/own-server";

let server: OwnServer;
let dir: string;
let db: Database.Database;
let cookie: string;
let certificatePath: string;

test.beforeAll(async () => {
  dir = tempDir("certificate-names");
  server = await startServer(`${dir}/circlekeeper.db`);
  db = new Database(server.databaseFile, { fileMustExist: true });
  // Aisha Johnson holds the demo's certificate; each test gives her another name.
  cookie = await signInCookie(server, "a.johnson@example.org");
  const list = await (await fetch(`${server.url}/certification`, { headers: { Cookie: cookie } })).text();
  certificatePath = /href="(\/certification\/certificates\/[^"]+)"/.exec(list)![1]!;
});
test.afterAll(async () => {
  db?.close();
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function rename(name: string) {
  db.prepare("UPDATE User SET name = ? WHERE email = 'a.johnson@example.org'").run(name);
}

const get = (path: string) => fetch(`${server.url}${path}`, { headers: { Cookie: cookie } });

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

for (const name of ["Thảo Nguyễn", "Łukasz Wójcik", "Ελένη Παπαδοπούλου", "Олена Шевченко"]) {
  test(`${name}: the page and a PDF that parses back`, async () => {
    rename(name);
    const page = await (await get(certificatePath)).text();
    expect(page).toContain(`<p class="certificate__name" dir="auto">${escapeHtml(name)}</p>`);
    expect(page).toContain("Download PDF");
    const pdf = await get(`${certificatePath}.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const doc = await PDFDocument.load(new Uint8Array(await pdf.arrayBuffer()));
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toContain(name);
  });
}

test("a right-to-left name: no PDF but a clear 422 that points to the page, which prints it right to left", async ({
  browser,
}) => {
  const name = "محمد عبد الله";
  rename(name);
  const pdf = await get(`${certificatePath}.pdf`);
  expect(pdf.status).toBe(422);
  const message = await pdf.text();
  expect(message).toContain("right to left");
  expect(message).toContain(`${server.url}${certificatePath}`);
  expect(server.output()).not.toMatch(/\n\s+at /);

  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill("a.johnson@example.org");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.goto(certificatePath);
  const shown = page.locator(".certificate__name");
  await expect(shown).toHaveText(name);
  expect(await shown.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
  await expect(page.getByRole("link", { name: "Download PDF" })).toHaveCount(0);
  await expect(page.getByText("Print this page instead")).toBeVisible();
  await context.close();
});
