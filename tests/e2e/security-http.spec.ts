// Security at the HTTP level, against the production server: headers and CSP nonces, the same-origin check
// for writes, body size limits (with and without Content-Length), session cookie flags, paths that try to
// leave the site or content/, and stored script payloads coming back as text (on a server of its own, so the
// payloads stay out of the other tests' data).
import fs from "node:fs";
import http from "node:http";
import { expect, test, type APIRequestContext, type APIResponse, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { competentObservationForm, DEMO_PASSWORD, signIn } from "../support/e2e";
import { postForm, signInCookie, startServer, tempDir, type OwnServer } from "../support/own-server";
import { REDIRECT_PAYLOADS, SCRIPT_PAYLOADS, SLUG_PAYLOADS } from "../support/payloads";

const STRICT_REFERRER_POLICIES = ["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"];

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );
}

/** Signs in through the API context; its cookie jar then carries the session. */
async function apiSignIn(request: APIRequestContext, baseURL: string, email: string): Promise<string> {
  const res = await request.post("/login", {
    form: { email, password: DEMO_PASSWORD },
    headers: { Origin: baseURL },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(302);
  return res.headers()["set-cookie"]!.split(";")[0]!;
}

function scriptTags(html: string): string[] {
  return html.match(/<script\b[^>]*>/gi) ?? [];
}

test.describe("headers", () => {
  test("every kind of answer carries a nonce-based CSP, frame-ancestors 'none', nosniff and a strict referrer policy", async ({
    request,
    baseURL,
  }) => {
    const cookie = await apiSignIn(request, baseURL!, "officer@example.org");
    const paths = [
      "/login",
      "/",
      "/modules",
      "/modules/what-is-restoration",
      "/certification",
      "/scenarios",
      "/no/such/page",
      "/supervisor",
      "/healthcheck",
      "/favicon.svg",
      "/verify/AAAAA-AAAAA",
    ];
    for (const path of paths) {
      const res = await request.get(path, { headers: { Cookie: cookie }, maxRedirects: 0 });
      const h = res.headers();
      const csp = directives(h["content-security-policy"] ?? "");
      const scripts = csp.get("script-src") ?? csp.get("default-src") ?? [];
      expect(
        scripts.some((s) => /^'nonce-[A-Za-z0-9+/=]{22,}'$/.test(s)),
        `${path}: ${h["content-security-policy"]}`,
      ).toBe(true);
      for (const loose of ["'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:"])
        expect(scripts, `${path} script-src`).not.toContain(loose);
      for (const extra of ["script-src-elem", "script-src-attr"])
        expect(csp.get(extra) ?? [], path).not.toContain("'unsafe-inline'");
      expect(csp.get("frame-ancestors"), path).toEqual(["'none'"]);
      expect(csp.get("object-src"), path).toEqual(["'none'"]);
      expect(csp.get("base-uri"), path).toEqual(["'self'"]);
      expect(csp.get("default-src"), path).toEqual(["'self'"]);
      expect(h["x-content-type-options"], path).toBe("nosniff");
      expect(STRICT_REFERRER_POLICIES, path).toContain(h["referrer-policy"]);
      expect(h["x-powered-by"], path).toBeUndefined();
    }
  });

  test("the nonce is new on every request, and every script in the page carries it", async ({ request }) => {
    const nonces = new Set<string>();
    for (let i = 0; i < 5; i++) {
      // (Not /login: the sign-in page ships no script at all.)
      const res = await request.get("/no/such/page");
      const nonce = /'nonce-([^']+)'/.exec(res.headers()["content-security-policy"]!)![1]!;
      nonces.add(nonce);
      const tags = scriptTags(await res.text());
      expect(tags.length).toBeGreaterThan(0);
      for (const tag of tags) expect(tag, "a script without the nonce").toContain(`nonce="${nonce}"`);
    }
    expect(nonces.size).toBe(5);
  });

  test("pages run their scripts under the CSP with no violation", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) =>
        console.log(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    await signIn(page, "officer@example.org");
    for (const path of ["/", "/modules/what-is-restoration", "/scenarios", "/certification", "/account/password"]) {
      await page.goto(path);
      // hydrated: the client router is running, so the page's scripts were allowed
      await expect
        .poll(() => page.evaluate(() => typeof (window as { __remixRouter?: unknown }).__remixRouter), {
          message: path,
        })
        .toBe("object");
    }
    expect(violations).toEqual([]);
  });
});

