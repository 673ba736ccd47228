// What server.js checks before a request reaches Remix, so that a malformed request gets a short 4xx answer
// instead of an exception (and a stack trace in the log) inside Remix or an action; and the headers that
// depend on how a response may be kept.

/** The methods our pages use. Anything else (TRACE, PUT, PROPFIND…) is refused before it can reach an action. */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "OPTIONS"];

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/** Two years, every subdomain: sent only on requests that came over HTTPS (directly or via the trusted proxy). */
export const HSTS = "max-age=63072000; includeSubDomains";

/** For every response without a Cache-Control of its own: what Remix answers depends on who is signed in. */
export const PRIVATE_NO_STORE = "private, no-store";

/** @type {import("express").RequestHandler} */
export function refuseOtherMethods(req, res, next) {
  if (ALLOWED_METHODS.includes(req.method)) return next();
  res.status(405).set("Allow", ALLOWED_METHODS.join(", ")).type("text/plain").send("Method not allowed.");
}

/** `?_data=` is how Remix before single fetch asked for a route's data; nothing of ours sends it any more. */
/** @type {import("express").RequestHandler} */
export function refuseDataQuery(req, res, next) {
  const query = req.originalUrl.indexOf("?");
  if (query === -1 || !new URLSearchParams(req.originalUrl.slice(query + 1)).has("_data")) return next();
  res.status(400).type("text/plain").send("This address does not take a _data parameter.");
}

/** Sets Cache-Control: private, no-store on every response that has not chosen its own when its head is written. */
/** @type {import("express").RequestHandler} */
export function privateUnlessSaidOtherwise(req, res, next) {
  const writeHead = res.writeHead;
  res.writeHead = /** @type {typeof res.writeHead} */ (
    function (/** @type {any[]} */ ...args) {
      if (!res.hasHeader("Cache-Control")) res.setHeader("Cache-Control", PRIVATE_NO_STORE);
      // @ts-expect-error -- forwarding whichever overload the caller used
      return writeHead.apply(this, args);
    }
  );
  next();
}

/**
 * Why a request body cannot be an action's form, or null when it can (or there is none). Every action reads
 * `request.formData()`: a body of another type, or a multipart body that is cut off or broken, would throw there.
 */
/**
 * @param {string | undefined} contentType
 * @param {Buffer} body
 * @returns {Promise<{ status: number, message: string } | null>}
 */
export async function formBodyProblem(contentType, body) {
  if (body.byteLength === 0) return null;
  const type = (String(contentType ?? "").split(";")[0] ?? "").trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) {
    return { status: 415, message: "Send forms as application/x-www-form-urlencoded or multipart/form-data." };
  }
  if (type === "multipart/form-data") {
    try {
      const bytes = /** @type {Uint8Array<ArrayBuffer>} */ (
        new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
      );
      await new Response(bytes, {
        headers: { "Content-Type": String(contentType) },
      }).formData();
    } catch {
      return { status: 400, message: "The form could not be read: the request body is incomplete or malformed." };
    }
  }
  return null;
}
