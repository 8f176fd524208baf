/**
 * Seeded random streams, one per purpose. Each stream is seedrandom's `alea` generator seeded
 * from (seed, replication, purpose index), so two scenarios run with the same seed and replication
 * share their luck wherever they draw from the same stream the same way (common random numbers).
 */
import seedrandom from 'seedrandom';
import { exp, log } from './detmath.ts';

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

/**
 * A standard normal draw (Marsaglia's polar method, one of the pair kept). It needs only log and
 * sqrt, and log is our own deterministic one, so the bits are the same in every engine. The
 * number of uniforms used depends only on the stream itself, never on the scenario, so streams
 * stay aligned between scenarios compared with the same seed.
 */
export function normal(rng: Rng): number {
  for (;;) {
    const u = 2 * rng() - 1;
    const v = 2 * rng() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * log(s)) / s);
  }
}

/** A normal draw with the given mean and sd, clipped to [0, 1]. */
export function clippedNormal(rng: Rng, mean: number, sd: number): number {
  const x = mean + sd * normal(rng);
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/**
 * The standard normal distribution function Φ(z), by Abramowitz & Stegun's formula 7.1.26 for
 * erfc (absolute error below 1.5e-7), with our deterministic exp, so the bits are the same in
 * every engine. It maps a correlated normal draw to a uniform (initialize.ts, dispositions) and
 * gives compare's p-values (src/experiment/stats.ts).
 */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  // Exactly ½ at 0 (the polynomial's erfc(0) is 1 − 5e-10), so Φ(−z) = 1 − Φ(z) holds there too.
  if (z === 0) return 0.5;
  const x = (z < 0 ? -z : z) * Math.SQRT1_2;
  const t = 1 / (1 + 0.3275911 * x);
  const tail = 0.5 * t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * exp(-x * x);
  return z < 0 ? tail : 1 - tail;
}
