// The draft checker's worker thread (started by draft-checker.server.ts from a bundle of this file). It checks
// one draft at a time and answers with plain data. It may be terminated at any moment: it holds no state.
import { type MessagePort, parentPort } from "node:worker_threads";
import { checkDraftSource, type DraftKind } from "./draft-check.server";

export type CheckerRequest =
  { type: "warm-up" } | { type: "check"; id: number; kind: DraftKind; source: string; keep: boolean };
export type CheckerReply =
  | { type: "ready" }
  | { type: "checked"; id: number; result: Awaited<ReturnType<typeof checkDraftSource>> }
  | { type: "failed"; id: number; message: string };

const port = parentPort;
if (!port) throw new Error("draft-checker-worker runs only as a worker thread");

port.on("message", (request: CheckerRequest) => void answer(port, request));

async function answer(port: MessagePort, request: CheckerRequest) {
  if (request.type === "warm-up") {
    // Load the compilers now, so that a draft's time limit measures checking, not start-up.
    await import("mdx-bundler");
    port.postMessage({ type: "ready" } satisfies CheckerReply);
    return;
  }
  try {
    const result = await checkDraftSource(request.kind, request.source, request.keep);
    port.postMessage({ type: "checked", id: request.id, result } satisfies CheckerReply);
  } catch (error) {
    // e.g. a stack overflow on a shape no limit foresaw: an answer about the draft, not a crash.
    const message = error instanceof Error ? error.message : String(error);
    port.postMessage({
      type: "failed",
      id: request.id,
      message: message.split("\n")[0]!.slice(0, 200),
    } satisfies CheckerReply);
  }
}
