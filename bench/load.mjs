// The load generator, run by bench/run.mjs as its own process so that it does not share an event loop with
// the runner: autocannon against 127.0.0.1, a warm-up run that is thrown away, then the measured run.
//
//   node bench/load.mjs <job.json>   (prints one line of JSON)
//
// job: { url, connections, duration, warmup, expect: [status...], headers, cookies: [..] }          (GET)
//   or { ..., plays: { warmup: [queue...], measured: [queue...] } } where a queue is one connection's list
//   of { path, cookie, body } form posts, each a valid next choice of that connection's own attempts.
import fs from "node:fs";
// @ts-expect-error -- autocannon ships no type declarations; its shape as used here is typed below.
import untypedAutocannon from "autocannon";

/** @typedef {{ path: string, cookie: string, body: string }} Play */
/** @typedef {Record<string, string>} Headers */
/**
 * @typedef {{ method: string, path?: string, body?: string, headers?: Headers }} RequestShape
 * @typedef {{ method: string, path?: string, headers?: Headers,
 *   setupRequest?: (req: RequestShape) => RequestShape }} RequestDescription
 * @typedef {{ setRequests: (requests: RequestDescription[]) => void }} Client
 * @typedef {{ errors: number, timeouts: number, mismatches: number }} Result
 * @typedef {{ on: (event: "response",
 *   listener: (client: Client, status: number, bytes: number, responseTime: number) => void) => void }} Instance
 * @typedef {(opts: object, done: (error: Error | null, result: Result) => void) => Instance} Autocannon
 */
/**
 * @typedef {{ url: string, path?: string, connections: number, duration: number, warmup: number,
 *   expect?: number[], headers?: Headers, cookies?: string[],
 *   plays?: { warmup: Play[][], measured: Play[][] } }} Job
 */

const autocannon = /** @type {Autocannon} */ (untypedAutocannon);

/** @type {Job} */
const job = JSON.parse(fs.readFileSync(/** @type {string} */ (process.argv[2]), "utf8"));

/**
 * @param {number} duration
 * @param {Play[][] | undefined} queues
 * @returns {Promise<{ result: Result, statuses: Record<number, number>, exhausted: number, times: number[],
 *   elapsed: number }>}
 */
function run(duration, queues) {
  let next = 0;
  let exhausted = 0;
  /** @type {Record<number, number>} */
  const statuses = {};
  /** @type {number[]} */
  const times = [];
  const opts = {
    url: job.url,
    connections: job.connections,
    duration,
    pipelining: 1,
    timeout: 10,
    headers: job.headers ?? {},
    // One request description per connection, set up when autocannon creates the connection.
    /** @param {Client} client */
    setupClient(client) {
      const n = next++;
      if (queues) {
        const queue = /** @type {Play[]} */ (queues[n % queues.length]);
        let i = 0;
        client.setRequests([
          {
            method: "POST",
            /** @param {RequestShape} req */
            setupRequest(req) {
              // Out of prepared choices: resend the last one (an idempotent duplicate), and say so.
              const item = /** @type {Play} */ (queue[Math.min(i, queue.length - 1)]);
              if (i >= queue.length) exhausted++;
              i++;
              return {
                ...req,
                method: "POST",
                path: item.path,
                body: item.body,
                headers: { ...job.headers, cookie: item.cookie, "content-type": "application/x-www-form-urlencoded" },
              };
            },
          },
        ]);
      } else {
        const cookie = job.cookies?.length ? job.cookies[n % job.cookies.length] : undefined;
        client.setRequests([
          { method: "GET", path: job.path, headers: { ...job.headers, ...(cookie ? { cookie } : {}) } },
        ]);
      }
    },
  };
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const instance = autocannon(opts, (error, result) =>
      error
        ? reject(error)
        : resolve({ result, statuses, exhausted, times, elapsed: (performance.now() - started) / 1000 }),
    );
    // Every response's own time (autocannon's histogram keeps only 2xx, and has no p95).
    instance.on("response", (_client, status, _bytes, responseTime) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
      times.push(responseTime);
    });
  });
}

/**
 * @param {number[]} sorted
 * @param {number} p
 * @returns {number | null}
 */
function percentile(sorted, p) {
  if (!sorted.length) return null;
  return /** @type {number} */ (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]);
}

if (job.warmup > 0) await run(job.warmup, job.plays?.warmup);
const { result, statuses, exhausted, times, elapsed } = await run(job.duration, job.plays?.measured);
const expected = new Set(job.expect ?? [200]);
const unexpected = Object.entries(statuses)
  .filter(([s]) => !expected.has(Number(s)))
  .reduce((a, [, n]) => a + n, 0);
times.sort((a, b) => a - b);
/** @param {number | null} x */
const r2 = (x) => (x === null ? null : Math.round(x * 100) / 100);
console.log(
  JSON.stringify({
    connections: job.connections,
    duration: job.duration,
    elapsed: r2(elapsed),
    requests: times.length,
    rps: r2(times.length / job.duration),
    latency: {
      median: r2(percentile(times, 50)),
      p95: r2(percentile(times, 95)),
      p99: r2(percentile(times, 99)),
      max: r2(times[times.length - 1] ?? null),
      mean: r2(times.reduce((a, b) => a + b, 0) / Math.max(1, times.length)),
    },
    statuses,
    errors: result.errors + result.timeouts + unexpected + result.mismatches,
    socketErrors: result.errors,
    timeouts: result.timeouts,
    unexpected,
    exhausted,
  }),
);
