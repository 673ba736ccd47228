// Requests an attacker (or a broken client) might send, against the production server with a database of
// its own: every malformed request gets a short 4xx, changes nothing and logs no stack trace; responses that
// depend on who is signed in are never stored by a cache; HSTS only over HTTPS; password guesses sent all at
// once are throttled; a password change without JavaScript keeps the person signed in.
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { DEMO_PASSWORD } from "../support/e2e";
import { postForm, signInCookie, startServer, tempDir, type OwnServer } from "../support/own-server";

let server: OwnServer;
let dir: string;
let db: Database.Database;

test.beforeAll(async () => {
  dir = tempDir("requests");
  server = await startServer(`${dir}/circlekeeper.db`);
  db = new Database(server.databaseFile, { readonly: true, fileMustExist: true });
});
test.afterAll(async () => {
  db?.close();
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every row of every table (sessions by id and user only: reading a page may touch lastSeenAt). */
function fingerprint(): string {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  return tables
    .map((name) => {
      const sql =
        name === "Session" ? `SELECT id, userId FROM "Session" ORDER BY id` : `SELECT * FROM "${name}" ORDER BY rowid`;
      return `${name}:${JSON.stringify(db.prepare(sql).all())}`;
    })
    .join("\n");
}

type Init = Omit<RequestInit, "headers"> & { headers?: Record<string, string> };

function send(path: string, init: Init = {}): Promise<Response> {
  if (init.method === "TRACE") return sendRaw(path, init);
  return fetch(`${server.url}${path}`, {
    redirect: "manual",
    ...init,
    headers: { Origin: server.url, ...init.headers },
  });
}

/** For methods fetch() will not send (TRACE): node's own client. */
function sendRaw(path: string, init: Init): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${server.url}${path}`,
      { method: init.method, headers: { Origin: server.url, ...init.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const headers = new Headers();
          for (const [key, value] of Object.entries(res.headers))
            for (const v of ([] as (string | undefined)[]).concat(value)) if (v !== undefined) headers.append(key, v);
          resolve(new Response(Buffer.concat(chunks), { status: res.statusCode, headers }));
        });
      },
    );
    req.on("error", reject);
    req.end();
  });
}

async function signedIn(cookie: string): Promise<boolean> {
  return (await send("/", { headers: { Cookie: cookie } })).status === 200;
}

/** The message in a page's error alert. */
function alertIn(html: string): string | undefined {
  return /<div class="alert alert--error" role="alert"><p>([^<]*)<\/p>/.exec(html)?.[1];
}

/** CONNECT never reaches Express; a raw socket shows what the server answers. */
function connectStatusLine(): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, "127.0.0.1", () =>
      socket.write("CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\n\r\n"),
    );
    let received = "";
    socket.on("data", (d) => (received += d));
    socket.on("close", () => resolve(received.split("\r\n")[0] ?? ""));
    socket.on("error", reject);
  });
}

const TRUNCATED_MULTIPART =
  '--XyZ\r\nContent-Disposition: form-data; name="email"\r\n\r\nofficer@example.org\r\n--XyZ\r\nContent-Disposition: form-data; name="pass';

test.describe("malformed requests", () => {
  test("each gets a short 4xx, changes nothing, and leaves no stack trace in the log", async () => {
    const officer = await signInCookie(server, "officer@example.org");
    const logBefore = server.output().length;
    const before = fingerprint();
    const json = (cookie?: string) => ({
      method: "POST",
      body: JSON.stringify({ email: "officer@example.org", password: DEMO_PASSWORD }),
      headers: { "Content-Type": "application/json", ...(cookie ? { Cookie: cookie } : {}) },
    });
    const cases: { name: string; path: string; init: Init; status: number; message: RegExp }[] = [
      {
        name: "JSON to /login",
        path: "/login",
        init: json(),
        status: 415,
        message: /Send forms as application\/x-www-form-urlencoded/,
      },
      { name: "JSON to /login.data", path: "/login.data", init: json(), status: 415, message: /Send forms as/ },
      { name: "JSON to /logout", path: "/logout", init: json(officer), status: 415, message: /Send forms as/ },
      {
        name: "JSON to /account/password",
        path: "/account/password",
        init: json(officer),
        status: 415,
        message: /Send forms as/,
      },
      {
        name: "plain text to /login",
        path: "/login",
        init: { method: "POST", body: "email=officer@example.org", headers: { "Content-Type": "text/plain" } },
        status: 415,
        message: /Send forms as/,
      },
      {
        name: "no Content-Type with a body",
        path: "/login",
        init: { method: "POST", body: new Uint8Array([1, 2, 3]) },
        status: 415,
        message: /Send forms as/,
      },
      {
        name: "truncated multipart",
        path: "/login",
        init: {
          method: "POST",
          body: TRUNCATED_MULTIPART,
          headers: { "Content-Type": "multipart/form-data; boundary=XyZ" },
        },
        status: 400,
        message: /incomplete or malformed/,
      },
      {
        name: "multipart without a boundary",
        path: "/logout",
        init: {
          method: "POST",
          body: TRUNCATED_MULTIPART,
          headers: { "Content-Type": "multipart/form-data", Cookie: officer },
        },
        status: 400,
        message: /incomplete or malformed/,
      },
      { name: "TRACE", path: "/", init: { method: "TRACE" }, status: 405, message: /Method not allowed/ },
      {
        name: "PUT from our own origin",
        path: "/logout",
        init: { method: "PUT", headers: { Cookie: officer } },
        status: 405,
        message: /Method not allowed/,
      },
      {
        name: "DELETE from our own origin",
        path: "/account/password",
        init: { method: "DELETE", headers: { Cookie: officer } },
        status: 405,
        message: /Method not allowed/,
      },
      {
        name: "PROPFIND",
        path: "/logout",
        init: { method: "PROPFIND", headers: { Cookie: officer } },
        status: 405,
        message: /Method not allowed/,
      },
      {
        name: "POST to a page without a form",
        path: "/modules",
        init: { method: "POST", body: new URLSearchParams({ a: "b" }), headers: { Cookie: officer } },
        status: 405,
        message: /This page does not accept that request/,
      },
      {
        name: "POST to a page without a form (.data)",
        path: "/verify/AAAAA-AAAAA.data",
        init: { method: "POST", body: new URLSearchParams({ a: "b" }) },
        status: 405,
        message: /did not provide an `action`/,
      },
      {
        name: "broken percent-encoding in the path",
        path: "/modules/%E0%A4%A",
        init: { headers: { Cookie: officer } },
        status: 400,
        message: /The address is not valid/,
      },
      { name: "a lone % in the path", path: "/%", init: {}, status: 400, message: /The address is not valid/ },
      { name: "?_data on a page", path: "/login?_data=routes/login", init: {}, status: 400, message: /_data/ },
      {
        name: "?_data on the root",
        path: "/?_data=root",
        init: { headers: { Cookie: officer } },
        status: 400,
        message: /_data/,
      },
      {
        name: "?%5Fdata",
        path: "/modules?%5Fdata=routes%2Fmodules._index",
        init: { headers: { Cookie: officer } },
        status: 400,
        message: /_data/,
      },
      {
        name: "?_data on a sign-in with the right password",
        path: "/login?_data=routes/login",
        init: {
          method: "POST",
          body: new URLSearchParams({ email: "officer2@example.org", password: DEMO_PASSWORD }),
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
        },
        status: 400,
        message: /_data/,
      },
      ...["\u2028", "\u2029", "\u0000", "\u0007", "\u001b", "\u007f", "\r\n", "\u0085"].map((bad) => ({
        name: `redirectTo with U+${bad.charCodeAt(0).toString(16).padStart(4, "0")}`,
        path: "/login",
        init: {
          method: "POST",
          body: new URLSearchParams({
            email: "officer2@example.org",
            password: DEMO_PASSWORD,
            redirectTo: `/modules${bad}x`,
          }),
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
        },
        status: 400,
        message: /The page to return to after sign-in is not a valid address/,
      })),
    ];
    for (const { name, path, init, status, message } of cases) {
      const res = await send(path, init);
      const body = await res.text();
      expect(res.status, `${name}: ${body.slice(0, 200)}`).toBe(status);
      expect(alertIn(body) ?? body, name).toMatch(message);
      expect(res.headers.get("set-cookie"), name).toBeNull();
      if (status === 405)
        expect(res.headers.get("allow"), name).toBe(
          /without a form/.test(name) ? "GET, HEAD, OPTIONS" : "GET, HEAD, POST, OPTIONS",
        );
      if (!alertIn(body) && !/without a form/.test(name))
        expect(body.length, `${name}: a short message`).toBeLessThan(200);
    }
    expect(await connectStatusLine()).toBe("HTTP/1.1 405 Method Not Allowed");
    expect(fingerprint()).toBe(before);
    expect(await signedIn(officer)).toBe(true);
    const log = server.output().slice(logBefore);
    expect(log, "stack traces in the server log").not.toMatch(/\n\s+at /);
    expect(log).not.toMatch(/Error/);
  });

  test("a well-formed multipart form still works", async () => {
    const body = new FormData();
    body.set("email", "officer2@example.org");
    body.set("password", DEMO_PASSWORD);
    const res = await send("/login", { method: "POST", body });
    expect(res.status).toBe(302);
    expect(res.headers.get("set-cookie")).toMatch(/^ck_session=/);
  });
});

test.describe("cache headers", () => {
  test("everything that depends on who is signed in is private, no-store; static assets keep their long cache", async () => {
    const officer = await signInCookie(server, "officer@example.org");
    const supervisor = await signInCookie(server, "supervisor@example.org");
    const trainer = await signInCookie(server, "trainer@example.org");
    const aisha = await signInCookie(server, "a.johnson@example.org");
    const certificateId = /href="\/certification\/certificates\/([^"]+)"/.exec(
      await (await send("/certification", { headers: { Cookie: aisha } })).text(),
    )![1]!;
    const draft = await postForm(server, "/studio", { intent: "new", kind: "module" }, trainer);
    expect(draft.status).toBe(302);
    const draftPath = draft.headers.get("location")!;
    const home = await (await send("/", { headers: { Cookie: officer } })).text();
    const stylesheet = /href="(\/assets\/[^"]+\.css)"/.exec(home)![1]!;

    const personal: [string, string | undefined, string][] = [
      ["/", officer, "text/html"],
      ["/login", undefined, "text/html"],
      ["/modules", officer, "text/html"],
      ["/no/such/page", officer, "text/html"],
      ["/modules.data", officer, "text/x-script"],
      ["/_root.data", officer, "text/x-script"],
      ["/supervisor/roster.csv", supervisor, "text/csv"],
      [`/certification/certificates/${certificateId}`, aisha, "text/html"],
      [`/certification/certificates/${certificateId}.pdf`, aisha, "application/pdf"],
      [draftPath, trainer, "text/html"],
      [`${draftPath}.mdx`, trainer, "text/plain"],
      ["/healthcheck", undefined, "text/"],
    ];
    for (const [path, cookie, type] of personal) {
      const res = await send(path, { headers: cookie ? { Cookie: cookie } : {} });
      expect(res.headers.get("content-type") ?? "", path).toContain(type);
      const cacheControl = res.headers.get("cache-control");
      if (path === "/healthcheck") expect(cacheControl, path).toMatch(/no-store/);
      else expect(cacheControl, path).toBe("private, no-store");
      expect(res.headers.get("strict-transport-security"), `${path}: no HSTS over plain HTTP`).toBeNull();
    }
    // a redirect that answers for a signed-out visitor, too
    expect((await send("/certification")).headers.get("cache-control")).toBe("private, no-store");

    const asset = await send(stylesheet);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await send("/favicon.svg")).headers.get("cache-control")).toBe("public, max-age=3600");
  });

  test("HSTS is sent when the trusted proxy says the request came over HTTPS, and only then", async () => {
    const proxyDir = tempDir("requests-proxy");
    const proxied = await startServer(`${proxyDir}/circlekeeper.db`, { TRUST_PROXY: "loopback" });
    const plain = await startServer(`${proxyDir}/plain.db`);
    try {
      const hsts = async (base: string, headers: Record<string, string>, path = "/login") =>
        (await fetch(`${base}${path}`, { headers, redirect: "manual" })).headers.get("strict-transport-security");
      expect(await hsts(proxied.url, { "X-Forwarded-Proto": "https" })).toBe("max-age=63072000; includeSubDomains");
      expect(await hsts(proxied.url, { "X-Forwarded-Proto": "https" }, "/favicon.svg")).toBe(
        "max-age=63072000; includeSubDomains",
      );
      expect(await hsts(proxied.url, { "X-Forwarded-Proto": "http" })).toBeNull();
      expect(await hsts(proxied.url, {})).toBeNull();
      // without TRUST_PROXY the header is nobody's word
      expect(await hsts(plain.url, { "X-Forwarded-Proto": "https" })).toBeNull();
    } finally {
      await proxied.stop();
      await plain.stop();
      fs.rmSync(proxyDir, { recursive: true, force: true });
    }
  });
});

test.describe("throttling over HTTP", () => {
  const signInAttempt = async (email: string, password: string) => {
    const res = await postForm(server, "/login", { email, password });
    return { status: res.status, message: alertIn(await res.text())?.replace(/\d\d:\d\d UTC/, "HH:MM UTC") };
  };

  test("30 simultaneous wrong passwords: at most 4 answered as wrong, and the right password is then refused", async () => {
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signInAttempt("d.osei@example.org", `wrong-password-${i}`)),
    );
    expect(answers.filter((a) => a.status === 401).length).toBeLessThanOrEqual(4);
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(26);
    const right = await signInAttempt("d.osei@example.org", DEMO_PASSWORD);
    expect(right.status).toBe(429);
    expect(right.message).toMatch(/this email address/);
  });

  test("an unknown email gets the very same answers as a known one", async () => {
    const known: unknown[] = [];
    const unknown: unknown[] = [];
    for (const password of ["wrong-1", "wrong-2", "wrong-3", "wrong-4", "wrong-5", "wrong-6", DEMO_PASSWORD]) {
      known.push(await signInAttempt("l.kowalski@example.org", password));
      unknown.push(await signInAttempt("l.kowalsky@example.org", password));
    }
    expect(unknown).toEqual(known);
  });
});

test.describe("changing one's password without JavaScript", () => {
  test("a plain form post keeps the person signed in on a new session and ends the old ones", async () => {
    const here = await signInCookie(server, "r.begay@example.org");
    const elsewhere = await signInCookie(server, "r.begay@example.org");
    const res = await postForm(
      server,
      "/account/password",
      { currentPassword: DEMO_PASSWORD, newPassword: "river-stone-lantern", confirmPassword: "river-stone-lantern" },
      here,
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/account/password?changed");
    const renewed = res.headers.get("set-cookie")?.split(";")[0];
    expect(renewed).toMatch(/^ck_session=/);
    expect(renewed).not.toBe(here);
    const page = await send("/account/password?changed", { headers: { Cookie: renewed! } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Password changed.");
    expect(await signedIn(renewed!)).toBe(true);
    expect(await signedIn(here)).toBe(false);
    expect(await signedIn(elsewhere)).toBe(false);
    await signInCookie(server, "r.begay@example.org", "river-stone-lantern");
  });
});
