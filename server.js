// The HTTP server: security headers, a same-origin check for writes, refusals of malformed requests
// (server/request-guards.js), static assets, and Remix (server/remix-handler.js).
// `node server.js` serves the production build; `node server.js --dev` runs Vite in middleware mode.
import crypto from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import zlib from "node:zlib";
import compression from "compression";
import express from "express";
import { prepareDatabase } from "./scripts/prepare-database.js";
import { drainWaiter } from "./server/drain-waiter.js";
import { remixHandler } from "./server/remix-handler.js";
import {
  ALLOWED_METHODS,
  HSTS,
  privateUnlessSaidOtherwise,
  refuseDataQuery,
  refuseOtherMethods,
} from "./server/request-guards.js";

const isDev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);
// Behind a reverse proxy, set HOST=127.0.0.1 so that only the proxy can reach the server.
const host = process.env.HOST || "0.0.0.0";
const MAX_BODY_BYTES = 1024 * 1024;
const buildDir = process.env.BUILD_DIR || "build";

try {
  await prepareDatabase({ seedIfEmpty: process.env.SEED_DEMO !== "false" });
} catch (error) {
  console.error(`Circlekeeper cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const vite = isDev ? await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } })) : undefined;

const app = express();
app.disable("x-powered-by");
// Behind a reverse proxy that terminates TLS, TRUST_PROXY names the proxies to believe (a hop count, or
// addresses such as "loopback"): X-Forwarded-Proto then gives the protocol the same-origin check expects, and
// X-Forwarded-For the client address that sign-in throttling counts. Unset, those headers are ignored.
if (process.env.TRUST_PROXY) {
  const trust = process.env.TRUST_PROXY;
  app.set("trust proxy", /^\d+$/.test(trust) ? Number(trust) : trust);
}
// Brotli at its default quality costs more CPU per page than rendering it; quality 4 (and gzip level 5)
// keeps most of the saving for a fraction of the time.
app.use(compression({ level: 5, brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } } }));

app.use((req, res, next) => {
  res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
  const scriptSrc = isDev
    ? `'self' 'nonce-${res.locals.cspNonce}' 'unsafe-inline'`
    : `'self' 'nonce-${res.locals.cspNonce}'`;
  res.setHeader(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      `script-src ${isDev ? `'self' 'unsafe-inline'` : scriptSrc}`,
      `style-src 'self'${isDev ? " 'unsafe-inline'" : ""}`,
      "img-src 'self' data:",
      "font-src 'self'",
      `connect-src 'self'${isDev ? " ws:" : ""}`,
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; "),
  );
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  // req.secure: over TLS, or forwarded as HTTPS by a proxy TRUST_PROXY names. Never on plain HTTP, where a
  // browser ignores it anyway and a LAN install (SECURE_COOKIES=false) must stay reachable.
  if (req.secure) res.setHeader("Strict-Transport-Security", HSTS);
  next();
});
app.use(privateUnlessSaidOtherwise);

// No cross-origin resource sharing here: OPTIONS gets an empty answer and never reaches a loader.
app.options("*", (req, res) => res.set("Allow", ALLOWED_METHODS.join(", ")).status(204).end());

// Writes must come from our own pages: refuse a cross-site request, and bodies too large to be a form.
app.use((req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const length = Number(req.headers["content-length"] ?? 0);
  if (length > MAX_BODY_BYTES) return res.status(413).type("text/plain").send("Request too large.");
  const origin = req.headers.origin ?? refererOrigin(req.headers.referer);
  const expected = `${req.protocol}://${req.headers.host}`;
  if (origin && origin !== "null" && origin !== expected) {
    return res.status(403).type("text/plain").send("Cross-site request refused.");
  }
  if (origin === "null") return res.status(403).type("text/plain").send("Cross-site request refused.");
  next();
});

/** @param {string | undefined} referer */
function refererOrigin(referer) {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return "invalid";
  }
}

// After the same-origin check (a cross-site PUT is refused as cross-site), before anything reaches Remix.
app.use(refuseOtherMethods);
app.use(refuseDataQuery);

if (vite) {
  app.use(vite.middlewares);
} else {
  app.use("/assets", express.static(`${buildDir}/client/assets`, { immutable: true, maxAge: "1y" }));
  app.use(express.static(`${buildDir}/client`, { maxAge: "1h" }));
}

const build = vite
  ? () => vite.ssrLoadModule("virtual:remix/server-build")
  : await import(pathToFileURL(path.resolve(buildDir, "server/index.js")).href);

// The body is read in full before Remix (within MAX_BODY_BYTES, also when sent without Content-Length) and
// refused with a 4xx unless it is a readable form.
app.all(
  "*",
  remixHandler({
    build,
    mode: isDev ? "development" : "production",
    maxBodyBytes: MAX_BODY_BYTES,
    getLoadContext: (/** @type {import("express").Request} */ req, /** @type {import("express").Response} */ res) => ({
      waitForDrain: drainWaiter(res),
      cspNonce: res.locals.cspNonce,
      clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
    }),
  }),
);

// Errors Express raises on a malformed request (a path with broken percent-encoding): a short 4xx, not a
// stack trace in the log.
app.use(
  (
    /** @type {any} */ error,
    /** @type {import("express").Request} */ req,
    /** @type {import("express").Response} */ res,
    /** @type {import("express").NextFunction} */ next,
  ) => {
    const status = Number(error?.status ?? error?.statusCode);
    if (!(status >= 400 && status < 500)) return next(error);
    if (!res.headersSent)
      res
        .status(status)
        .type("text/plain")
        .send(error instanceof URIError ? "The address is not valid." : "Bad request.");
  },
);

const server = app.listen(port, host, () => {
  console.log(`Circlekeeper is listening on http://localhost:${port}`);
});
// CONNECT never reaches Express: without this, Node just closes the connection.
server.on("connect", (req, socket) => {
  const body = "Method not allowed.";
  socket.end(
    `HTTP/1.1 405 Method Not Allowed\r\nAllow: ${ALLOWED_METHODS.join(", ")}\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
  );
});

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => server.close(() => process.exit(0)));
}
