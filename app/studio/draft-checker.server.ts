// Checks studio drafts off the thread that answers requests: one worker thread, one draft at a time, a short
// queue, a time limit and a memory limit. A draft that runs over either gets "this draft is too large to check"
// as an ordinary content error, and the worker is terminated (a fresh one starts for the next draft), so a
// crafted draft can slow only its own check, never the server. See docs/decisions/0102-draft-checker-worker.md.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { DomainError } from "../errors";
import type { DraftCheckResult, DraftKind } from "./draft-check.server";
import type { CheckerReply, CheckerRequest } from "./draft-checker-worker";

export interface DraftCheckerOptions {
  /** how long one draft may take */
  timeoutMs: number;
  /** the worker's heap (V8 old generation) */
  memoryMb: number;
  /** drafts that may wait while one is checked; more are refused with draftCheckerBusy() */
  queueLimit: number;
  /** a worker idle this long is stopped, giving its memory back */
  idleMs: number;
}

const DEFAULTS: DraftCheckerOptions = { timeoutMs: 10_000, memoryMb: 160, queueLimit: 3, idleMs: 30_000 };
/** Starting a worker loads the compilers; that is not the draft's time. */
const START_TIMEOUT_MS = 60_000;

/** Too many drafts are waiting: the caller says "try again in a moment" (429), nothing is stored. */
export function draftCheckerBusy(): DomainError {
  return new DomainError("busy", "The draft checker is busy with other drafts; try again in a few seconds.");
}

export function gaveUp(reason: NonNullable<DraftCheckResult["gaveUp"]>, detail: string): DraftCheckResult {
  return {
    ok: false,
    title: null,
    slug: null,
    map: null,
    flagged: [],
    scores: null,
    html: null,
    strategy: null,
    gaveUp: reason,
    issues: [
      {
        severity: "error",
        line: 1,
        message: `this draft is too large to check: ${detail}. Make it smaller (fewer participants, nodes, meters, conditions or sections) and check again.`,
      },
    ],
  };
}

interface Job {
  kind: DraftKind;
  source: string;
  keep: boolean;
  timeoutMs: number;
  resolve: (result: DraftCheckResult) => void;
  reject: (error: unknown) => void;
}

export interface DraftChecker {
  /** keep: the text is being stored, so a scenario that compiles is kept in the content cache for publishing */
  check(kind: DraftKind, source: string, options?: { timeoutMs?: number; keep?: boolean }): Promise<DraftCheckResult>;
  /** counts, for tests and the benchmark; workersTerminated: stopped because a draft ran over time or memory */
  stats(): { checks: number; workersStarted: number; workersTerminated: number; queued: number };
  close(): Promise<void>;
}

