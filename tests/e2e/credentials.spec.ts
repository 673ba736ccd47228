// Open Badges credentials against the production build, with a server and database of its own (it revokes the
// demo's certificate). The credential is checked with jose against the keys the server PUBLISHES, fetched over
// HTTP (the JWKS and the did:web document), never with the issuing code; the revocation bit is read from the
// fetched, signed status list. Then an officer downloads the credential and checks it on the verify page.
import crypto from "node:crypto";
import fs from "node:fs";
import { gunzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { createLocalJWKSet, decodeJwt, importJWK, jwtVerify, type JSONWebKeySet, type JWK } from "jose";
import { expectNoAxeViolations } from "../support/a11y";
import { postForm, signInCookie, startServer, tempDir, type OwnServer } from "../support/own-server";

let server: OwnServer;
let dir: string;
let officerCookie: string;
let certificateId: string;

test.beforeAll(async () => {
  dir = tempDir("credentials");
  server = await startServer(`${dir}/circlekeeper.db`, {
    CK_SECRETS_KEY: crypto.randomBytes(32).toString("base64"),
    PUBLIC_BASE_URL: "http://127.0.0.1:4520",
  });
  officerCookie = await signInCookie(server, "a.johnson@example.org");
  const list = await (await fetch(`${server.url}/certification`, { headers: { Cookie: officerCookie } })).text();
  certificateId = /href="\/certification\/certificates\/([^"]+)"/.exec(list)![1]!;
});
test.afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function credentialJwt(): Promise<string> {
  const res = await fetch(`${server.url}/certification/certificates/${certificateId}.jwt`, {
    headers: { Cookie: officerCookie },
  });
  expect(res.status).toBe(200);
  return res.text();
}

async function publishedJwks() {
  return createLocalJWKSet((await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as JSONWebKeySet);
}

/** The credential's bit in the status list the server publishes (itself checked against the published keys). */
async function revocationBit(jwt: string): Promise<number> {
  const status = decodeJwt(jwt).credentialStatus as { statusListIndex: string; statusListCredential: string };
  const path = new URL(status.statusListCredential).pathname;
  const list = await (await fetch(`${server.url}${path}`)).text();
  const { payload } = await jwtVerify(list, await publishedJwks());
  const bits = gunzipSync(
    Buffer.from((payload.credentialSubject as { encodedList: string }).encodedList.slice(1), "base64url"),
  );
  expect(bits.length).toBeGreaterThanOrEqual(16 * 1024);
  const index = Number(status.statusListIndex);
  return (bits[index >> 3]! >> (7 - (index % 8))) & 1;
}

test.describe.serial("a demo officer's credential", () => {
  test("verifies with the published JWKS and with the key of the did:web document", async () => {
    const jwt = await credentialJwt();
    const { payload, protectedHeader } = await jwtVerify(jwt, await publishedJwks(), { typ: "vc+jwt" });
    expect(payload.type).toContain("OpenBadgeCredential");
    const did = (await (await fetch(`${server.url}/.well-known/did.json`)).json()) as {
      id: string;
      verificationMethod: { id: string; publicKeyJwk: JWK }[];
    };
    expect(did.id).toBe("did:web:127.0.0.1%3A4520");
    const method = did.verificationMethod.find((m) => m.id === protectedHeader.kid)!;
    await jwtVerify(jwt, await importJWK(method.publicKeyJwk, "EdDSA"));
    expect(await revocationBit(jwt)).toBe(0);
  });

  test("fails when its payload is changed, and after its expiry (fixed clock)", async () => {
    const jwt = await credentialJwt();
    const [header, payload, signature] = jwt.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString()) as Record<string, unknown>;
    claims.name = "Restorative Facilitator, Level 3";
    const tampered = [header, Buffer.from(JSON.stringify(claims)).toString("base64url"), signature].join(".");
    await expect(jwtVerify(tampered, await publishedJwks())).rejects.toMatchObject({
      code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
    });
    const afterExpiry = new Date(Date.parse(String(claims.validUntil)) + 24 * 60 * 60 * 1000);
    await expect(jwtVerify(jwt, await publishedJwks(), { currentDate: afterExpiry })).rejects.toMatchObject({
      code: "ERR_JWT_EXPIRED",
    });
  });

  test("downloads from the certificate page, verifies on the verify page, and fails there once revoked", async ({
    page,
  }) => {
    const [name, value] = officerCookie.split("=") as [string, string];
    await page.context().addCookies([{ name, value, url: server.url }]);
    await page.goto(`${server.url}/certification/certificates/${certificateId}`);
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download the credential (.jwt)" }).click();
    const file = await (await downloading).path();

    await page.goto(`${server.url}/verify`);
    await page.getByLabel("Or choose the credential file").setInputFiles(file);
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.getByText("This credential is authentic, current and not revoked.")).toBeVisible();
    await expectNoAxeViolations(page, "the verify page with a result");

    const jwt = fs.readFileSync(file, "utf8");
    const supervisor = await signInCookie(server, "supervisor@example.org");
    const db = new Database(server.databaseFile, { readonly: true, fileMustExist: true });
    const { id: officer } = db.prepare("SELECT id FROM User WHERE email = 'a.johnson@example.org'").get() as {
      id: string;
    };
    db.close();
    const revoked = await postForm(
      server,
      `/supervisor/officers/${officer}?index`,
      { intent: "revoke", signOffId: certificateId, reason: "Revoked by the credentials journey." },
      supervisor,
    );
    expect(revoked.status).toBeLessThan(400);
    expect(await revocationBit(jwt)).toBe(1);

    await page.goto(`${server.url}/verify`);
    await page.getByLabel("Paste the credential").fill(jwt);
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.getByText("Revoked: a supervisor withdrew this certification.")).toBeVisible();
    await expect(page.getByText("Signed by this Circlekeeper; unchanged since.")).toBeVisible();
  });
});

test("the verify page has no axe violations on a desktop and on a phone", async ({ page }) => {
  await page.goto(`${server.url}/verify`);
  await expectNoAxeViolations(page, "the verify page");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${server.url}/verify`);
  await expectNoAxeViolations(page, "the verify page at 390x844");
});