test.describe("writes from other sites", () => {
  test("a POST with another Origin, a foreign Referer and no Origin, or Origin null is refused; our own works", async ({
    request,
    baseURL,
  }) => {
    const cookie = await apiSignIn(request, baseURL!, "officer@example.org");
    const signedIn = async () =>
      (await request.get("/", { headers: { Cookie: cookie }, maxRedirects: 0 })).status() === 200;
    for (const headers of <Record<string, string>[]>[
      { Origin: "https://evil.example" },
      { Origin: "http://localhost.evil.example" },
      { Origin: baseURL!.replace("http:", "https:") },
      { Referer: "https://evil.example/page" },
      { Origin: "null" },
    ]) {
      const res = await request.post("/logout", { headers: { ...headers, Cookie: cookie }, maxRedirects: 0 });
      expect(res.status(), JSON.stringify(headers)).toBe(403);
      expect(res.headers()["set-cookie"]).toBeUndefined();
      expect(await signedIn()).toBe(true);
    }
    // other methods cannot stand in for a POST (OPTIONS is answered like a GET: the loader, which changes nothing)
    for (const method of ["PUT", "PATCH", "DELETE", "OPTIONS"]) {
      const res = await request.fetch("/logout", {
        method,
        headers: { Origin: "https://evil.example", Cookie: cookie },
        maxRedirects: 0,
      });
      if (method !== "OPTIONS") expect(res.status(), method).toBe(403);
      expect(res.headers()["set-cookie"], method).toBeUndefined();
      expect(await signedIn(), method).toBe(true);
    }
    // a sign-in from another site gets no session either
    const login = await request.post("/login", {
      form: { email: "officer@example.org", password: DEMO_PASSWORD },
      headers: { Origin: "https://evil.example" },
      maxRedirects: 0,
    });
    expect(login.status()).toBe(403);
    expect(login.headers()["set-cookie"]).toBeUndefined();
    // our own pages' posts work
    const own = await request.post("/logout", {
      headers: { Origin: baseURL!, Referer: `${baseURL}/`, Cookie: cookie },
      maxRedirects: 0,
    });
    expect(own.status()).toBe(302);
    expect(await signedIn()).toBe(false);
  });

  test("a form on another site that posts to us is refused in a real browser, and the user stays signed in", async ({
    page,
    baseURL,
  }) => {
    await signIn(page, "officer@example.org");
    await page.route("https://evil.example/**", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<form id="f" method="post" action="${baseURL}/logout"></form><script>document.getElementById("f").submit()</script>`,
      }),
    );
    const refused = page.waitForResponse((r) => r.url() === `${baseURL}/logout`);
    await page.goto("https://evil.example/trap");
    expect((await refused).status()).toBe(403);
    await page.goto("/");
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  });
});

test.describe("behind a TLS-terminating proxy", () => {
  const failedSignIns = async (server: OwnServer, forwardedFor: string, n: number) => {
    for (let i = 0; i < n; i++) {
      await fetch(`${server.url}/login`, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Origin: server.url,
          "X-Forwarded-For": forwardedFor,
        },
        body: new URLSearchParams({ email: `nobody${i}@example.org`, password: "a-guessed-password" }),
      });
    }
  };
  const signInVia = (server: OwnServer, headers: Record<string, string>) =>
    fetch(`${server.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams({ email: "trainer@example.org", password: DEMO_PASSWORD }),
    });

  test("TRUST_PROXY makes forwarded HTTPS posts same-origin and throttles each client, not the proxy", async () => {
    const dir = tempDir("proxy");
    const server = await startServer(`${dir}/circlekeeper.db`, { TRUST_PROXY: "loopback" });
    try {
      const httpsOrigin = server.url.replace("http:", "https:");
      expect(
        (
          await signInVia(server, {
            Origin: httpsOrigin,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "198.51.100.1",
          })
        ).status,
      ).toBe(302);
      expect((await signInVia(server, { Origin: httpsOrigin })).status).toBe(403); // not forwarded as HTTPS: the origins differ
      await failedSignIns(server, "198.51.100.66", 20);
      expect(
        (
          await signInVia(server, {
            Origin: httpsOrigin,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "198.51.100.66",
          })
        ).status,
      ).toBe(429);
      expect(
        (
          await signInVia(server, {
            Origin: httpsOrigin,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "198.51.100.2",
          })
        ).status,
      ).toBe(302);
    } finally {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("without TRUST_PROXY, forwarded headers are ignored: they neither pass the origin check nor dodge the throttle", async () => {
    const dir = tempDir("noproxy");
    const server = await startServer(`${dir}/circlekeeper.db`);
    try {
      const httpsOrigin = server.url.replace("http:", "https:");
      expect((await signInVia(server, { Origin: httpsOrigin, "X-Forwarded-Proto": "https" })).status).toBe(403);
      await failedSignIns(server, "198.51.100.66", 20);
      expect((await signInVia(server, { Origin: server.url, "X-Forwarded-For": "198.51.100.3" })).status).toBe(429);
    } finally {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

test.describe("data requests", () => {
  test("the client router's data requests (.data) keep the pages' rules", async ({ request, baseURL }) => {
    const supervisor = await apiSignIn(request, baseURL!, "supervisor@example.org");
    const roster = await (await request.get("/supervisor", { headers: { Cookie: supervisor } })).text();
    const officerId = /href="\/supervisor\/officers\/([^"]+)"[^>]*>Thao Nguyen</.exec(roster)![1]!;
    const allowed = await request.get(`/supervisor/officers/${officerId}.data`, { headers: { Cookie: supervisor } });
    expect(allowed.status()).toBe(200);
    expect(await allowed.text()).toContain("t.nguyen@example.org");
    for (const email of [
      "officer@example.org",
      "officer2@example.org",
      "trainer@example.org",
      "supervisor2@example.org",
    ]) {
      const cookie = await apiSignIn(request, baseURL!, email);
      for (const path of [
        `/supervisor/officers/${officerId}.data`,
        "/supervisor.data",
        "/supervisor/audit.data",
        "/admin/users.data",
      ]) {
        const res = await request.get(path, { headers: { Cookie: cookie }, maxRedirects: 0 });
        const body = await res.text();
        expect(body, `${email} ${path}`).not.toContain("t.nguyen@example.org");
        if (path.includes(officerId) || path.startsWith("/admin") || email !== "supervisor2@example.org") {
          expect([403, 404], `${email} ${path}: ${res.status()} ${body.slice(0, 120)}`).toContain(res.status());
        }
      }
    }
  });
});

test.describe("body size", () => {
  test("a body over 1 MB with Content-Length is refused with 413", async ({ request, baseURL }) => {
    const res = await request.post("/login", {
      headers: { Origin: baseURL!, "Content-Type": "application/x-www-form-urlencoded" },
      data: Buffer.from(`email=officer%40example.org&password=x&pad=${"a".repeat(1024 * 1024)}`),
    });
    expect(res.status()).toBe(413);
  });

  test("a chunked body (no Content-Length) over 1 MB is refused with 413 and its action never runs; a small one works", async ({
    request,
    baseURL,
  }) => {
    const cookie = await apiSignIn(request, baseURL!, "officer@example.org");
    await request.get("/modules/what-is-restoration", { headers: { Cookie: cookie } }); // the module's progress row
    const chunked = (anchor: string, padding: number) =>
      new Promise<{ status: number }>((resolve, reject) => {
        const url = new URL("/modules/what-is-restoration", baseURL);
        const req = http.request(url, {
          method: "POST",
          headers: {
            Origin: baseURL!,
            Cookie: cookie,
            "Content-Type": "application/x-www-form-urlencoded",
            "Transfer-Encoding": "chunked",
          },
        });
        req.on("response", (res) => {
          res.resume();
          resolve({ status: res.statusCode! });
        });
        req.on("error", reject);
        req.write(`intent=anchor&anchor=${anchor}&pad=`);
        const piece = Buffer.alloc(64 * 1024, "a");
        let sent = 0;
        const pump = () => {
          while (sent < padding) {
            sent += piece.length;
            if (!req.write(piece)) return void req.once("drain", pump);
          }
          req.end();
        };
        pump();
      });
    // What the module remembers as the officer's reading position, read from the e2e server's database.
    const db = new Database(`tests/.tmp/e2e-${new URL(baseURL!).port}/e2e.db`, { readonly: true, fileMustExist: true });
    const anchorNow = async () =>
      String(
        db
          .prepare(
            "SELECT p.lastAnchor FROM ModuleProgress p JOIN User u ON u.id = p.userId WHERE u.email = ? AND p.moduleSlug = ?",
          )
          .pluck()
          .get("officer@example.org", "what-is-restoration"),
      );
    expect((await chunked("small-body", 8 * 1024)).status).toBe(200);
    expect(await anchorNow()).toContain("small-body");
    const big = await chunked("oversized-body", 3 * 1024 * 1024);
    expect(big.status).toBe(413);
    expect(await anchorNow()).not.toContain("oversized-body");
    expect(await anchorNow()).toContain("small-body");
    db.close();
  });
});

test.describe("session cookie", () => {
  test("is HttpOnly, SameSite=Lax, Secure in production, site-wide, and limited to the absolute session length", async ({
    request,
    baseURL,
    page,
  }) => {
    const res = await request.post("/login", {
      form: { email: "officer@example.org", password: DEMO_PASSWORD },
      headers: { Origin: baseURL! },
      maxRedirects: 0,
    });
    const setCookie = res.headers()["set-cookie"]!;
    const attributes = setCookie.split(";").map((a) => a.trim().toLowerCase());
    expect(attributes[0]).toMatch(/^ck_session=.+/);
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
    expect(attributes).toContain("secure");
    expect(attributes).toContain("path=/");
    expect(attributes).toContain("max-age=43200");
    expect(attributes.some((a) => a.startsWith("domain="))).toBe(false);
    // Cleared at sign-out with the same name and path.
    const out = await request.post("/logout", {
      headers: { Origin: baseURL!, Cookie: setCookie.split(";")[0]! },
      maxRedirects: 0,
    });
    expect(out.headers()["set-cookie"]).toMatch(/^ck_session=; Max-Age=0; Path=\/; HttpOnly; Secure; SameSite=Lax/);
    // Scripts in the page cannot read it.
    await signIn(page, "officer@example.org");
    expect(await page.evaluate(() => document.cookie)).not.toContain("ck_session");
    expect((await page.context().cookies()).find((c) => c.name === "ck_session")).toMatchObject({
      httpOnly: true,
      secure: true,
      sameSite: "Lax",
    });
  });
});

test.describe("paths", () => {
  test("redirectTo never leaves the site", async ({ request, baseURL }) => {
    for (const redirectTo of REDIRECT_PAYLOADS) {
      // Anything but printable ASCII (tabs, newlines, other spaces) is refused as malformed before signing in.
      // (Sent without the context's cookies: the sign-in page sends someone already signed in home.)
      if (/[^\x21-\x7e]/.test(redirectTo)) {
        const refused = await fetch(`${baseURL}/login`, {
          method: "POST",
          redirect: "manual",
          headers: { Origin: baseURL!, "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ email: "officer@example.org", password: DEMO_PASSWORD, redirectTo }),
        });
        expect(refused.status, JSON.stringify(redirectTo)).toBe(400);
        expect(refused.headers.get("set-cookie")).toBeNull();
        continue;
      }
      const res = await request.post("/login", {
        form: { email: "officer@example.org", password: DEMO_PASSWORD, redirectTo },
        headers: { Origin: baseURL! },
        maxRedirects: 0,
      });
      expect(res.status(), redirectTo).toBe(302);
      const location = res.headers()["location"]!;
      expect(new URL(location, baseURL).origin, `${JSON.stringify(redirectTo)} -> ${location}`).toBe(
        new URL(baseURL!).origin,
      );
    }
  });

  test("content slugs and static paths cannot reach files outside content/ and the build", async ({
    request,
    baseURL,
  }) => {
    const cookie = await apiSignIn(request, baseURL!, "officer@example.org");
    const leaks = (body: string) =>
      /"devDependencies"|createRequestHandler|DATABASE_URL|datasource db|-----BEGIN/.test(body);
    const paths = [
      "/modules/..%2F..%2Fpackage",
      "/modules/..%2F..%2Fpackage.json",
      "/scenarios/..%2Fsecret",
      "/scenarios/..%2F..%2Fprisma%2Fschema.prisma",
      // (a bare "." or ".." is resolved by the client before it is sent: covered in tests/security/input.test.ts)
      ...SLUG_PAYLOADS.filter((slug) => slug !== "." && slug !== "..").flatMap((slug) => [
        `/modules/${encodeURIComponent(slug)}`,
        `/scenarios/${encodeURIComponent(slug)}`,
      ]),
      "/..%2Fpackage.json",
      "/%2e%2e/%2e%2e/server.js",
      "/assets/..%2F..%2F..%2Fserver.js",
      "/assets/%2e%2e/%2e%2e/%2e%2e/package.json",
      "/favicon.svg%2F..%2F..%2Fpackage.json",
      "/build/server/index.js",
      "/server.js",
      "/package.json",
      "/.env",
      "/data/circlekeeper.db",
    ];
    for (const path of paths) {
      const res: APIResponse = await request.get(path, { headers: { Cookie: cookie }, maxRedirects: 0 });
      const body = await res.text();
      expect(leaks(body), `${path} answered ${res.status()} with a file's contents`).toBe(false);
      expect([200, 301, 302, 400, 403, 404], path).toContain(res.status());
      if (path.startsWith("/modules/") || path.startsWith("/scenarios/")) expect(res.status(), path).toBe(404);
    }
    // control: the checks above would see a file's contents
    expect(leaks(await (await request.get("/healthcheck")).text())).toBe(false);
  });
});

// Stored script payloads: on a server of its own, every free-text field is filled with them by the real forms'
// endpoints, and every page that shows them is read as HTML and opened in the browser.
test.describe("stored script and HTML payloads come back as text", () => {
  let server: OwnServer;
  test.describe.configure({ timeout: 180_000 });

  let dir: string;
  test.beforeAll(async () => {
    dir = tempDir("xss");
    server = await startServer(`${dir}/circlekeeper.db`);
  });
  test.afterAll(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("names, practicum outcome and reflection, review comments, sign-off comment and revocation reason", async ({
    browser,
  }) => {
    const P = SCRIPT_PAYLOADS;
    const admin = await signInCookie(server, "admin@example.org");
    const html = async (path: string, cookie: string) => {
      const res = await fetch(`${server.url}${path}`, { headers: { Cookie: cookie } });
      expect(res.status, path).toBe(200);
      return res.text();
    };
    // Names: an officer per payload, made through the admin form; one name that looks like a spreadsheet formula.
    const adminPage = await html("/admin/users", admin);
    const north = /<option value="([^"]+)">North Precinct<\/option>/.exec(adminPage)![1]!;
    const names = [...P.map((p, i) => `Officer ${i} ${p}`), `=HYPERLINK("http://evil.example","open")`];
    for (const [i, name] of names.entries()) {
      const res = await postForm(
        server,
        "/admin/users",
        {
          intent: "create",
          name,
          email: `payload${i}@example.org`,
          role: "officer",
          unitId: north,
          password: "payload-long-password",
        },
        admin,
      );
      expect(res.status, name).toBe(200);
    }
    // Practicum: Thao logs one entry per payload (outcome and reflection); the demo already has one of hers waiting.
    const supervisor = await signInCookie(server, "supervisor@example.org");
    const thaoId = /href="\/supervisor\/officers\/([^"]+)"[^>]*>Thao Nguyen</.exec(
      await html("/supervisor", supervisor),
    )![1]!;
    const entryIdsOn = (page: string) => [...page.matchAll(/name="entryId" value="([^"]+)"/g)].map((m) => m[1]!);
    const seeded = new Set(entryIdsOn(await html(`/supervisor/officers/${thaoId}`, supervisor)));
    const thao = await signInCookie(server, "t.nguyen@example.org");
    for (const [i, p] of P.entries()) {
      const res = await postForm(
        server,
        "/certification",
        {
          date: `2026-02-${String(10 + i).padStart(2, "0")}`,
          kind: "joint-meeting",
          processType: "Victim-offender dialogue",
          role: "Co-facilitator",
          participantCount: "5",
          outcome: p,
          logWhatHappened: `Reflection ${i}: ${p} and what I learned`,
          logWentWell: `Went well ${i}: ${p}`,
          logWouldChange: `Would change ${i}: ${p}`,
          logSupportNeeded: `Support ${i}: ${p}`,
          submissionKey: crypto.randomUUID(),
        },
        thao,
      );
      expect(res.status, p).toBe(200);
    }
    // Review comments: the supervisor returns the first entry and confirms the others, each with a payload.
    const record = await html(`/supervisor/officers/${thaoId}`, supervisor);
    const entryIds = entryIdsOn(record).filter((id) => !seeded.has(id));
    expect(entryIds).toHaveLength(P.length);
    for (const [i, entryId] of entryIds.entries()) {
      const res = await postForm(
        server,
        `/supervisor/officers/${thaoId}`,
        { intent: i === 0 ? "return-practicum" : "confirm-practicum", entryId, comment: `Review ${P[i]}` },
        supervisor,
      );
      expect(res.status, `review ${i}`).toBe(200);
    }
    // Level 1 also needs an observed assessment: the supervisor, an assessor, records one.
    expect(
      (await postForm(server, "/observations/new", competentObservationForm(thaoId), supervisor)).status,
    ).toBeLessThan(400);
    // Sign-off comment and revocation reason.
    const all = P.join(" ");
    expect(
      (
        await postForm(
          server,
          `/supervisor/officers/${thaoId}`,
          { intent: "sign-off", program: "facilitator-level-1", comment: `Signed: ${all}` },
          supervisor,
        )
      ).status,
    ).toBe(200);
    const signOffId = /name="signOffId" value="([^"]+)"/.exec(
      await html(`/supervisor/officers/${thaoId}`, supervisor),
    )![1]!;
    expect(
      (
        await postForm(
          server,
          `/supervisor/officers/${thaoId}`,
          { intent: "revoke", signOffId, reason: `Revoked: ${all}` },
          supervisor,
        )
      ).status,
    ).toBe(200);
    const payloadOfficer = await signInCookie(server, "payload0@example.org", "payload-long-password");
    const payloadOfficerId = /href="\/supervisor\/officers\/([^"]+)"[^>]*>Officer 0 /.exec(
      await html("/supervisor?q=Officer+0", supervisor),
    )![1]!;

    // Every page that shows them, as each user who sees it.
    const pages: { who: string; cookie: string; email: string; path: string; shows: string[] }[] = [
      // The list pages 25 at a time: North's officers (the payload officers among them) fit on one.
      {
        who: "admin",
        cookie: admin,
        email: "admin@example.org",
        path: `/admin/users?role=officer&unit=${north}`,
        shows: names,
      },
      { who: "supervisor", cookie: supervisor, email: "supervisor@example.org", path: "/supervisor", shows: names },
      {
        who: "supervisor",
        cookie: supervisor,
        email: "supervisor@example.org",
        path: `/supervisor/officers/${thaoId}`,
        shows: P,
      },
      {
        who: "supervisor",
        cookie: supervisor,
        email: "supervisor@example.org",
        path: `/supervisor/officers/${payloadOfficerId}`,
        shows: [names[0]!],
      },
      { who: "supervisor", cookie: supervisor, email: "supervisor@example.org", path: "/supervisor/audit", shows: P },
      { who: "officer", cookie: thao, email: "t.nguyen@example.org", path: "/certification", shows: P },
      { who: "payload officer", cookie: payloadOfficer, email: "payload0@example.org", path: "/", shows: [names[0]!] },
    ];
    let checks = 0;
    for (const { who, cookie, path, shows } of pages) {
      const body = await html(path, cookie);
      for (const p of P) {
        expect(body.includes(p), `${who} ${path}: the payload ${p} is in the HTML unescaped`).toBe(false);
        checks++;
      }
      // and each one is there, as text (directly, or inside the audit trail's JSON)
      for (const p of shows)
        expect(
          body.includes(escapeLikeReact(p)) || body.includes(escapeLikeReact(JSON.stringify(p).slice(1, -1))),
          `${who} ${path} does not show ${p}`,
        ).toBe(true);
    }

    // In the browser: no dialog, no element made from a payload, no script without the page's nonce.
    for (const { who, email, path, shows } of pages) {
      const context = await browser.newContext({ baseURL: server.url });
      const page = await context.newPage();
      const dialogs: string[] = [];
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await signInAt(page, email, email.startsWith("payload") ? "payload-long-password" : DEMO_PASSWORD);
      await page.goto(path);
      await expect
        .poll(() => page.evaluate(() => typeof (window as { __remixRouter?: unknown }).__remixRouter), {
          message: `${who} ${path}`,
        })
        .toBe("object");
      const text = await page.locator("body").innerText();
      for (const p of shows)
        expect(
          text.includes(p) || text.includes(JSON.stringify(p).slice(1, -1)),
          `${who} ${path} shows ${p} as text`,
        ).toBe(true);
      const injected = await page.evaluate(() => ({
        images: document.querySelectorAll('img[src="x"], img[onerror]').length,
        svgs: document.querySelectorAll("svg[onload]").length,
        frames: document.querySelectorAll("iframe").length,
        bold: [...document.querySelectorAll("b")].filter((b) => b.textContent === "bold").length,
        javascriptLinks: document.querySelectorAll('a[href^="javascript:"]').length,
        scriptsWithoutNonce: [...document.scripts].filter((s) => !s.nonce).length,
      }));
      expect(injected, `${who} ${path}`).toEqual({
        images: 0,
        svgs: 0,
        frames: 0,
        bold: 0,
        javascriptLinks: 0,
        scriptsWithoutNonce: 0,
      });
      await page.waitForTimeout(200);
      expect(dialogs, `${who} ${path}`).toEqual([]);
      await context.close();
    }

    // The CSV export keeps the formula-like name as text.
    const csv = await (await fetch(`${server.url}/supervisor/roster.csv`, { headers: { Cookie: supervisor } })).text();
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""open"")"`);
    console.log(
      `stored payloads: ${P.length} script/HTML payloads (+1 formula name) in ${names.length} names, ${P.length} practicum entries (outcome and reflection), ${P.length} review comments, a sign-off comment and a revocation reason; ${checks} page × payload HTML checks on ${pages.length} pages, each page also opened in Chromium`,
    );
  });
});

