// How big the reliability suites run: `npm test` runs them small (scale 1); `npm run soak`
// (BKP_SOAK=1, or BKP_RELIABILITY_SCALE=N) runs the same files with N times the seeds and inputs.
export function reliabilityScale(): number {
  const explicit = Number(process.env.BKP_RELIABILITY_SCALE ?? '');
  if (Number.isFinite(explicit) && explicit >= 1) return Math.floor(explicit);
  return process.env.BKP_SOAK === '1' ? 10 : 1;
}

/** `base` items at scale 1, `base * scale` otherwise. */
export function scaled(base: number): number {
  return base * reliabilityScale();
}

/** mulberry32, as the sandbox's fault injector uses: a seeded PRNG with no dependency. */
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

export function randomInt(random: () => number, below: number): number {
  return Math.floor(random() * below);
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[randomInt(random, items.length)]!;
}
