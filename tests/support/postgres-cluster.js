// A throwaway PostgreSQL cluster for tests: a temporary folder, initdb + pg_ctl on a free loopback port, removed
// afterwards. initdb refuses to run as root, so as root the cluster runs as the `postgres` user (runuser). Plain JS
// so that the end-to-end server (tests/e2e/serve.js, plain node) starts one as Vitest's global setup does.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { postgresBinaries } from "./postgres-binaries.js";

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

const asRoot = process.getuid?.() === 0;

/** @param {string} bin @param {string[]} args */
function runAsOwner(bin, args) {
  const [command, commandArgs] = asRoot ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
  execFileSync(command, commandArgs, { stdio: ["ignore", "pipe", "pipe"] });
}

/**
 * Stops the cluster in `dir` if it still runs (`-m immediate`: nothing in it is worth keeping) and removes the folder.
 * Also for a cluster left behind by a test run that was killed before it could do so.
 * @param {string} dir
 */
export function removeCluster(dir) {
  const data = path.join(dir, "data");
  const bin = postgresBinaries();
  try {
    if (bin && fs.existsSync(path.join(data, "postmaster.pid")))
      runAsOwner(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Starts a cluster tuned for tests (no fsync: the tests kill app processes, never the database server).
 * @returns {Promise<{ port: number, dir: string, url(database: string): string, stop(): void }>}
 */
export async function startCluster() {
  const bin = postgresBinaries();
  if (!bin) throw new Error("PostgreSQL is not installed (apt-get install postgresql, or set PG_BIN).");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ck-pg-"));
  if (asRoot) execFileSync("chown", ["postgres:postgres", dir]);
  const data = path.join(dir, "data");
  const port = await freePort();
  runAsOwner(path.join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "ck", "-E", "UTF8", "--no-sync"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
  runAsOwner(path.join(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", path.join(dir, "log"), "-w", "start"]);
  let stopped = false;
  return {
    port,
    dir,
    url: (database) => `postgresql://ck@127.0.0.1:${port}/${database}`,
    stop() {
      if (stopped) return;
      stopped = true;
      removeCluster(dir);
    },
  };
}
