// Express → Remix, after @remix-run/express's adapter, with one difference: the body is read in full (within
// the size limit) and checked BEFORE Remix sees the request. A body that is not a readable form gets a short
// 4xx here instead of an exception inside an action, and no action ever runs on a cut-off body.
import { createRequestHandler, writeReadableStreamToWritable } from "@remix-run/node";
import { formBodyProblem } from "./request-guards.js";

/** @typedef {import("express").Request} ExpressRequest */
/** @typedef {import("express").Response} ExpressResponse */

/**
 * @param {{
 *   build: import("@remix-run/node").ServerBuild | (() => Promise<import("@remix-run/node").ServerBuild>),
 *   mode: string,
 *   getLoadContext: (req: ExpressRequest, res: ExpressResponse) => import("@remix-run/node").AppLoadContext | Promise<import("@remix-run/node").AppLoadContext>,
 *   maxBodyBytes: number,
 * }} options
 * @returns {import("express").RequestHandler}
 */
export function remixHandler({ build, mode, getLoadContext, maxBodyBytes }) {
  const handle = createRequestHandler(build, mode);
  return async (req, res, next) => {
    try {
      const body = req.method === "GET" || req.method === "HEAD" ? undefined : await readBody(req, res, maxBodyBytes);
      if (body === null) return; // refused as too large, or the client went away: nothing to answer
      if (body) {
        const problem = await formBodyProblem(req.headers["content-type"], body);
        if (problem) return res.status(problem.status).type("text/plain").send(problem.message);
      }
      const request = remixRequest(req, res, body);
      if (!request) return res.status(400).type("text/plain").send("The Host header is not valid.");
      const response = await handle(request, await getLoadContext(req, res));
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}

/**
 * The whole body, or null when it is over the limit (answered 413 here) or the request was cut off. Past the
 * limit nothing more is kept; the rest is read and dropped so that the client, still sending, can read the 413
 * (closing a socket with unread data resets it, and the answer can be lost). A body that goes on past
 * DISCARD_FACTOR times the limit is cut off.
 */
const DISCARD_FACTOR = 4;

/**
 * @param {ExpressRequest} req
 * @param {ExpressResponse} res
 * @param {number} limit
 * @returns {Promise<Buffer | null>}
 */
function readBody(req, res, limit) {
  return new Promise((resolve) => {
    /** @type {Buffer[] | null} */
    let chunks = [];
    let received = 0;
    const tooLarge = () => res.status(413).set("Connection", "close").type("text/plain").send("Request too large.");
    req.on("data", (/** @type {Buffer} */ chunk) => {
      received += chunk.length;
      if (received <= limit) return void chunks?.push(chunk);
      chunks = null;
      if (received > limit * DISCARD_FACTOR && !res.headersSent) {
        res.once("finish", () => req.destroy());
        tooLarge();
      }
    });
    req.once("end", () => {
      if (chunks) return resolve(Buffer.concat(chunks));
      if (!res.headersSent) tooLarge();
      resolve(null);
    });
    req.once("error", () => resolve(null));
    req.once("close", () => {
      if (!req.complete) resolve(null);
    });
  });
}

/**
 * @param {ExpressRequest} req
 * @param {ExpressResponse} res
 * @param {Buffer | undefined} body
 */
function remixRequest(req, res, body) {
  let url;
  try {
    // The same origin the same-origin check in server.js expects: the protocol (from the trusted proxy, if
    // any) and the Host header the client sent.
    // (Joined as text: a path such as //evil.example/admin stays a path of ours.)
    url = new URL(`${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`);
  } catch {
    return null;
  }
  const controller = new AbortController();
  // Loaders and actions are aborted when the client goes away before the response is complete.
  let finished = false;
  res.once("finish", () => (finished = true));
  res.once("close", () => finished || controller.abort());
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of /** @type {string[]} */ ([]).concat(value)) headers.append(key, v);
  }
  return new Request(
    url.href,
    /** @type {RequestInit} */ ({
      method: req.method,
      headers,
      signal: controller.signal,
      ...(body && body.byteLength ? { body, duplex: "half" } : {}),
    }),
  );
}

/**
 * @param {ExpressResponse} res
 * @param {Response} response
 */
async function sendResponse(res, response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