test.describe("changing one's password in the browser", () => {
  let server: OwnServer;
  let dir: string;
  test.beforeAll(async () => {
    dir = tempDir("password");
    server = await startServer(`${dir}/circlekeeper.db`);
  });
  test.afterAll(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("ends the user's other sessions and keeps this one", async ({ browser }) => {
    const laptop = await browser.newContext({ baseURL: server.url });
    const phone = await browser.newContext({ baseURL: server.url });
    const here = await laptop.newPage();
    const there = await phone.newPage();
    await signInAt(here, "officer2@example.org", DEMO_PASSWORD);
    await signInAt(there, "officer2@example.org", DEMO_PASSWORD);
    await here.getByRole("link", { name: "Change password" }).click();
    await here.getByLabel("Current password").fill("not-the-password");
    await here.getByLabel("New password", { exact: true }).fill("river-stone-lantern");
    await here.getByLabel("New password again").fill("river-stone-lantern");
    await here.getByRole("button", { name: "Change password" }).click();
    await expect(here.getByText("Your current password is not right.")).toBeVisible();
    await here.getByLabel("Current password").fill(DEMO_PASSWORD);
    await here.getByLabel("New password", { exact: true }).fill("river-stone-lantern");
    await here.getByLabel("New password again").fill("river-stone-lantern");
    await here.getByRole("button", { name: "Change password" }).click();
    await expect(here.getByText("Password changed.")).toBeVisible();
    await here.goto("/certification");
    await expect(here.getByRole("heading", { name: "Your certification" })).toBeVisible();
    await there.goto("/certification");
    await expect(there).toHaveURL(/\/login\?redirectTo=%2Fcertification/);
    await signInAt(there, "officer2@example.org", "river-stone-lantern");
    await laptop.close();
    await phone.close();
  });
});

function escapeLikeReact(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#x27;");
}

async function signInAt(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}
