// Server rendering: streams HTML, passing the request's CSP nonce to every script Remix writes.
import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { warmContent } from "./content-pipeline/warm.server";
import { startBackgroundJobs } from "./jobs/background.server";
import { ModuleHtmlProvider } from "./ui/module-html";
import { NonceProvider } from "./ui/nonce";
import { wireDomains } from "./wiring.server";

wireDomains();
void warmContent();
startBackgroundJobs();

export const streamTimeout = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : undefined;
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  if (responseStatusCode === 405) responseHeaders.set("Allow", PAGE_WITHOUT_ACTION_ALLOWS);
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <ModuleHtmlProvider value={loadContext.moduleHtml}>
          <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
        </ModuleHtmlProvider>
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}

/** Remix answers 405 to a POST to a page that has no form; HTTP wants the methods it does take named. */
const PAGE_WITHOUT_ACTION_ALLOWS = "GET, HEAD, OPTIONS";

export function handleDataRequest(response: Response) {
  if (response.status === 405) response.headers.set("Allow", PAGE_WITHOUT_ACTION_ALLOWS);
  return response;
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // A 4xx the router raises itself (such as a POST to a page that has no form) is the client's mistake: it
  // gets its answer, and the log keeps error level for our own faults.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  console.error(error);
}