export function createDraftChecker(options: Partial<DraftCheckerOptions> = {}): DraftChecker {
  const settings = { ...DEFAULTS, ...options };
  const queue: Job[] = [];
  const counts = { checks: 0, workersStarted: 0, workersTerminated: 0 };
  let worker: Promise<Worker> | null = null;
  let live: Worker | null = null;
  let busy = false;
  let idleTimer: ReturnType<typeof setTimeout> | null = null;
  let nextId = 1;

  async function startWorker(): Promise<Worker> {
    const started = new Worker(await workerEntry(), {
      resourceLimits: { maxOldGenerationSizeMb: settings.memoryMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
    });
    counts.workersStarted++;
    // Its errors are answered through answerOf while a draft is checked; one that dies idle is replaced later.
    started.on("error", () => {});
    started.on("exit", () => {
      if (live !== started) return;
      live = null;
      worker = null;
    });
    try {
      await answerOf(started, { type: "warm-up" }, (r) => r.type === "ready", START_TIMEOUT_MS, "start");
    } catch (error) {
      await started.terminate();
      throw error;
    }
    live = started;
    return started;
  }

  async function stopWorker(): Promise<void> {
    const stopping = worker;
    worker = null;
    live = null;
    const w = stopping ? await stopping.catch(() => null) : null;
    await w?.terminate();
  }

  /** One draft on the worker: its result, or "too large" when it ran over (and the worker is then gone). */
  async function checkOn(w: Worker, job: Job): Promise<DraftCheckResult> {
    // Held open while it works (a script awaiting a check must not exit); idle, it keeps no process alive.
    w.ref();
    counts.checks++;
    const id = nextId++;
    try {
      const reply = await answerOf(
        w,
        { type: "check", id, kind: job.kind, source: job.source, keep: job.keep },
        (r) => "id" in r && r.id === id,
        job.timeoutMs,
        "time",
      );
      if (reply.type === "checked") return reply.result;
      return gaveUp("failure", `the checker failed on it (${reply.type === "failed" ? reply.message : "no answer"})`);
    } catch (error) {
      // Over time (terminated here) or over memory (stopped by V8): either way that worker is gone.
      counts.workersTerminated++;
      await stopWorker();
      return verdictFor(error, job.timeoutMs, settings.memoryMb);
    } finally {
      w.unref();
    }
  }

  async function runNext(): Promise<void> {
    if (busy || !queue.length) return;
    busy = true;
    if (idleTimer) clearTimeout(idleTimer);
    const job = queue.shift()!;
    try {
      worker ??= startWorker();
      const w = await worker.catch((error) => {
        // No checker at all is the server's fault, not the draft's: the request fails and says so in the log.
        worker = null;
        throw error;
      });
      job.resolve(await checkOn(w, job));
    } catch (error) {
      job.reject(error);
    } finally {
      busy = false;
      if (queue.length) void runNext();
      else idleTimer = setTimeout(() => void stopWorker(), settings.idleMs).unref();
    }
  }

  return {
    check(kind, source, options = {}) {
      if (queue.length >= settings.queueLimit) return Promise.reject(draftCheckerBusy());
      return new Promise<DraftCheckResult>((resolve, reject) => {
        queue.push({
          kind,
          source,
          keep: options.keep ?? false,
          timeoutMs: options.timeoutMs ?? settings.timeoutMs,
          resolve,
          reject,
        });
        void runNext();
      });
    },
    stats: () => ({ ...counts, queued: queue.length }),
    close: stopWorker,
  };
}

class WorkerGone extends Error {
  constructor(
    readonly reason: "time" | "memory" | "exit",
    message: string,
  ) {
    super(message);
  }
}

/** Posts a request and waits for the matching reply; rejects on time-out, on a worker error and on exit. */
function answerOf(
  worker: Worker,
  request: CheckerRequest,
  matches: (reply: CheckerReply) => boolean,
  timeoutMs: number,
  what: string,
): Promise<CheckerReply> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
    };
    const onMessage = (reply: CheckerReply) => {
      if (!matches(reply)) return;
      done();
      resolve(reply);
    };
    const onError = (error: Error & { code?: string }) => {
      done();
      reject(new WorkerGone(error.code === "ERR_WORKER_OUT_OF_MEMORY" ? "memory" : "exit", error.message));
    };
    const onExit = () => {
      done();
      reject(new WorkerGone("exit", "the checker stopped"));
    };
    const timer = setTimeout(() => {
      done();
      reject(new WorkerGone("time", what));
    }, timeoutMs);
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
    worker.postMessage(request);
  });
}

function verdictFor(error: unknown, timeoutMs: number, memoryMb: number): DraftCheckResult {
  if (error instanceof WorkerGone && error.reason === "time")
    return gaveUp("time", `checking it took longer than ${formatSeconds(timeoutMs)}`);
  if (error instanceof WorkerGone && error.reason === "memory")
    return gaveUp("memory", `checking it needed more than ${memoryMb} MB of memory`);
  return gaveUp(
    "failure",
    `the checker stopped while reading it (${error instanceof Error ? error.message : String(error)})`,
  );
}

const formatSeconds = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`);

// ---------------------------------------------------------------------------------------- the worker's code
// A production build ships it as build/server/draft-checker.mjs (scripts/build-draft-checker.ts). Tests and the
// development server have no build: they bundle the TypeScript entry with esbuild once, into .cache/.

export const WORKER_SOURCE = "app/studio/draft-checker-worker.ts";
export const WORKER_BUNDLE_NAME = "draft-checker.mjs";
let entry: Promise<string> | null = null;

function workerEntry(): Promise<string> {
  entry ??= findOrBuildEntry().catch((error) => {
    entry = null;
    throw error;
  });
  return entry;
}

async function findOrBuildEntry(): Promise<string> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.join(here, WORKER_BUNDLE_NAME), path.join(here, "..", WORKER_BUNDLE_NAME)]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  const code = await bundleDraftChecker(process.cwd());
  const dir = path.resolve(".cache", "draft-checker");
  const file = path.join(
    dir,
    `draft-checker-${crypto.createHash("sha256").update(code).digest("hex").slice(0, 16)}.mjs`,
  );
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, code);
    fs.renameSync(temp, file);
  }
  return file;
}

/** The worker entry and our code it imports, as one ES module; packages stay imports from node_modules. */
export async function bundleDraftChecker(root: string): Promise<string> {
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [path.join(root, WORKER_SOURCE)],
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    jsx: "automatic",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

let shared: DraftChecker | null = null;
/** The process's checker. */
export function draftChecker(): DraftChecker {
  shared ??= createDraftChecker();
  return shared;
}
