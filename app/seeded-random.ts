// One seeded pseudo-random generator for everything that must come out the same on every machine and reload:
// question draws, assessed choice order, the strategy report's Monte Carlo fallback. Pure.

/** mulberry32: the same sequence in [0, 1) for the same 32-bit seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
