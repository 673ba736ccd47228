// A production server of a test's own (its own free port and database file), for tests that must write data
// others should not see, kill the server, or restart it on the same database.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export interface OwnServer {
  url: string;
  port: number;
  databaseFile: string;
  /** Everything the server printed. */
  output(): string;
  /** SIGTERM, and wait for the process to end. */
  stop(): Promise<void>;
  /** SIGKILL: no chance to finish anything. */
  kill(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** A fresh folder under tests/.tmp for one test's files. */
export function tempDir(name: string): string {
  const dir = path.resolve(`tests/.tmp/${name}-${process.pid}-${Date.now()}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Starts `node server.js` (the production build in BUILD_DIR) on the given database; seeds it when empty. */
export async function startServer(databaseFile: string, env: Record<string, string> = {}): Promise<OwnServer> {
  const buildDir = process.env.BUILD_DIR || "build";
  if (!fs.existsSync(path.join(buildDir, "server/index.js"))) throw new Error(`No production build in ${buildDir}/`);
  const port = await freePort();
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${databaseFile}`,
      BUILD_DIR: buildDir,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let running = true;
  void exited.then(() => (running = false));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (!running) throw new Error(`The server stopped while starting:\n${output}`);
    try {
      if ((await fetch(`${url}/healthcheck`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`The server did not start within 180 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const end = async (signal: NodeJS.Signals) => {
    if (running) child.kill(signal);
    await exited;
  };
  return { url, port, databaseFile, output: () => output, stop: () => end("SIGTERM"), kill: () => end("SIGKILL") };
}

/** Signs in over HTTP; returns the Cookie header value for later requests. */
export async function signInCookie(
  server: { url: string },
  email: string,
  password = "circlekeeper-demo",
): Promise<string> {
  const res = await fetch(`${server.url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
    body: new URLSearchParams({ email, password }),
  });
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (res.status !== 302 || !cookie) throw new Error(`Sign-in of ${email} failed: ${res.status} ${await res.text()}`);
  return cookie;
}

/** A same-origin form post as a browser would send it, without following redirects. */
export function postForm(
  server: { url: string },
  pathname: string,
  fields: Record<string, string>,
  cookie?: string,
): Promise<Response> {
  return fetch(`${server.url}${pathname}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: server.url,
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams(fields),
  });
}
