// The exports' back-pressure (server/drain-waiter.js) on a real socket: a response that fell behind and caught up
// before the export asked must not leave the export waiting (the whole-agency CSV on PostgreSQL hung that way).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, expect, test } from "vitest";
import { drainWaiter } from "../../server/drain-waiter.js";

let server: http.Server | null = null;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

const within = <T>(ms: number, promise: Promise<T>) =>
  Promise.race([promise, new Promise<"timed out">((resolve) => setTimeout(() => resolve("timed out"), ms))]);

test("a drain that happened before the export asks lets it go on at once", async () => {
  const outcome = new Promise<string>((resolve, reject) => {
    server = http.createServer((_req, res) => {
      void (async () => {
        try {
          const waitForDrain = drainWaiter(res as never);
          // More than the socket takes at once: the write falls behind.
          const wrote = res.write(Buffer.alloc(8 * 1024 * 1024, 97));
          expect(wrote).toBe(false);
          // The client reads everything; the response catches up before anyone waits.
          await new Promise((r) => res.once("drain", r));
          const waited = await within(
            2000,
            waitForDrain().then(() => "went on"),
          );
          res.end();
          resolve(waited);
        } catch (error) {
          reject(error);
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const { port } = server!.address() as AddressInfo;
  await new Promise<void>((resolve, reject) =>
    http.get(`http://127.0.0.1:${port}/`, (res) => res.on("data", () => {}).on("end", resolve)).on("error", reject),
  );
  expect(await outcome).toBe("went on");
});

test("an export that is ahead of a slow client waits for the drain", async () => {
  const outcome = new Promise<string>((resolve, reject) => {
    server = http.createServer((_req, res) => {
      void (async () => {
        try {
          const waitForDrain = drainWaiter(res as never);
          res.write(Buffer.alloc(8 * 1024 * 1024, 97));
          const first = await within(
            300,
            waitForDrain().then(() => "went on"),
          );
          resume();
          const second = await within(
            5000,
            waitForDrain().then(() => "went on"),
          );
          res.end();
          resolve(`${first}, then ${second}`);
        } catch (error) {
          reject(error);
        }
      })();
    });
  });
  let resume = () => {};
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const { port } = server!.address() as AddressInfo;
  const done = new Promise<void>((resolve, reject) =>
    http
      .get(`http://127.0.0.1:${port}/`, (res) => {
        res.pause();
        resume = () => res.resume();
        res.on("end", resolve);
      })
      .on("error", reject),
  );
  expect(await outcome).toBe("timed out, then went on");
  await done;
});
