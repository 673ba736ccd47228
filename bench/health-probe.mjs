// `node bench/health-probe.mjs <url>`: asks <url> every 10 ms, one request at a time on a fresh connection, until
// its stdin closes, then prints the samples as JSON ({ at: epoch ms, ms, ok }). A process of its own, so that
// the benchmark's own work (building large form bodies, reading pages) never delays a sample.
import http from "node:http";

const url = /** @type {string} */ (process.argv[2]);
let running = true;
process.stdin.on("end", () => {
  running = false;
});
process.stdin.resume();

/** @returns {Promise<boolean>} */
const get = () =>
  new Promise((resolve) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode === 200));
    });
    req.setTimeout(30_000, () => req.destroy());
    req.on("error", () => resolve(false));
  });

/** @type {{ at: number, ms: number, ok: boolean }[]} */
const samples = [];
while (running) {
  const started = performance.now();
  const ok = await get();
  samples.push({ at: performance.timeOrigin + started, ms: performance.now() - started, ok });
  await new Promise((r) => setTimeout(r, 10));
}
process.stdout.write(JSON.stringify(samples));
