// Back-pressure for long streamed responses (the CSV exports): see drainWaiter.
/**
 * Remix writes a streamed body without waiting for the socket. Long exports call this between chunks
 * instead: it resolves at once while the response keeps up, and on 'drain' when it has fallen behind.
 * The 'drain' listener is attached by the write that fell behind, not by the waiter: the socket may drain
 * before the export asks (a fast client, rows that come from the network), and a 'drain' that fired before
 * anyone listened would leave the export waiting for good.
 */
/** @param {import("express").Response} res */
export function drainWaiter(res) {
  let behind = false;
  /** @type {(() => void)[]} */
  const waiting = [];
  const caughtUp = () => {
    behind = false;
    for (const resolve of waiting.splice(0)) resolve();
  };
  res.once("close", caughtUp);
  const write = res.write;
  res.write = /** @type {typeof res.write} */ (
    function (/** @type {any[]} */ ...args) {
      // @ts-expect-error -- forwarding whichever overload the caller used
      const ok = write.apply(this, args);
      if (!ok && !behind) {
        behind = true;
        res.once("drain", caughtUp);
      }
      return ok;
    }
  );
  return () =>
    behind && !res.destroyed
      ? new Promise((/** @type {(value?: void) => void} */ resolve) => waiting.push(resolve))
      : Promise.resolve();
}
