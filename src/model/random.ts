/**
 * Seeded random streams, one per purpose. Each stream is seedrandom's `alea` generator seeded
 * from (seed, replication, purpose index), so two scenarios run with the same seed and replication
 * share their luck wherever they draw from the same stream the same way (common random numbers).
 */
import seedrandom from 'seedrandom';

/** A generator of uniform numbers in [0, 1). */
export type Rng = () => number;

/** The purposes that draw random numbers; each gets its own independent stream. */
export const STREAM_PURPOSES = ['init', 'market', 'meeting', 'misuse', 'exit'] as const;
export type StreamPurpose = (typeof STREAM_PURPOSES)[number];

/** One run's streams, keyed by purpose. */
export type Streams = Record<StreamPurpose, Rng>;

/** Derive the streams of one replication from a seed. */
export function createStreams(seed: number, replication: number): Streams {
  const out = {} as Streams;
  // Short seed strings: alea's seeding hashes every character, and runs are many.
  for (let k = 0; k < STREAM_PURPOSES.length; k++) {
    out[STREAM_PURPOSES[k]] = seedrandom.alea(`${seed >>> 0}:${replication >>> 0}:${k}`) as Rng;
  }
  return out;
}

/** A standard normal draw (Box–Muller; uses exactly two uniforms). */
export function normal(rng: Rng): number {
  const u = 1 - rng(); // in (0, 1]: log never sees 0
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A normal draw with the given mean and sd, clipped to [0, 1]. */
export function clippedNormal(rng: Rng, mean: number, sd: number): number {
  const x = mean + sd * normal(rng);
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
